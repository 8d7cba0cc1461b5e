/**
 * Building and refreshing reports in the spreadsheet: read the source once, compute the report
 * model once, write each report sheet in a batch. Only sheets the add-on created (recognised by
 * their metadata, see settings.ts) are ever written; a name a user already has gets a fresh one;
 * spend a user typed into LTV:CAC survives a refresh, matched by the row's key (cohort, segment) and
 * told from the add-on's own values by a hidden copy of them in the same rows, so no record the
 * add-on keeps grows with the report.
 */
import { type Cell, isDate, MS_PER_DAY, type SheetContext } from "../core/cells";
import { looksLikeHeader } from "../core/columns";
import type { LiteralValue, Report, ReportCell, ReportSheet, ReportSheetKey } from "../core/report/model";
import { bigQueryReport } from "./bigquery";
import { currentSheetContext, userLanguage } from "./context";
import { dataMessage } from "./data-errors";
import { insideWindow } from "./dates";
import { AddonError, messageOf, words } from "./errors";
import { withDocumentLock } from "./lock";
import { quote, say } from "./messages";
import { reportProgress } from "./progress";
import { renderSheet, sheetExtent } from "./render";
import {
  type OwnSheet,
  ownSheets,
  type ReportSettings,
  type SheetMetadata,
  type SkippedSheet,
  saveMetadata,
  type WrittenCopy,
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

/** Groups the add-on's sheets by report; `skipped` are the sheets that only look like ours. */
function reportsIn(spreadsheet: Spreadsheet): { groups: Map<string, OwnSheet[]>; skipped: SkippedSheet[] } {
  const { own, skipped } = ownSheets(spreadsheet);
  const groups = new Map<string, OwnSheet[]>();
  for (const sheet of own) {
    const group = groups.get(sheet.meta.reportId) ?? [];
    group.push(sheet);
    groups.set(sheet.meta.reportId, group);
  }
  return { groups, skipped };
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
    a.bigquery?.table === b.bigquery?.table &&
    a.source.sheetId === b.source.sheetId &&
    tableShape(a.source.range) === tableShape(b.source.range) &&
    a.period === b.period &&
    a.mapping.segment === b.mapping.segment
  );
}

interface Computed {
  report: Report;
  /** The sheet of the transactions (new report sheets go after it); none for a BigQuery source. */
  sourceSheet?: Sheet;
  /** Whether the source and spend ranges reach their sheets' last rows (refresh extends them). */
  sourceToEnd: boolean;
  spendToEnd: boolean;
}

/**
 * Reads the source and spend (one call each; with `extend`, down to rows added below them) and
 * computes the report model — or, for a BigQuery source, runs its queries. Data errors become
 * messages naming sheet rows.
 */
function computeReport(
  spreadsheet: Spreadsheet,
  settings: ReportSettings,
  make: MakeReport,
  extend: { source: boolean; spend: boolean },
  runId: string | undefined,
): Computed {
  reportProgress(runId, { step: "reading" });
  const spend = settings.spend ? readTable(spreadsheet, settings.spend, "spend", extend.spend) : null;
  const spendToEnd = spend?.toEnd ?? false;
  try {
    if (settings.bigquery) {
      const { report } = bigQueryReport(
        { ...settings, bigquery: settings.bigquery },
        spend?.rows ?? null,
        runId,
      );
      return { report, sourceToEnd: false, spendToEnd };
    }
    const source = readTable(spreadsheet, settings.source, "transactions", extend.source);
    const context = currentSheetContext();
    const hasHeader = source.rows.length > 0 && looksLikeHeader(source.rows[0], context);
    const currency = amountCurrency(
      source.range,
      (settings.mapping.amount ?? settings.mapping.price) as number,
      hasHeader,
      spreadsheet.getSpreadsheetLocale(),
    );
    reportProgress(runId, { step: "computing" });
    const report = make({
      rows: insideWindow(source.rows, settings.mapping.date, settings.dateWindow, context),
      spend: spend?.rows ?? null,
      settings,
      currency,
      context,
      sourceName: source.sheet.getName(),
      firstRow: source.range.getRow(),
    });
    return { report, sourceSheet: source.sheet, sourceToEnd: source.toEnd, spendToEnd };
  } catch (error) {
    const said = dataMessage(error, spend?.range.getRow());
    throw said ? new AddonError("data", said) : error;
  }
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

/**
 * A cell of a row key, the same whether it comes from the model or is read back from the sheet:
 * dates by their calendar day (Sheets reads a date cell back as a `Date` at midnight in the
 * spreadsheet's time zone), text trimmed, numbers as numbers.
 */
function keyPart(cell: ReportCell | Cell, context?: SheetContext): string {
  if (cell === null || cell === undefined || cell === "") return "";
  if (isDate(cell)) {
    if (Number.isNaN(cell.getTime())) return "";
    return `d${context ? context.days.day(cell) : Math.floor(cell.getTime() / MS_PER_DAY)}`;
  }
  if (typeof cell === "object") return keyPart(cell.value);
  return String(cell).trim();
}

function rowKey(
  line: readonly (ReportCell | Cell)[],
  columns: number[],
  first: number,
  context?: SheetContext,
) {
  return columns.map((c) => keyPart(line[c - first], context)).join("\u001f");
}

/** The columns that identify an editable row: the key column and any extra ones (segment). */
function keyColumnsOf(region: { keyColumn: number; extraKeyColumns?: number[] }): number[] {
  return [region.keyColumn, ...(region.extraKeyColumns ?? [])];
}

type Typed = Map<string, LiteralValue>[];

/**
 * The values a user typed over the add-on's, per written region, by row key: a cell that differs
 * from the hidden copy of what was written in its row (one block read per region).
 */
function typedSpend(own: OwnSheet): Typed {
  const context = currentSheetContext();
  return (own.meta.written ?? []).map((written) => {
    const typed = new Map<string, LiteralValue>();
    const { range, keyColumns, column } = written;
    const first = Math.min(range.column, column, ...keyColumns);
    const width = Math.max(range.column, column, ...keyColumns) - first + 1;
    // A user may have deleted rows or columns of the sheet since: read what is left.
    const rows = Math.min(range.rows, own.sheet.getMaxRows() - range.row + 1);
    if (rows < 1 || first + width - 1 > own.sheet.getMaxColumns()) return typed;
    const values = own.sheet.getRange(range.row, first, rows, width).getValues() as Cell[][];
    for (const line of values) {
      const key = rowKey(line, keyColumns, first, context);
      if (!key.replaceAll("\u001f", "")) continue;
      const current = line[range.column - first];
      const wrote = line[column - first];
      if (keyPart(current, context) === keyPart(wrote, context)) continue;
      typed.set(key, current === "" || current === undefined ? null : (current as LiteralValue));
    }
    return typed;
  });
}

/**
 * The sheet as it is written: the model with, after its last column, one hidden column per editable
 * region holding the values the add-on computed, and the values the user typed put back in place.
 */
function withTyped(model: ReportSheet, typed: Typed): { model: ReportSheet; written: WrittenCopy[] } {
  const editable = model.editable ?? [];
  if (editable.length === 0) return { model, written: [] };
  const { columns } = sheetExtent(model);
  const cells = model.cells.map((line) => line.slice());
  const written = editable.map((region, i): WrittenCopy => {
    const copy = { range: region.range, keyColumns: keyColumnsOf(region), column: columns + 1 + i };
    const kept = typed[i];
    const { range } = region;
    for (let r = range.row; r < range.row + range.rows; r++) {
      cells[r - 1] ??= [];
      const line = cells[r - 1];
      line[copy.column - 1] = line[range.column - 1] ?? null;
      const key = rowKey(line, copy.keyColumns, 1);
      if (kept?.has(key)) line[range.column - 1] = kept.get(key) as LiteralValue;
    }
    return copy;
  });
  return { model: { ...model, cells }, written };
}

/** Writes a report's sheets: into the report's own sheets, or new sheets placed after `anchor`. */
function writeReport(
  spreadsheet: Spreadsheet,
  computed: Computed,
  settings: ReportSettings,
  reportId: string,
  existing: OwnSheet[],
  anchor: Sheet | undefined,
  runId: string | undefined,
): BuiltSheet[] {
  const byKey = new Map(existing.map((own) => [own.meta.key, own]));
  // Without an anchor (refresh), a sheet the user deleted stays deleted.
  const wanted = computed.report.sheets.filter(
    (s) => settings.sheets.includes(s.key) && (anchor || byKey.has(s.key)),
  );
  // Every sheet gets its name before any is written: formulas name the report's other sheets.
  let position = anchor ? anchor.getIndex() : spreadsheet.getSheets().length;
  const sheets = new Map<ReportSheetKey, Sheet>();
  for (const model of wanted) {
    const own = byKey.get(model.key);
    if (own) {
      position = Math.max(position, own.sheet.getIndex());
      sheets.set(model.key, own.sheet);
    } else {
      sheets.set(model.key, spreadsheet.insertSheet(freeName(spreadsheet, model.name), position++));
    }
  }
  const nameOf = (key: ReportSheetKey) =>
    sheets.get(key)?.getName() ?? computed.report.sheets.find((s) => s.key === key)?.name ?? key;
  return wanted.map((model) => {
    const sheet = sheets.get(model.key) as Sheet;
    const own = byKey.get(model.key);
    reportProgress(runId, { step: "writing", sheet: sheet.getName() });
    const { model: drawn, written } = withTyped(model, own ? typedSpend(own) : []);
    renderSheet(sheet, drawn, { nameOf, hiddenColumns: written.map((w) => w.column) });
    const meta: SheetMetadata = {
      version: 2,
      reportId,
      sheetId: sheet.getSheetId(),
      key: model.key,
      settings,
      sourceToEnd: computed.sourceToEnd,
      spendToEnd: computed.spendToEnd,
      builtAt: new Date().toISOString(),
      written: written.length ? written : undefined,
    };
    saveMetadata(sheet, meta, own?.entry);
    return { key: model.key, name: sheet.getName(), sheetId: sheet.getSheetId() };
  });
}

/** Builds a report from the sidebar's settings (or updates the same source's earlier report). */
export function buildReportSheets(settings: ReportSettings, make: MakeReport, runId?: string): BuildOutcome {
  reportProgress(runId, { step: "waiting" });
  try {
    return withDocumentLock(() => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      const { groups } = reportsIn(spreadsheet);
      for (const group of groups.values()) {
        if (group.some((own) => own.sheet.getSheetId() === settings.source.sheetId)) {
          throw new AddonError("own-sheet", { key: "ownSheet" });
        }
      }
      const computed = computeReport(spreadsheet, settings, make, { source: false, spend: false }, runId);
      const previous = [...groups.entries()].find(([, group]) =>
        sameReport(group[0].meta.settings, settings),
      );
      const reportId = previous?.[0] ?? newReportId();
      const sheets = writeReport(
        spreadsheet,
        computed,
        settings,
        reportId,
        previous?.[1] ?? [],
        computed.sourceSheet ?? spreadsheet.getActiveSheet(),
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
  /** Reports that could not be rebuilt; `message` says which sheets and why, in the user's language. */
  failed: { reportId: string; sheets: string[]; message: string }[];
  /** Sheets that look like report sheets but are not the add-on's (copies, planted settings): not written. */
  skipped: { sheet: string; sheetId: number; message: string }[];
}

/** Rebuilds every report in the spreadsheet from its saved settings. */
export function refreshAllReports(make: MakeReport, runId?: string): RefreshOutcome {
  reportProgress(runId, { step: "waiting" });
  try {
    return withDocumentLock(() => {
      const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
      const language = userLanguage();
      const { groups, skipped } = reportsIn(spreadsheet);
      if (groups.size === 0 && skipped.length === 0) throw new AddonError("no-reports", { key: "noReports" });
      const outcome: RefreshOutcome = {
        refreshed: [],
        failed: [],
        skipped: skipped.map(({ sheet, reason }) => ({
          sheet: sheet.getName(),
          sheetId: sheet.getSheetId(),
          message: say(language, reason, { sheet: quote(sheet.getName()) }),
        })),
      };
      for (const [reportId, group] of groups) {
        const { settings, sourceToEnd, spendToEnd } = group[0].meta;
        try {
          const extend = { source: sourceToEnd, spend: spendToEnd };
          const computed = computeReport(spreadsheet, settings, make, extend, runId);
          const sheets = writeReport(spreadsheet, computed, settings, reportId, group, undefined, runId);
          outcome.refreshed.push({ reportId, sheets, updated: true });
        } catch (error) {
          const names = group.map((own) => own.sheet.getName());
          outcome.failed.push({
            reportId,
            sheets: names,
            message: say(language, "refreshFailed", {
              sheets: names.map(quote).join(", "),
              message: words(language, messageOf(error).said),
            }),
          });
        }
      }
      return outcome;
    });
  } finally {
    reportProgress(runId, { step: "done" });
  }
}
