/**
 * The server API the sidebar calls through `google.script.run` (each function is exported from
 * src/main.ts). Every function returns plain JSON-safe data — google.script.run cannot carry `Date`s
 * — and reports failures as a {@link Failure} value: a complete message in the user's language
 * (messages.ts), never a stack. The sidebar shows server messages as they are. The sidebar's RPC
 * wrapper is typed from this module, so a changed signature breaks its compile.
 */
import { type Cell, isDate, isoDay } from "../core/cells";
import {
  ColumnError,
  type ColumnMapping,
  type ColumnRole,
  detectColumns,
  type FoundBy,
} from "../core/columns";
import { type Language, languageOfLocale } from "../core/language";
import type { ReportSheetKey } from "../core/report/model";
import { bytesText, onDemandUsd } from "../core/sql/cost";
import { dateColumnType } from "../core/sql/dialect";
import { findTermColumn } from "../core/subscription/terms";
import { BigQueryRunner, bigQuerySettings, estimateBytes, ROW_SHEETS, scanBytes } from "./bigquery";
import { bigQueryGranted, requireBigQueryConsent } from "./consent";
import { currentSheetContext, userLanguage } from "./context";
import { summariseDates } from "./dates";
import {
  AddonError,
  type Failure,
  failure,
  type InputProblems,
  messageOf,
  problemWords,
  words,
} from "./errors";
import { GA4_MAPPING, type Ga4Export, type Ga4Request, ga4Export, ga4Settings } from "./ga4";
import { readInputs, settingsOf } from "./inputs";
import { say } from "./messages";
import { AVAILABLE_SHEETS, makeReport } from "./pipeline";
import { type Progress, readProgress } from "./progress";
import {
  type BuildOutcome,
  continueRun,
  hasRun,
  type RefreshOutcome,
  refreshAllReports,
  type StepOutcome,
  startBuild,
  startRefresh,
  type UndoOutcome,
  undoRun,
} from "./reports";
import {
  type BigQuerySettings,
  type DateWindow,
  NO_SHEET,
  type OwnSheet,
  ownSheets,
  type Period,
  type RangeRef,
  type ReportSettings,
} from "./settings";
import { findTable, qualifiedA1, selectedTable } from "./source";

export type { Language } from "../core/language";
export type { Failure, InputField, InputProblems } from "./errors";
export type { Ga4Export, Ga4Request } from "./ga4";
export type { DateWindow, Period } from "./settings";

/** How many rows the sidebar's mapping detection and preview look at. */
const SAMPLE_ROWS = 200;

export interface TableInfo {
  sheetId: number;
  sheetName: string;
  /** A1 notation without the sheet name. */
  range: string;
  /** A1 notation with the sheet name, for display. */
  label: string;
  rows: number;
  columns: number;
}

export interface SelectionInfo {
  ok: true;
  /** The language the sidebar speaks (the user's); server messages come in it. */
  language: Language;
  /** The report language to preselect: the spreadsheet's locale, so a team's reports read the same. */
  reportLanguage: Language;
  /** The selected table, or null when nothing usable is selected. */
  table: TableInfo | null;
  /** Why there is no table: nothing selected, or a report sheet is selected. */
  problem?: "no-selection" | "own-sheet";
  hasHeader: boolean;
  headers: string[];
  /** The first data rows as text. */
  preview: string[][];
  mapping: Partial<ColumnMapping>;
  foundBy: Partial<Record<ColumnRole, FoundBy>>;
  /** Columns headed like the customer, passed over for having no repeat customers (core/columns.ts). */
  passedOver?: number[];
  /** Why the required columns could not all be found, in the user's language. */
  mappingProblem?: string;
  /** The dates of the guessed date column, when there is one (see {@link getDateSummary}). */
  dates?: DateSummary;
  /** The column headed like a payment term (months covered): the data looks like subscriptions. */
  termColumn?: number;
  sheets: ReportSheetKey[];
  reports: number;
  /** The settings of the last report built from this sheet, to start from. */
  previous?: PreviousSettings;
}

/** A date cell that does not fit the data: listed so the user can leave it out or fix it. */
export interface SuspiciousDate {
  /** The row as the sheet numbers it. */
  row: number;
  /** The day it was read as, `yyyy-mm-dd`. */
  date: string;
  /** The cell as the sheet shows it, shortened to 80 characters. */
  value: string;
  /** "future": after today in the spreadsheet's time zone; "outlier": far before or after the bulk. */
  reason: "future" | "outlier";
}

/**
 * The dates of a table's date column, read before building so a typo (2099, 1924) is shown, not
 * absorbed into the observation end or thousands of empty cohort columns.
 */
export interface DateSummary {
  /** The first and the last readable date, `yyyy-mm-dd`, suspicious ones included. */
  first: string;
  last: string;
  /** Today in the spreadsheet's time zone. */
  today: string;
  /**
   * The window that leaves the suspicious dates out (the dates of the bulk of the data): what the
   * sidebar proposes as {@link BuildRequest.dateWindow} when the user chooses to leave them out;
   * null when every date is suspicious (all after today).
   */
  bulk: DateWindow | null;
  /** Suspicious dates in row order, at most 20. */
  suspicious: SuspiciousDate[];
  /** How many there are in all (may exceed `suspicious.length`). */
  suspiciousCount: number;
  /** Date cells that are not dates (the build names them with their rows). */
  unreadable: number;
}

export interface PreviousSettings {
  period: Period;
  observationEnd: string | null;
  /** The Forecast check's calibration end, or null for halfway. */
  calibrationEnd: string | null;
  /** Gross margin in percent as the margin field shows it ("40", "12,5" in a decimal-comma locale), or "". */
  marginPercent: string;
  /** The spend table as `Sheet!A1:C13`, or "". */
  spend: string;
  /** The campaign map as `Sheet!A1:B9`, or "". */
  campaignMap: string;
  /** Whether the first period was left out of the cohort figures. */
  skipFirstPeriod: boolean;
  sheets: ReportSheetKey[];
  language: Language;
  dateWindow: DateWindow | null;
  /** The payment-term column picked for the Subscription sheet, or null (found by its header). */
  termColumn: number | null;
}

/** Runs a server call: its result, or a {@link Failure} in the user's language. */
function guarded<T>(call: () => T): T | Failure {
  try {
    return call();
  } catch (error) {
    return failure(error, userLanguage());
  }
}

function asText(cell: Cell): string {
  if (isDate(cell)) return isoDay(currentSheetContext().days.day(cell));
  return cell === null || cell === undefined ? "" : String(cell);
}

/** What the sidebar shows first: the selected table, its header, the guessed mapping and its dates. */
export function getSelectionInfo(): SelectionInfo | Failure {
  return guarded(() => {
    const language = userLanguage();
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const { own } = ownSheets(spreadsheet);
    const base: SelectionInfo = {
      ok: true,
      language,
      reportLanguage: languageOfLocale(spreadsheet.getSpreadsheetLocale()),
      table: null,
      hasHeader: false,
      headers: [],
      preview: [],
      mapping: {},
      foundBy: {},
      sheets: AVAILABLE_SHEETS,
      reports: new Set(own.map((o) => o.meta.reportId)).size,
    };
    const range = selectedTable(spreadsheet);
    if (!range) return { ...base, problem: "no-selection" };
    const sheet = range.getSheet();
    if (own.some((o) => o.sheet.getSheetId() === sheet.getSheetId()))
      return { ...base, problem: "own-sheet" };
    const table: TableInfo = {
      sheetId: sheet.getSheetId(),
      sheetName: sheet.getName(),
      range: range.getA1Notation(),
      label: qualifiedA1(range),
      rows: range.getNumRows(),
      columns: range.getNumColumns(),
    };
    const head = sheet.getRange(
      range.getRow(),
      range.getColumn(),
      Math.min(range.getNumRows(), SAMPLE_ROWS + 1),
      range.getNumColumns(),
    );
    const rows = head.getValues() as Cell[][];
    const info: SelectionInfo = {
      ...base,
      table,
      previous: previousSettings(spreadsheet, own, table.sheetId),
    };
    Object.assign(info, guessColumns(rows, language));
    if (info.hasHeader) info.termColumn = findTermColumn(info.headers, Object.values(info.mapping));
    info.preview = rows
      .slice(info.hasHeader ? 1 : 0, (info.hasHeader ? 1 : 0) + 3)
      .map((row) => row.map(asText));
    if (info.mapping.date !== undefined) {
      info.dates =
        datesOf(spreadsheet, { sheetId: table.sheetId, range: table.range }, info.mapping.date) ?? undefined;
    }
    return info;
  });
}

type Guessed = Pick<
  SelectionInfo,
  "mapping" | "foundBy" | "passedOver" | "hasHeader" | "headers" | "mappingProblem"
>;

/** The columns found by their headers (then values); when some are missing, those found and why. */
function guessColumns(rows: Cell[][], language: Language): Guessed {
  try {
    const { mapping, foundBy, passedOver, hasHeader, headers } = detectColumns(rows, currentSheetContext());
    return { mapping, foundBy, passedOver, hasHeader, headers };
  } catch (error) {
    const { code, said } = messageOf(error);
    if (code !== "data") throw error;
    // Keep the columns that were found: the sidebar then asks only for the missing one.
    const found = error instanceof ColumnError ? error.found : undefined;
    return {
      mappingProblem: words(language, said),
      mapping: found?.mapping ?? {},
      foundBy: found?.foundBy ?? {},
      headers: found?.headers ?? (rows[0] ?? []).map((cell, i) => asText(cell) || `${i + 1}`),
      hasHeader: found?.hasHeader ?? true,
    };
  }
}

/** The date summary of a table's column (that column read in one call). */
function datesOf(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  source: { sheetId: number; range: string },
  column: number,
): DateSummary | null {
  const { sheet, range } = findTable(spreadsheet, source, "transactions");
  if (!Number.isInteger(column) || column < 0 || column >= range.getNumColumns()) return null;
  const cells = sheet.getRange(range.getRow(), range.getColumn() + column, range.getNumRows(), 1).getValues();
  return summariseDates(cells as Cell[][], 0, range.getRow(), currentSheetContext());
}

/** The settings of the newest report built from `sheetId`, as the sidebar's form shows them. */
function previousSettings(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  own: OwnSheet[],
  sheetId: number,
): PreviousSettings | undefined {
  const latest = own
    .filter((o) => o.meta.settings.source.sheetId === sheetId)
    .sort((a, b) => b.meta.builtAt.localeCompare(a.meta.builtAt))[0];
  if (!latest) return undefined;
  const s = latest.meta.settings;
  const spendSheet = s.spend ? spreadsheet.getSheetById(s.spend.sheetId) : null;
  const comma = currentSheetContext().locale.decimal === ",";
  const percent = s.margin === null ? "" : String(Math.round(s.margin * 10_000) / 100);
  return {
    period: s.period,
    observationEnd: s.observationEnd,
    calibrationEnd: s.calibrationEnd ?? null,
    marginPercent: comma ? percent.replace(".", ",") : percent,
    spend: spendSheet && s.spend ? qualifiedA1(spendSheet.getRange(s.spend.range)) : "",
    campaignMap: rangeText(spreadsheet, s.campaignMap),
    skipFirstPeriod: s.skipFirstPeriod === true,
    sheets: s.sheets,
    language: s.language,
    dateWindow: s.dateWindow,
    termColumn: s.termColumn ?? null,
  };
}

/** A stored range as `Sheet!A1:B9`, or "" when there is none or its sheet is gone. */
function rangeText(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ref: RangeRef | null | undefined,
): string {
  const sheet = ref ? spreadsheet.getSheetById(ref.sheetId) : null;
  return sheet && ref ? qualifiedA1(sheet.getRange(ref.range)) : "";
}

/**
 * The spend table for the "Use selection" button: the selection, or the whole table around a single
 * selected cell (its data region, as for the transactions), as `Sheet!A1:C13`.
 */
export function getSelectedRange(): { ok: true; range: string } | Failure {
  return guarded(() => {
    const table = selectedTable(SpreadsheetApp.getActiveSpreadsheet());
    if (!table) throw new AddonError("no-selection", { key: "selectSpend" });
    return { ok: true, range: qualifiedA1(table) };
  });
}

/**
 * The date summary of one column of a table, for when the user picks another date column than the
 * guessed one (`dateColumn` is 0-based inside `source`); `dates` is null when the column holds no date.
 */
export function getDateSummary(
  source: { sheetId: number; range: string },
  dateColumn: number,
): { ok: true; dates: DateSummary | null } | Failure {
  return guarded(() => ({
    ok: true,
    dates: datesOf(SpreadsheetApp.getActiveSpreadsheet(), source, dateColumn),
  }));
}

/** The inputs the user types, checked where they are typed (on change) and again by the build. */
export interface InputsRequest {
  /** The transactions: a spend range typed without a sheet name is on their sheet; it must not be them. */
  source: { sheetId: number; range: string };
  /** Gross margin in percent as typed: "40", "12,5" (decimal comma locales), "40 %", or "" for none. */
  margin: string;
  /** As typed: `yyyy-mm-dd` or a date as the spreadsheet's locale writes it; "" or null = last date. */
  observationEnd: string | null;
  /** A range such as `Spend!A1:C13`, or "" for none. */
  spend: string;
  /** The Forecast check's calibration end as typed, before the observation end; "", null or absent = halfway. */
  calibrationEnd?: string | null;
  /** The campaign map (campaign pattern, channel) as a range such as `Map!A1:B9`; "" or absent for none. */
  campaignMap?: string;
  /** The report's language, for the spend table's messages; @default the spreadsheet's. */
  language?: Language;
}

export interface InputCheck {
  ok: true;
  /** Empty when every field is fine. */
  problems: InputProblems;
  /** The values as the build reads them: margin as a fraction, end as `yyyy-mm-dd`, spend qualified. */
  margin: number | null;
  observationEnd: string | null;
  spend: string;
  calibrationEnd: string | null;
}

/** Checks margin (0–100 %, the locale's decimal comma), observation end, spend range and calibration end. */
export function checkInputs(request: InputsRequest): InputCheck | Failure {
  return guarded(() => {
    const inputs = readInputs(SpreadsheetApp.getActiveSpreadsheet(), request);
    return {
      ok: true,
      problems: problemWords(userLanguage(), inputs.problems),
      margin: inputs.margin,
      observationEnd: inputs.observationEnd,
      spend: inputs.spendText,
      calibrationEnd: inputs.calibrationEnd,
    };
  });
}

/** The request the sidebar sends to build a report. */
export interface BuildRequest extends InputsRequest {
  mapping: ColumnMapping;
  period: Period;
  sheets: ReportSheetKey[];
  /** The report's language; @default the spreadsheet's locale (see {@link SelectionInfo.reportLanguage}). */
  language?: Language;
  /**
   * Transactions dated outside this window are left out (the suspicious dates the user chose not to
   * build from); stored with the report, so Refresh leaves out the same rows and new ones outside it.
   * null or absent: every row.
   */
  dateWindow?: DateWindow | null;
  /** The column of months each payment covers (Subscription sheet); null: found by its header. */
  termColumn?: number | null;
  /** Leave the data's first period out of the cohort figures (stored with the report). */
  skipFirstPeriod?: boolean;
  /** The rows are in this BigQuery table (then `source` is ignored and `mapping` indexes its columns). */
  bigquery?: BigQueryRequest;
  /** The rows are this GA4 export's purchases and refunds (then `source`, `mapping` and `dateWindow` are ignored). */
  ga4?: Ga4Request;
}

/** A BigQuery source as the sidebar names it. */
export interface BigQueryRequest {
  /** The billing project the queries run in. */
  project: string;
  /** `project.dataset.table`, or a view. */
  table: string;
  /** The bytes the user saw in the estimate and agreed to scan (see {@link estimateBigQuery}). */
  approvedBytes?: number;
}

/**
 * One step of a build or refresh (see reports.ts, STEP_MS): while `done` is false, call
 * {@link continueBuild} with the same run id; when done, a build's result has the report's sheets
 * (`reportId`, `sheets`, `updated`), a refresh step's has what it refreshed, failed or skipped (add
 * the steps' lists up). A build fails with code "input" and {@link Failure.problems} when a field is
 * wrong; a step that fails or is lost can be continued, or undone with {@link undoBuild}.
 */
export type BuildResult =
  | ({ ok: true } & StepOutcome & Partial<BuildOutcome> & Partial<RefreshOutcome>)
  | (Failure & { resumable?: boolean });

function stepResult(outcome: StepOutcome): BuildResult {
  return { ok: true, ...outcome, ...outcome.build, ...outcome.refresh };
}

/** A step's result; a failure says whether the run it stopped can be continued or undone. */
function stepped(runId: string | undefined, call: () => BuildResult): BuildResult {
  const result = guarded(call);
  return !result.ok && runId && hasRun(runId) ? { ...result, resumable: true } : result;
}

/** Starts building (or updating) the report; `runId` names the run for the next steps and {@link getBuildProgress}. */
export function buildReport(request: BuildRequest, runId?: string): BuildResult {
  return stepped(runId, () => stepResult(startBuild(requestSettings(request), makeReport, runId)));
}

/** The next step of the build or refresh `runId`. */
export function continueBuild(runId: string): BuildResult {
  return stepped(runId, () => stepResult(continueRun(makeReport, String(runId))));
}

/** Gives up the build or refresh `runId`: deletes the sheets it inserted, says which it had rewritten. */
export function undoBuild(runId: string): ({ ok: true } & UndoOutcome) | Failure {
  return guarded(() => ({ ok: true, ...undoRun(String(runId)) }));
}

/**
 * The settings of a request; a BigQuery one's columns are read from the table's schema, a GA4
 * export's are the flattened events' (split by the first acquisition).
 */
function requestSettings(request: BuildRequest): ReportSettings {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (request?.ga4) {
    const ga4 = { ...request, source: NO_SHEET, mapping: GA4_MAPPING, dateWindow: null, termColumn: null };
    return { ...settingsOf(spreadsheet, ga4), bigquery: ga4Settings(request.ga4) };
  }
  if (!request?.bigquery) return settingsOf(spreadsheet, request);
  const settings = settingsOf(spreadsheet, { ...request, source: NO_SHEET, dateWindow: null });
  return { ...settings, bigquery: bigQuerySettings(request.bigquery, settings.mapping) };
}

/** A BigQuery table's columns, for the sidebar's column pickers. */
export interface BigQueryColumns {
  ok: true;
  /** The column names, in the table's order (the mapping's indices are into this list). */
  headers: string[];
  /** Each column's BigQuery type. */
  types: string[];
  mapping: Partial<ColumnMapping>;
  /** Why each column was chosen (by its header: BigQuery's columns are read without their rows). */
  foundBy: Partial<Record<ColumnRole, FoundBy>>;
  mappingProblem?: string;
  /** Sheets a report computed in BigQuery cannot have: they list or fit every row. */
  rowSheets: ReportSheetKey[];
}

/** Reads a BigQuery table's (or view's) schema: free, scans nothing. */
export function getBigQueryColumns(request: BigQueryRequest): BigQueryColumns | Failure {
  return guarded(() => {
    const fields = new BigQueryRunner(String(request?.project ?? ""), String(request?.table ?? "")).columns();
    const headers = fields.map((f) => f.name ?? "");
    const guess = guessColumns([headers], userLanguage());
    // A date column must be one the queries can read as a day.
    if (guess.mapping.date !== undefined && !dateColumnType(fields[guess.mapping.date].type))
      delete guess.mapping.date;
    return {
      ok: true,
      headers,
      types: fields.map((f) => f.type ?? ""),
      mapping: guess.mapping,
      foundBy: guess.foundBy,
      mappingProblem: guess.mappingProblem,
      rowSheets: [...ROW_SHEETS],
    };
  });
}

/** What the report's queries will scan, from dry runs (nothing is billed), before the user builds it. */
export interface BigQueryEstimate {
  ok: true;
  /** Bytes all the queries scan together: what to pass back as {@link BigQueryRequest.approvedBytes}. */
  bytes: number;
  /** The same in words, e.g. `3.2 GiB`. */
  text: string;
  /** What it costs at US on-demand prices (first TiB a month free, not counted). */
  usd: number;
}

/** What the sidebar's "Load" says of a GA4 export: the days its event tables cover (tables.list: free, scans nothing). */
export function getGa4Export(request: { project: string; dataset: string }): Ga4Export | Failure {
  return guarded(() => ga4Export(request));
}

/** The dry runs' estimate of a BigQuery table's or a GA4 export's report. */
export function estimateBigQuery(request: BuildRequest): BigQueryEstimate | Failure {
  return guarded(() => {
    const settings = requestSettings(request);
    const scan = estimateBytes({ ...settings, bigquery: settings.bigquery as BigQuerySettings });
    const bytes = scanBytes(scan);
    // Only the jobs are billed (each at least 10 MB); a dry run never is.
    return { ok: true, bytes, text: bytesText(bytes), usd: onDemandUsd(scan.jobs) };
  });
}

/**
 * What a refresh did. Every message (each failed report's, each skipped sheet's) is in the user's
 * language and complete: show it as it is. With a run id (the sidebar) it is the first step, as
 * {@link buildReport}'s; without, as many steps as fit in one call (`left`: what time left undone).
 */
export type RefreshResult =
  | ({ ok: true } & StepOutcome & RefreshOutcome & { left?: { done: number; total: number } | null })
  | (Failure & { resumable?: boolean });

/** Rebuilds every report in the spreadsheet from its saved settings. */
export function refreshReports(runId?: string): RefreshResult {
  const result = guarded((): RefreshResult => {
    if (runId) {
      const outcome = startRefresh(makeReport, runId);
      return { ok: true, ...outcome, ...(outcome.refresh as RefreshOutcome) };
    }
    const all = refreshAllReports(makeReport);
    return { ok: true, done: all.left === null, written: 0, total: 0, ...all };
  });
  return !result.ok && runId && hasRun(runId) ? { ...result, resumable: true } : result;
}

/** The step a running build is at, or null before it starts and after it ends. */
export function getBuildProgress(runId: string): Progress | null {
  return readProgress(runId);
}

/** Opens one of the add-on's sheets (the links the sidebar shows after a build). */
export function openReportSheet(sheetId: number): boolean {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const own = ownSheets(spreadsheet).own.find((o) => o.sheet.getSheetId() === sheetId);
  if (!own) return false;
  own.sheet.activate();
  return true;
}

/**
 * The sidebar page checks once that its calls run as the user who opened it: with several Google
 * accounts signed in, Apps Script may run google.script.run calls as the browser's default account
 * (a known limitation). `userKey` is the key {@link showSidebar} put into the page.
 */
export function checkAccount(userKey: string): { ok: true } | Failure {
  return guarded(() => {
    if (userKey !== Session.getTemporaryActiveUserKey())
      throw new AddonError("accounts", { key: "accounts" });
    return { ok: true };
  });
}

/**
 * "Refresh reports" in the add-on menu: one alert or toast saying what happened. A user who left the
 * BigQuery scope unticked gets the sheet reports refreshed, the message, then Apps Script's prompt.
 */
export function refreshReportsFromMenu(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const askBigQuery = ownSheets(spreadsheet).own.some((o) => o.meta.settings.bigquery) && !bigQueryGranted();
  try {
    sayRefresh(spreadsheet);
  } finally {
    if (askBigQuery) requireBigQueryConsent();
  }
}

function sayRefresh(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const result = refreshReports();
  if (!result.ok) {
    SpreadsheetApp.getUi().alert(result.message);
    return;
  }
  const problems = [...result.failed, ...result.skipped].map((f) => f.message);
  if (result.left) problems.push(say(userLanguage(), "partlyRefreshed", result.left));
  const done = result.refreshed.length
    ? say(userLanguage(), "refreshed", { count: result.refreshed.length })
    : "";
  if (problems.length) SpreadsheetApp.getUi().alert([...problems, done].filter(Boolean).join("\n\n"));
  else if (done) spreadsheet.toast(done, "Cohort LTV");
}
