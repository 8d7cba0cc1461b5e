// Names every function Apps Script sees as a global. scripts/build.ts turns each export into a
// top-level function in dist/Code.js: the custom functions and the menu run from Code.js's own
// bundle; every other add-on entry is a stub that loads the add-on from dist/Addon.html on demand
// (see `shipsInCode` in scripts/exports.ts).

export { showFormulaHelp, showSidebar } from "./addon/dialogs";
export { onInstall, onOpen } from "./addon/menu";
export {
  buildReport,
  checkAccount,
  checkInputs,
  estimateBigQuery,
  getBigQueryColumns,
  getBuildProgress,
  getDateSummary,
  getSelectedRange,
  getSelectionInfo,
  openReportSheet,
  refreshReports,
  refreshReportsFromMenu,
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
