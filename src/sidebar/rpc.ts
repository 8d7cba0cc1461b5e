/**
 * A typed wrapper over `google.script.run`: each server function becomes a function returning a
 * Promise of its result, typed from src/addon/server.ts, so a changed server signature is a compile
 * error here. Only types are imported; the server code never ships in the sidebar.
 */
import type * as Dialogs from "../addon/dialogs";
import type * as Server from "../addon/server";

type Api = Pick<
  typeof Server,
  | "getSelectionInfo"
  | "getSelectedRange"
  | "getDateSummary"
  | "checkInputs"
  | "checkAccount"
  | "buildReport"
  | "continueBuild"
  | "undoBuild"
  | "refreshReports"
  | "getBuildProgress"
  | "openReportSheet"
  | "getBigQueryColumns"
  | "estimateBigQuery"
  | "getGa4Export"
> &
  Pick<typeof Dialogs, "showFormulaHelp">;

export type Remote = {
  [K in keyof Api]: (...args: Parameters<Api[K]>) => Promise<ReturnType<Api[K]>>;
};

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

function call(name: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const run = google.script.run.withSuccessHandler(resolve).withFailureHandler(reject);
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

export const server: Remote = {
  getSelectionInfo: (...args) => call("getSelectionInfo", args) as ReturnType<Remote["getSelectionInfo"]>,
  getSelectedRange: (...args) => call("getSelectedRange", args) as ReturnType<Remote["getSelectedRange"]>,
  getDateSummary: (...args) => call("getDateSummary", args) as ReturnType<Remote["getDateSummary"]>,
  checkInputs: (...args) => call("checkInputs", args) as ReturnType<Remote["checkInputs"]>,
  checkAccount: (...args) => call("checkAccount", args) as ReturnType<Remote["checkAccount"]>,
  buildReport: (...args) => call("buildReport", args) as ReturnType<Remote["buildReport"]>,
  continueBuild: (...args) => call("continueBuild", args) as ReturnType<Remote["continueBuild"]>,
  undoBuild: (...args) => call("undoBuild", args) as ReturnType<Remote["undoBuild"]>,
  refreshReports: (...args) => call("refreshReports", args) as ReturnType<Remote["refreshReports"]>,
  getBuildProgress: (...args) => call("getBuildProgress", args) as ReturnType<Remote["getBuildProgress"]>,
  openReportSheet: (...args) => call("openReportSheet", args) as ReturnType<Remote["openReportSheet"]>,
  getBigQueryColumns: (...args) =>
    call("getBigQueryColumns", args) as ReturnType<Remote["getBigQueryColumns"]>,
  estimateBigQuery: (...args) => call("estimateBigQuery", args) as ReturnType<Remote["estimateBigQuery"]>,
  getGa4Export: (...args) => call("getGa4Export", args) as ReturnType<Remote["getGa4Export"]>,
  showFormulaHelp: (...args) => call("showFormulaHelp", args) as ReturnType<Remote["showFormulaHelp"]>,
};
