// Names every function Apps Script sees as a global. scripts/build.ts bundles everything into
// dist/Code.js and turns each export into a top-level function there, calling into the bundle.

export { showFormulaHelp, showSidebar } from "./addon/dialogs";
export { onInstall, onOpen } from "./addon/menu";
export { checkInstallation, checkInstallationFromMenu } from "./addon/self-check";
export {
  buildReport,
  checkAccount,
  checkInputs,
  continueBuild,
  estimateBigQuery,
  getBigQueryColumns,
  getBuildProgress,
  getDateSummary,
  getGa4Export,
  getSelectedRange,
  getSelectionInfo,
  openReportSheet,
  refreshReports,
  refreshReportsFromMenu,
  undoBuild,
} from "./addon/server";
export { COHORT_LTV, COHORT_RETENTION, COHORT_REVENUE, RFM } from "./functions/cohorts";
export {
  AOV,
  CAC,
  CHURN,
  CLV,
  LTV,
  LTV_CAC,
  LTV_CHURN,
  PAYBACK,
  PURCHASE_FREQUENCY,
  REPEAT_RATE,
  RETENTION,
} from "./functions/everyday";
export { FORECAST_CHECK } from "./functions/forecast-check";
export {
  BGNBD_PARAMS,
  GAMMAGAMMA_PARAMS,
  PREDICTED_CLV,
  RETENTION_FORECAST,
  SBG_PARAMS,
} from "./functions/forecasts";
export { FIT_PURCHASE_MODEL, MBGNBD_PARAMS } from "./functions/model-fits";
export { PAYBACK_CURVE } from "./functions/payback";
export { EXPECTED_PURCHASES, P_ALIVE, PROB_PURCHASES } from "./functions/predictions";
export { BGBB_FORECAST, BGBB_PARAMS, PARETONBD_PARAMS } from "./functions/purchase-models";
export { PREDICTED_NEW_CUSTOMER_VALUE, RFM_SEGMENTS } from "./functions/segments";
export { COHORT_NRR, GRR, MRR_MOVEMENTS, NRR } from "./functions/subscription";
