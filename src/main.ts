// The entry: only names what Apps Script sees as global functions. scripts/build.ts turns each export
// into a top-level function in dist/Code.js, with its JSDoc.

export { onInstall, onOpen, showFormulaHelp, showSidebar } from "./addon/menu";
export {
  buildReport,
  checkAccount,
  checkInputs,
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
export { BGBB_FORECAST, BGBB_PARAMS, PARETONBD_PARAMS } from "./functions/purchase-models";
export { COHORT_NRR, GRR, MRR_MOVEMENTS, NRR } from "./functions/subscription";
