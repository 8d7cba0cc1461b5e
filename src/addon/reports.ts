/**
 * Building and refreshing reports in the spreadsheet: read the source once, compute the report
 * model once, write each report sheet in a batch. Only sheets the add-on created (recognised by
 * their metadata) are ever written; a name a user already has gets a fresh one; spend a user typed
 * into LTV:CAC survives a refresh, matched by the row's key (the cohort).
 */
import { type Cell, isDate, type SheetContext } from "../core/cells";
import { looksLikeHeader } from "../core/columns";
import type { LiteralValue, Report, ReportCell, ReportSheet, ReportSheetKey } from "../core/report/model";
import { currentSheetContext } from "./context";
import { AddonError } from "./errors";
import { withDocumentLock } from "./lock";
import { reportProgress } from "./progress";
import { renderSheet } from "./render";
import {
  type OwnSheet,
  ownSheets,
  type ReportSettings,
  type SheetMetadata,
  saveMetadata,
  type WrittenSpend,
} from "./settings";
import { amountCurrency, readTable } from "./source";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What the report model is computed from. */
export interface ReportInput {
  /** The source range's values, header row first when it has one. */
  rows: Cell[][];
  /** The spend table's values, or null. */
  spend: Cell[][] | null;
  settings: ReportSettings;
  /** The currency symbol of the source's amount column, when it has one. */
  currency: string | undefined;
  context: SheetContext;
  /** The source sheet's name, for the settings shown on Summary. */
  sourceName: string;
  /** The sheet row of the source's first row, so errors name the row a user sees. */
  firstRow: number;
}

export type MakeReport = (input: ReportInput) => Report;

export interface BuiltSheet {
  key: ReportSheetKey;
  name: string;
  sheetId: number;
}

export interface BuildOutcome {
  reportId: string;
  sheets: BuiltSheet[];
  /** True when an earlier report of the same source and period was rebuilt in place. */
  updated: boolean;
}

function newReportId(): string {
  return `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Groups the add-on's sheets by report. */
function reportsIn(spreadsheet: Spreadsheet): Map<string, OwnSheet[]> {
  const groups = new Map<string, OwnSheet[]>();
  for (const own of ownSheets(spreadsheet)) {
    const group = groups.get(own.meta.reportId) ?? [];
    group.push(own);
    groups.set(own.meta.reportId, group);
  }
  return groups;
}

/** A range's top-left cell and columns, without its last row: `A1:D5000` → `A1:D`. */
function tableShape(a1: string): string {
  return a1.replace(/^([A-Z]+\d*)(?::([A-Z]+)\d*)?$/i, (_, start: string, end = "") => `${start}:${end}`);
}

/**
 * Building again from the same table (the same top-left cell and columns, however many rows it has
 * grown to), period and segment updates that report instead of adding one.
 */
function sameReport(a: ReportSettings, b: ReportSettings): boolean {
  return (
    a.source.sheetId === b.source.sheetId &&
    tableShape(a.source.range) === tableShape(b.source.range) &&
    a.period === b.period &&
    a.mapping.segment === b.mapping.segment
  );
}

/** Reads the source and spend (one call each) and computes the report model. */
function computeReport(
  spreadsheet: Spreadsheet,
  settings: ReportSettings,
  make: MakeReport,
  extend: boolean,
  runId: string | undefined,
): { report: Report; toEnd: boolean; sourceSheet: Sheet } {
  reportProgress(runId, { step: "reading" });
  const source = readTable(spreadsheet, settings.source, "transactions", extend);
  const spend = settings.spend ? readTable(spreadsheet, settings.spend, "spend table").rows : null;
  const context = currentSheetContext();
  const hasHeader = source.rows.length > 0 && looksLikeHeader(source.rows[0], context);
  const currency = amountCurrency(
    source.range,
    settings.mapping.amount,
    hasHeader,
    spreadsheet.getSpreadsheetLocale(),
  );
  reportProgress(runId, { step: "computing" });
  const report = make({
    rows: source.rows,
    spend,
    settings,
    currency,
    context,
    sourceName: source.sheet.getName(),
    firstRow: source.range.getRow(),
  });
  return { report, toEnd: source.toEnd, sourceSheet: source.sheet };
}

/** A sheet name nobody uses yet: "Retention", else "Retention (2)", "Retention (3)"… */
function freeName(spreadsheet: Spreadsheet, base: string): string {
  const taken = new Set(spreadsheet.getSheets().map((s) => s.getName().toLowerCase()));
  const clean = base.trim().slice(0, 90) || "Report";
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const name = `${clean} (${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** A row key as the sheet displays it: cohort dates as `yyyy-mm-dd`, text as is. */
function keyOf(cell: ReportCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  if (typeof cell === "object") return keyOf(cell.value);
  return String(cell).trim();
}

function literal(cell: ReportCell | undefined): number | string | null {
  if (cell === null || cell === undefined || isDate(cell)) return null;
  if (typeof cell === "object") return null;
  if (typeof cell === "boolean") return String(cell);
  return cell;
}

/** The columns that identify an editable row: the key column and any extra ones (segment). */
function keyColumnsOf(region: { keyColumn: number; extraKeyColumns?: number[] }): number[] {
  return [region.keyColumn, ...(region.extraKeyColumns ?? [])];
}

const KEY_SEPARATOR = "\u001f";

function rowKey(line: readonly ReportCell[], columns: number[]): string {
  return columns.map((c) => keyOf(line[c - 1])).join(KEY_SEPARATOR);
}

/** The editable values as the add-on writes them, to recognise typed ones on the next refresh. */
function writtenSpend(model: ReportSheet): WrittenSpend[] {
  return (model.editable ?? []).map((region) => {
    const { range } = region;
    const keyColumns = keyColumnsOf(region);
    const values: WrittenSpend["values"] = {};
    for (let r = range.row; r < range.row + range.rows; r++) {
      const line = model.cells[r - 1] ?? [];
      const key = rowKey(line, keyColumns);
      // Blanks are not stored: metadata space is limited, and a row not listed was written blank.
      const value = literal(line[range.column - 1]);
      if (key.replaceAll(KEY_SEPARATOR, "") && value !== null) values[key] = value;
    }
    return { range, keyColumns, values };
  });
}

/** Values a user typed over what the add-on wrote, by region and row key (one block read each). */
function typedSpend(own: OwnSheet): Map<string, number | string | null>[] {
  return (own.meta.written ?? []).map((written) => {
    const typed = new Map<string, number | string | null>();
    const { range, keyColumns } = written;
    const first = Math.min(range.column, ...keyColumns);
    const width = Math.max(range.column, ...keyColumns) - first + 1;
    // A user may have deleted rows of the sheet since: read what is left.
    const rows = Math.min(range.rows, own.sheet.getMaxRows() - range.row + 1);
    if (rows < 1) return typed;
    const block = own.sheet.getRange(range.row, first, rows, width);
    const values = block.getValues();
    const shown = block.getDisplayValues();
    for (let i = 0; i < rows; i++) {
      const key = keyColumns.map((c) => shown[i][c - first].trim()).join(KEY_SEPARATOR);
      if (!key.replaceAll(KEY_SEPARATOR, "")) continue;
      const raw = values[i][range.column - first];
      const current = raw === "" ? null : typeof raw === "number" || typeof raw === "string" ? raw : null;
      if (current !== (written.values[key] ?? null)) typed.set(key, current);
    }
    return typed;
  });
}

/** Puts typed values back into a freshly computed sheet, where the row key still exists. */
function keepTyped(model: ReportSheet, typed: Map<string, number | string | null>[]): ReportSheet {
  const editable = model.editable ?? [];
  if (!typed.some((t) => t.size)) return model;
  const cells = model.cells.map((line) => line.slice());
  editable.forEach((region, i) => {
    const kept = typed[i];
    if (!kept?.size) return;
    const { range } = region;
    for (let r = range.row; r < range.row + range.rows; r++) {
      const line = cells[r - 1];
      if (!line) continue;
      const key = rowKey(line, keyColumnsOf(region));
      if (kept.has(key)) line[range.column - 1] = kept.get(key) as LiteralValue;
    }
  });
  return { ...model, cells };
}

/** Writes a report's sheets: into the report's own sheets, or new sheets placed after `anchor`. */
function writeReport(
  spreadsheet: Spreadsheet,
  report: Report,
  settings: ReportSettings,
  reportId: string,
  existing: OwnSheet[],
  anchor: Sheet | undefined,
  toEnd: boolean,
  runId: string | undefined,
): BuiltSheet[] {
  const byKey = new Map(existing.map((own) => [own.meta.key, own]));
  const wanted = report.sheets.filter((s) => settings.sheets.includes(s.key));
  const built: BuiltSheet[] = [];
  let position = anchor ? anchor.getIndex() : spreadsheet.getSheets().length;
  for (const model of wanted) {
    const own = byKey.get(model.key);
    // Without an anchor (refresh), a sheet the user deleted stays deleted.
    if (!own && !anchor) continue;
    reportProgress(runId, { step: "writing", sheet: model.name });
    const meta: SheetMetadata = {
      version: 1,
      reportId,
      key: model.key,
      settings,
      sourceToEnd: toEnd,
      builtAt: new Date().toISOString(),
      written: model.editable?.length ? writtenSpend(model) : undefined,
    };
    let sheet: Sheet;
    if (own) {
      sheet = own.sheet;
      renderSheet(sheet, keepTyped(model, typedSpend(own)));
      saveMetadata(sheet, meta, own.entry);
      position = Math.max(position, sheet.getIndex());
    } else {
      sheet = spreadsheet.insertSheet(freeName(spreadsheet, model.name), position);
      position++;
      renderSheet(sheet, model);
      saveMetadata(sheet, meta);
    }
    built.push({ key: model.key, name: sheet.getName(), sheetId: sheet.getSheetId() });
  }
  return built;
}

/** Builds a report from the sidebar's settings (or updates the same source's earlier report). */
export function buildReportSheets(settings: ReportSettings, make: MakeReport, runId?: string): BuildOutcome {
  reportProgress(runId, { step: "waiting" });
  try {
    return withDocumentLock(() => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      const groups = reportsIn(spreadsheet);
      for (const group of groups.values()) {
        if (group.some((own) => own.sheet.getSheetId() === settings.source.sheetId)) {
          throw new AddonError(
            "own-sheet",
            "That is a report sheet. Select your transactions (customer, date, amount) on their own sheet.",
          );
        }
      }
      const { report, toEnd, sourceSheet } = computeReport(spreadsheet, settings, make, false, runId);
      const previous = [...groups.entries()].find(([, group]) =>
        sameReport(group[0].meta.settings, settings),
      );
      const reportId = previous?.[0] ?? newReportId();
      const sheets = writeReport(
        spreadsheet,
        report,
        settings,
        reportId,
        previous?.[1] ?? [],
        sourceSheet,
        toEnd,
        runId,
      );
      // Inserting a sheet activates it; show the report from its first sheet instead.
      if (sheets.length) spreadsheet.getSheetById(sheets[0].sheetId)?.activate();
      return { reportId, sheets, updated: previous !== undefined };
    });
  } finally {
    reportProgress(runId, { step: "done" });
  }
}

export interface RefreshOutcome {
  refreshed: BuildOutcome[];
  /** Reports that could not be rebuilt, with the reason in plain words. */
  failed: { reportId: string; sheets: string[]; message: string }[];
}

/** Rebuilds every report in the spreadsheet from its saved settings. */
export function refreshAllReports(make: MakeReport, runId?: string): RefreshOutcome {
  reportProgress(runId, { step: "waiting" });
  try {
    return withDocumentLock(() => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      const groups = reportsIn(spreadsheet);
      if (groups.size === 0) {
        throw new AddonError(
          "no-reports",
          "There are no reports to refresh yet. Build one from the sidebar first.",
        );
      }
      const outcome: RefreshOutcome = { refreshed: [], failed: [] };
      for (const [reportId, group] of groups) {
        const { settings, sourceToEnd } = group[0].meta;
        try {
          const { report, toEnd } = computeReport(spreadsheet, settings, make, sourceToEnd, runId);
          const sheets = writeReport(spreadsheet, report, settings, reportId, group, undefined, toEnd, runId);
          outcome.refreshed.push({ reportId, sheets, updated: true });
        } catch (error) {
          outcome.failed.push({
            reportId,
            sheets: group.map((own) => own.sheet.getName()),
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
      return outcome;
    });
  } finally {
    reportProgress(runId, { step: "done" });
  }
}
