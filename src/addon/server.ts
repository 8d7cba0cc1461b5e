/**
 * The server API the sidebar calls through `google.script.run` (each function is exported from
 * src/main.ts). Every function returns plain JSON-safe data — google.script.run cannot carry `Date`s
 * — and reports failures as a {@link Failure} value with words a user can act on, never a stack.
 * The sidebar's RPC wrapper is typed from this module, so a changed signature breaks its compile.
 */
import { type Cell, isDate, isoDay } from "../core/cells";
import { ColumnError, type ColumnMapping, type ColumnRole, detectColumns } from "../core/columns";
import { type Language, languageOfLocale } from "../core/language";
import type { ReportSheetKey } from "../core/report/model";
import { currentSheetContext } from "./context";
import { AddonError, type Failure, failure } from "./errors";
import { AVAILABLE_SHEETS, makeReport } from "./pipeline";
import { type Progress, readProgress } from "./progress";
import { type BuildOutcome, buildReportSheets, type RefreshOutcome, refreshAllReports } from "./reports";
import { checkSettings, type OwnSheet, ownSheets, type Period } from "./settings";
import { qualifiedA1, resolveRangeText, selectedTable } from "./source";

export type { Language } from "../core/language";

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
  language: Language;
  /** The selected table, or null when nothing usable is selected. */
  table: TableInfo | null;
  /** Why there is no table: nothing selected, or a report sheet is selected. */
  problem?: "no-selection" | "own-sheet";
  hasHeader: boolean;
  headers: string[];
  /** The first data rows as text. */
  preview: string[][];
  mapping: Partial<ColumnMapping>;
  foundBy: Partial<Record<ColumnRole, "header" | "values">>;
  /** Why the required columns could not all be found, in plain words. */
  mappingProblem?: string;
  sheets: ReportSheetKey[];
  reports: number;
  /** The settings of the last report built from this sheet, to start from. */
  previous?: PreviousSettings;
}

export interface PreviousSettings {
  period: Period;
  observationEnd: string | null;
  /** Gross margin in percent, as the sidebar shows it. */
  marginPercent: number | null;
  /** The spend table as `Sheet!A1:C13`, or "". */
  spend: string;
  sheets: ReportSheetKey[];
}

/** The user's language for the sidebar: Korean, Russian, else English. */
export function userLanguage(): Language {
  return languageOfLocale(Session.getActiveUserLocale());
}

function asText(cell: Cell): string {
  if (isDate(cell)) return isoDay(currentSheetContext().days.day(cell));
  return cell === null || cell === undefined ? "" : String(cell);
}

/** What the sidebar shows first: the selected table, its header, and the guessed mapping. */
export function getSelectionInfo(): SelectionInfo | Failure {
  try {
    const language = userLanguage();
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const own = ownSheets(spreadsheet);
    const base: SelectionInfo = {
      ok: true,
      language,
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
    try {
      const found = detectColumns(rows, currentSheetContext());
      info.mapping = found.mapping;
      info.foundBy = found.foundBy;
      info.hasHeader = found.hasHeader;
      info.headers = found.headers;
    } catch (error) {
      info.mappingProblem = error instanceof Error ? error.message : String(error);
      // Keep the columns that were found: the sidebar then asks only for the missing one.
      const found = error instanceof ColumnError ? error.found : undefined;
      info.mapping = found?.mapping ?? {};
      info.foundBy = found?.foundBy ?? {};
      info.headers = found?.headers ?? (rows[0] ?? []).map((cell, i) => asText(cell) || `Column ${i + 1}`);
      info.hasHeader = found?.hasHeader ?? true;
    }
    info.preview = rows
      .slice(info.hasHeader ? 1 : 0, (info.hasHeader ? 1 : 0) + 3)
      .map((row) => row.map(asText));
    return info;
  } catch (error) {
    return failure(error);
  }
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
  return {
    period: s.period,
    observationEnd: s.observationEnd,
    marginPercent: s.margin === null ? null : Math.round(s.margin * 10_000) / 100,
    spend: spendSheet && s.spend ? qualifiedA1(spendSheet.getRange(s.spend.range)) : "",
    sheets: s.sheets,
  };
}

/** The selected range as text, for the spend table's "use selection" button. */
export function getSelectedRange(): { ok: true; range: string } | Failure {
  try {
    const range = SpreadsheetApp.getActiveSpreadsheet().getActiveRange();
    if (!range) return failure(new AddonError("no-selection", "Select the spend table first."));
    return { ok: true, range: qualifiedA1(range) };
  } catch (error) {
    return failure(error);
  }
}

/** The request the sidebar sends: settings with the spend table as typed text. */
export interface BuildRequest {
  source: { sheetId: number; range: string };
  mapping: ColumnMapping;
  period: "week" | "month" | "quarter";
  observationEnd: string | null;
  /** Margin as a fraction; the sidebar turns "40" (%) into 0.4. */
  margin: number | null;
  /** A range such as `Spend!A1:C13`, or "" for none. */
  spend: string;
  sheets: ReportSheetKey[];
}

export type BuildResult = ({ ok: true } & BuildOutcome) | Failure;

/** Builds (or updates) the report; `runId` lets the sidebar poll {@link getBuildProgress}. */
export function buildReport(request: BuildRequest, runId?: string): BuildResult {
  try {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const checked = checkSettings({ ...request, spend: null });
    const spendText = typeof request?.spend === "string" ? request.spend.trim() : "";
    if (spendText) {
      const fallback = spreadsheet.getSheetById(checked.source.sheetId) ?? spreadsheet.getActiveSheet();
      checked.spend = resolveRangeText(spreadsheet, spendText, fallback);
    }
    return { ok: true, ...buildReportSheets(checked, makeReport, runId) };
  } catch (error) {
    return failure(error);
  }
}

export type RefreshResult = ({ ok: true } & RefreshOutcome) | Failure;

/** Rebuilds every report in the spreadsheet from its saved settings. */
export function refreshReports(runId?: string): RefreshResult {
  try {
    return { ok: true, ...refreshAllReports(makeReport, runId) };
  } catch (error) {
    return failure(error);
  }
}

/** The step a running build is at, or null before it starts and after it ends. */
export function getBuildProgress(runId: string): Progress | null {
  return readProgress(runId);
}

/** Opens one of the add-on's sheets (the links the sidebar shows after a build). */
export function openReportSheet(sheetId: number): boolean {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const own = ownSheets(spreadsheet).find((o) => o.sheet.getSheetId() === sheetId);
  if (!own) return false;
  own.sheet.activate();
  return true;
}

/** "Refresh reports" in the add-on menu: says what happened in a toast, or what went wrong. */
export function refreshReportsFromMenu(): void {
  const result = refreshReports();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!result.ok) {
    SpreadsheetApp.getUi().alert(result.message);
    return;
  }
  for (const failed of result.failed) {
    SpreadsheetApp.getUi().alert(`Could not refresh ${failed.sheets.join(", ")}: ${failed.message}`);
  }
  const count = result.refreshed.length;
  if (count) spreadsheet.toast(`${count} report${count === 1 ? "" : "s"} refreshed.`, "Cohort LTV");
}
