/**
 * Building and refreshing reports in the spreadsheet: read the source once, compute the report
 * model once, write each report sheet in a batch. Only sheets the add-on created (recognised by
 * their metadata, see settings.ts) are ever written; a name a user already has gets a fresh one;
 * spend a user typed into LTV:CAC survives a refresh, matched by the row's key (cohort, segment) and
 * told from the add-on's own values by a hidden copy of them in the same rows, so no record the
 * add-on keeps grows with the report. A refresh rewrites only what the add-on drew (render.ts,
 * `Drawn`) and never grows a report over cells someone filled. Builds and refreshes run in steps,
 * each one server call inside Apps Script's limits (see {@link STEP_MS}); an earlier report's sheet
 * is copied before a run first rewrites it, so giving the run up puts it back (backups.ts).
 */
import { type Cell, isDate, MS_PER_DAY, type SheetContext } from "../core/cells";
import { looksLikeHeader } from "../core/columns";
import type { LiteralValue, Report, ReportCell, ReportSheet, ReportSheetKey } from "../core/report/model";
import { backupsOf, RunBackups, restoreBackup, sweepBackups } from "./backups";
import { approveBigQuery, bigQueryReport, checkBigQueryApproval } from "./bigquery";
import { currentSheetContext, userLanguage } from "./context";
import { dataMessage } from "./data-errors";
import { insideWindow } from "./dates";
import { AddonError, messageOf, words } from "./errors";
import {
  dropJob,
  type Job,
  type JobReport,
  loadJob,
  pruneJobs,
  saveJob,
  stashedModels,
  stashModels,
} from "./jobs";
import { withDocumentLock } from "./lock";
import { CELLS_PER_SPREADSHEET, quote, say } from "./messages";
import { reportProgress } from "./progress";
import { finishSheet, neededSize, sheetExtent, startSheet, writeRows } from "./render";
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
  /** The campaign map's values, or null. */
  campaignMap: Cell[][] | null;
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
  // The map is read whole each time: it is a few rules, typed by hand.
  const map = settings.campaignMap
    ? readTable(spreadsheet, settings.campaignMap, "campaignMap", false)
    : null;
  const campaignMap = map?.rows ?? null;
  try {
    if (settings.bigquery) {
      const { report } = bigQueryReport(
        { ...settings, bigquery: settings.bigquery },
        spend?.rows ?? null,
        runId,
        campaignMap,
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
      campaignMap,
      settings,
      currency,
      context,
      sourceName: source.sheet.getName(),
      firstRow: source.range.getRow(),
    });
    return { report, sourceSheet: source.sheet, sourceToEnd: source.toEnd, spendToEnd };
  } catch (error) {
    const said = dataMessage(error, { spend: spend?.range.getRow(), campaignMap: map?.range.getRow() });
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

/**
 * A build or refresh runs in steps, each one server call well inside Apps Script's 6 minutes (the
 * sidebar calls {@link continueRun} until done; the menu's refresh runs steps until its own budget).
 * A step computes a report (once; later steps take the model from the cache, see jobs.ts), checks
 * that it fits, then writes whole sheets while the next one is expected to end inside
 * {@link STEP_MS}. The job records each sheet once written, so a step cut short (an error, or Apps
 * Script stopping it) is continued from the sheet it was writing, or undone ({@link undoRun}).
 */
export const STEP_MS = 120_000;
/** The menu has no sidebar to call again: it runs steps for up to this long, then says what is left. */
export const MENU_MS = 240_000;
/**
 * What writing a sheet is expected to take before any has been timed: a fixed part and per cell.
 * Guesses on the slow side (about 20 Spreadsheet calls a sheet at a few hundred ms, 1 million cells
 * in 50 s), to be checked in real Sheets; once a sheet is written, its measured time takes over.
 */
const SHEET_MS = 10_000;
const MS_PER_CELL = 0.05;
/** A sheet's time is scaled by its cells, counted from this floor (a small sheet's time is mostly fixed). */
const CELL_FLOOR = 10_000;

export interface StepOptions {
  /** How long this call may write before it stops to let the next call go on. */
  budgetMs?: number;
  /** When the call began, if before this step (the menu runs several steps in one call). */
  startedAt?: number;
  /** A step makes progress even past its budget (else a call could never end a job); not so for a menu call's later steps. */
  force?: boolean;
}

export interface RefreshOutcome {
  refreshed: BuildOutcome[];
  /** Reports that could not be rebuilt; `message` says which sheets and why, in the user's language. */
  failed: { reportId: string; sheets: string[]; message: string }[];
  /** Sheets that look like report sheets but are not the add-on's (copies, planted settings): not written. */
  skipped: { sheet: string; sheetId: number; message: string }[];
}

/** What one step did. */
export interface StepOutcome {
  done: boolean;
  /** Sheets written so far, and in all as far as known (a refresh learns its total as it goes). */
  written: number;
  total: number;
  /** The report, when a build is done. */
  build?: BuildOutcome;
  /** What this step refreshed, could not refresh, or skipped (a refresh; add up the steps'). */
  refresh?: RefreshOutcome;
}

const RUN_ID = /^[\w-]{1,40}$/;

/** Where a run's job is kept: under the sidebar's run id, or the menu's one per spreadsheet. */
function jobKey(runId: string | undefined, spreadsheet: Spreadsheet): string {
  return runId && RUN_ID.test(runId) ? runId : `menu:${spreadsheet.getId()}`;
}

/** The sidebar's run `runId` in this spreadsheet (a run id that is not one finds none). */
function sidebarJob(runId: string, spreadsheet: Spreadsheet): Job | null {
  return RUN_ID.test(runId) ? loadJob(runId, spreadsheet.getId()) : null;
}

/** A sheet taller than this may be written in blocks of at least this many rows, over several steps. */
const BLOCK_ROWS = 2_000;

/** Records how long writing `cells` took: the slowest rate seen is what later estimates use. */
function timed(job: Job, ms: number, cells: number): void {
  job.msPerCell = Math.max(job.msPerCell ?? 0, ms / Math.max(cells, CELL_FLOOR));
}

/** Cells a model needs, counted for the time it takes to write (its hidden copies included). */
function cellsOf(model: ReportSheet): number {
  const { rows, columns } = sheetExtent(model);
  return rows * (columns + (model.editable?.length ?? 0));
}

function expectedMs(job: Job, model: ReportSheet): number {
  const cells = cellsOf(model);
  const prior = SHEET_MS + cells * MS_PER_CELL;
  return Math.max(prior, (job.msPerCell ?? 0) * Math.max(cells, CELL_FLOOR));
}

/** A range in A1 notation with its sheet, as messages show it. */
function a1(sheet: Sheet, row: number, column: number, rows: number, columns: number): string {
  return quote(`${sheet.getName()}!${sheet.getRange(row, column, rows, columns).getA1Notation()}`);
}

/**
 * Before anything of a report is written: the cells its own sheets grow into must be empty (a
 * refresh never writes over what someone typed beside a report), and the spreadsheet must stay
 * within Google's 10 million cells once new sheets are inserted and others grown — and while the
 * backups of the sheets it rewrites live (backups.ts: each is a whole copy of its sheet, kept until
 * the run ends, so Undo can put the earlier report back). A run that has no room for its backups
 * writes nothing rather than rewrite a shared report without a way back.
 */
function checkRoom(spreadsheet: Spreadsheet, wanted: ReportSheet[], byKey: Map<string, OwnSheet>): void {
  const size = (sheet: Sheet) => sheet.getMaxRows() * sheet.getMaxColumns();
  const before = spreadsheet.getSheets().reduce((sum, sheet) => sum + size(sheet), 0);
  let after = before;
  let backups = 0;
  for (const model of wanted) {
    const need = neededSize(model);
    need.columns += model.editable?.length ?? 0;
    const own = byKey.get(model.key);
    if (!own) {
      // A new sheet has Sheets' default 1000 × 26 cells, grown to fit.
      after += Math.max(1000, need.rows) * Math.max(26, need.columns);
      continue;
    }
    const { sheet, meta } = own;
    const maxRows = sheet.getMaxRows();
    const maxColumns = sheet.getMaxColumns();
    backups += maxRows * maxColumns;
    after += Math.max(maxRows, need.rows) * Math.max(maxColumns, need.columns) - maxRows * maxColumns;
    const drawn = meta.drawn;
    if (!drawn) continue;
    // Beyond what the add-on drew last time, inside what it draws now: right, then below.
    const strips: [number, number, number, number][] = [
      [1, drawn.columns + 1, need.rows, need.columns - drawn.columns],
      [drawn.rows + 1, 1, need.rows - drawn.rows, Math.min(drawn.columns, need.columns)],
    ];
    for (const [row, column, rows, columns] of strips) {
      const r = Math.min(rows, maxRows - row + 1);
      const c = Math.min(columns, maxColumns - column + 1);
      if (r < 1 || c < 1) continue;
      const values = sheet.getRange(row, column, r, c).getValues();
      const filled = values.flatMap((line, i) =>
        line.flatMap((v, j) => (v === "" || v === null ? [] : [[row + i, column + j]])),
      );
      if (filled.length === 0) continue;
      const top = Math.min(...filled.map(([y]) => y));
      const bottom = Math.max(...filled.map(([y]) => y));
      const left = Math.min(...filled.map(([, x]) => x));
      const right = Math.max(...filled.map(([, x]) => x));
      throw new AddonError("in-the-way", {
        key: "cellsInTheWay",
        params: {
          sheet: quote(sheet.getName()),
          range: a1(sheet, top, left, bottom - top + 1, right - left + 1),
        },
      });
    }
  }
  if (after > CELLS_PER_SPREADSHEET) {
    throw new AddonError("too-big", { key: "cellLimit", params: { total: after, added: after - before } });
  }
  if (after + backups > CELLS_PER_SPREADSHEET) {
    throw new AddonError("too-big", {
      key: "cellLimitBackup",
      params: { total: after + backups, backup: backups },
    });
  }
}

/**
 * Decides where a computed report goes: its own sheets, or new ones after `anchor` (a build), each
 * named before any is written since formulas name the report's other sheets. A refresh leaves a
 * sheet the user deleted deleted.
 */
function planReport(
  spreadsheet: Spreadsheet,
  job: Job,
  report: JobReport,
  computed: Computed,
  existing: OwnSheet[],
  save: () => void,
): void {
  const settings = report.settings ?? existing[0]?.meta.settings;
  const byKey = new Map(existing.map((own) => [own.meta.key, own]));
  const build = job.kind === "build";
  const wanted = computed.report.sheets.filter(
    (s) => settings?.sheets.includes(s.key) && (build || byKey.has(s.key)),
  );
  checkRoom(spreadsheet, wanted, byKey);
  const anchor = computed.sourceSheet ?? spreadsheet.getActiveSheet();
  let position = build ? anchor.getIndex() : spreadsheet.getSheets().length;
  report.sheets = [];
  for (const model of wanted) {
    const own = byKey.get(model.key);
    if (own) {
      position = Math.max(position, own.sheet.getIndex());
      report.sheets.push({ key: model.key, sheetId: own.sheet.getSheetId() });
    } else {
      const sheet = spreadsheet.insertSheet(freeName(spreadsheet, model.name), position++);
      report.created.push(sheet.getSheetId());
      report.sheets.push({ key: model.key, sheetId: sheet.getSheetId() });
      // Recorded at once: an undo must find every sheet inserted, even if the step stops here.
      save();
    }
  }
  report.pending = wanted.map((m) => m.key);
  report.sourceToEnd = computed.sourceToEnd;
  report.spendToEnd = computed.spendToEnd;
  job.total += wanted.length;
}

/**
 * Writes rows `from`–`to` of one sheet of a report (all of them: `from` 1, `to` undefined). The
 * first part empties what was there and the last records, in the sheet's metadata, the settings and
 * what was drawn; a sheet with editable cells (typed spend) is always written whole, since what a
 * user typed is read from the sheet just before it is rewritten.
 */
function writeSheet(
  spreadsheet: Spreadsheet,
  report: JobReport,
  group: OwnSheet[],
  settings: ReportSettings,
  model: ReportSheet,
  runId: string | undefined,
  backUp: (own: OwnSheet) => void,
  from = 1,
  to?: number,
): void {
  const target = report.sheets?.find((s) => s.key === model.key);
  const sheet = target && spreadsheet.getSheetById(target.sheetId);
  // A sheet deleted since the report was planned stays deleted.
  if (!sheet) return;
  // Written only if it is the report's own, or new and inserted by this job.
  const own = group.find((o) => o.sheet.getSheetId() === target.sheetId);
  if (!own && !report.created.includes(target.sheetId)) return;
  const nameOf = (key: ReportSheetKey) => {
    const id = report.sheets?.find((s) => s.key === key)?.sheetId;
    return (id !== undefined && spreadsheet.getSheetById(id)?.getName()) || key;
  };
  reportProgress(runId, { step: "writing", sheet: sheet.getName() });
  // An earlier report's sheet is copied before this run first empties it (backups.ts).
  if (own && from === 1) backUp(own);
  const { model: drawn, written } = withTyped(model, own && from === 1 ? typedSpend(own) : []);
  const options = { nameOf, hiddenColumns: written.map((w) => w.column), previous: own?.meta.drawn };
  const last = sheetExtent(drawn).rows;
  if (from === 1) startSheet(sheet, drawn, options);
  writeRows(sheet, drawn, options, from, to ?? last);
  if ((to ?? last) < last) return;
  const meta: SheetMetadata = {
    version: 2,
    reportId: report.reportId,
    sheetId: sheet.getSheetId(),
    key: model.key,
    settings,
    sourceToEnd: report.sourceToEnd ?? false,
    spendToEnd: report.spendToEnd ?? false,
    builtAt: new Date().toISOString(),
    written: written.length ? written : undefined,
    drawn: finishSheet(sheet, drawn, options),
  };
  saveMetadata(sheet, meta, own?.entry);
}

/** The sheets of a report as the sidebar links them (those that still exist). */
function builtSheets(spreadsheet: Spreadsheet, report: JobReport): BuiltSheet[] {
  return (report.sheets ?? []).flatMap(({ key, sheetId }) => {
    const sheet = spreadsheet.getSheetById(sheetId);
    return sheet ? [{ key, name: sheet.getName(), sheetId }] : [];
  });
}

/** One step of a job: see {@link STEP_MS}. Runs holding the document lock. */
function step(
  spreadsheet: Spreadsheet,
  job: Job,
  key: string,
  make: MakeReport,
  runId: string | undefined,
  options: StepOptions,
): StepOutcome {
  const started = options.startedAt ?? Date.now();
  const budget = options.budgetMs ?? STEP_MS;
  const language = userLanguage();
  const refresh: RefreshOutcome | undefined =
    job.kind === "refresh" ? { refreshed: [], failed: [], skipped: [] } : undefined;
  const elapsed = () => Date.now() - started;
  const outcome = (done: boolean): StepOutcome => ({ done, written: job.written, total: job.total, refresh });
  let worked = options.force === false;
  /** Ends the step before `report`'s next sheet: its models still to write go to the cache (unless they came from it). */
  const pause = (report: JobReport, models: ReportSheet[], stashed: boolean): StepOutcome => {
    if (!stashed)
      stashModels(
        key,
        report.reportId,
        models.filter((m) => report.pending?.includes(m.key)),
      );
    saveJob(key, job);
    return outcome(false);
  };
  // Each report's sheets as they are at the start of this step (a sheet is written once a step).
  const { groups } = reportsIn(spreadsheet);
  // Copies of the report sheets the run rewrites, for Undo (backups.ts).
  const backups = new RunBackups(spreadsheet, key);
  const backUp = (own: OwnSheet) => backups.keep(own.sheet, own.meta);
  /** `report`'s sheets: those it writes, and those it had when the step began. */
  const sheetsOf = (report: JobReport, group: OwnSheet[]) =>
    new Set([...(report.sheets ?? []).map((s) => s.sheetId), ...group.map((own) => own.sheet.getSheetId())]);
  for (const report of job.reports) {
    if (report.pending?.length === 0) continue;
    const group = groups.get(report.reportId) ?? [];
    const settings = report.settings ?? group[0]?.meta.settings;
    try {
      // A refreshed report whose sheets were all deleted meanwhile: nothing to do.
      if (!settings) {
        report.pending = [];
        continue;
      }
      let models = report.pending ? stashedModels(key, report.reportId, report.pending) : null;
      const stashed = models !== null;
      if (!models) {
        if (worked && elapsed() + (job.computeMs ?? 0) > budget) {
          saveJob(key, job);
          return outcome(false);
        }
        // The person building approves a BigQuery report; a refresh runs only what they approved.
        if (settings.bigquery) {
          const approve = report.settings ? approveBigQuery : checkBigQueryApproval;
          approve(job.spreadsheetId, report.reportId, settings.bigquery);
        }
        const computeStarted = Date.now();
        const extend = report.settings
          ? { source: false, spend: false }
          : { source: group[0].meta.sourceToEnd, spend: group[0].meta.spendToEnd };
        const computed = computeReport(spreadsheet, settings, make, extend, runId);
        job.computeMs = Math.max(job.computeMs ?? 0, Date.now() - computeStarted);
        worked = true;
        if (!report.pending) {
          planReport(spreadsheet, job, report, computed, group, () => saveJob(key, job));
          // Copies an earlier stopped run left of this report's sheets hold the report from before
          // both runs: this run takes them over, so its Undo puts all of them back.
          backups.takeOver(sheetsOf(report, group));
        }
        saveJob(key, job);
        const pending = report.pending ?? [];
        models = computed.report.sheets.filter((m) => pending.includes(m.key));
      }
      for (const model of models) {
        const { rows, columns } = sheetExtent(model);
        const left = () => budget - elapsed();
        // A tall sheet is written in blocks of rows (typed spend needs its sheet written whole).
        const tall = !model.editable?.length && rows > BLOCK_ROWS && Number.isFinite(budget);
        if (!tall) {
          if (worked && expectedMs(job, model) > left()) return pause(report, models, stashed);
          const sheetStarted = Date.now();
          writeSheet(spreadsheet, report, group, settings, model, runId, backUp);
          timed(job, Date.now() - sheetStarted, cellsOf(model));
        } else {
          let from = report.part?.key === model.key ? report.part.rows + 1 : 1;
          while (from <= rows) {
            // The rows that fit in what is left of the step (the fixed part kept for the sheet's end),
            // at the slowest rate a block has shown; the first block, before any is timed, is small.
            const rate = job.rowMsPerCell ?? MS_PER_CELL;
            const fitting = Math.floor((left() - SHEET_MS) / (rate * columns));
            if (fitting < BLOCK_ROWS && worked) return pause(report, models, stashed);
            const count = job.rowMsPerCell === undefined ? BLOCK_ROWS : Math.max(BLOCK_ROWS, fitting);
            const to = Math.min(rows, from + count - 1);
            const blockStarted = Date.now();
            writeSheet(spreadsheet, report, group, settings, model, runId, backUp, from, to);
            const ms = Date.now() - blockStarted;
            job.rowMsPerCell = Math.max(job.rowMsPerCell ?? 0, ms / ((to - from + 1) * columns));
            report.part = to < rows ? { key: model.key, rows: to } : undefined;
            worked = true;
            saveJob(key, job);
            from = to + 1;
          }
        }
        report.pending = report.pending?.filter((k) => k !== model.key);
        job.written++;
        worked = true;
        saveJob(key, job);
      }
      // A sheet the model computed again no longer has (the data changed meanwhile) is not written.
      job.total -= report.pending?.length ?? 0;
      report.pending = [];
      // The report is whole again: the copies of the sheets it wrote are not needed any more; a
      // sheet an earlier stopped run began and this one did not write gets its earlier report back.
      const wrote = new Set((report.sheets ?? []).map((s) => s.sheetId));
      for (const backup of backups.of(sheetsOf(report, group)))
        if (wrote.has(backup.info.sheetId)) backups.drop(backup);
        else backups.restore(backup);
      if (refresh) {
        refresh.refreshed.push({
          reportId: report.reportId,
          sheets: builtSheets(spreadsheet, report),
          updated: true,
        });
        // A refreshed report needs no more room in the job (a user property holds 9 KB).
        delete report.sheets;
      }
    } catch (error) {
      // A build's failure is the sidebar's to show, with Continue and Undo; a refresh goes on.
      if (!refresh) throw error;
      // A refresh has no Undo: a report it could not finish gets its earlier sheets back at once.
      for (const backup of backups.of(sheetsOf(report, group))) backups.restore(backup);
      const names = group.map((own) => own.sheet.getName());
      refresh.failed.push({
        reportId: report.reportId,
        sheets: names,
        message: say(language, "refreshFailed", {
          sheets: names.map(quote).join(", "),
          message: words(language, messageOf(error).said),
        }),
      });
      job.total -= report.pending?.length ?? 0;
      report.pending = [];
      saveJob(key, job);
    }
  }
  for (const backup of backups.mine()) backups.drop(backup);
  dropJob(key, job);
  const done = outcome(true);
  if (job.kind === "build") {
    const [report] = job.reports;
    const sheets = builtSheets(spreadsheet, report);
    // Inserting a sheet activates it; show the report from its first sheet instead.
    if (sheets.length) spreadsheet.getSheetById(sheets[0].sheetId)?.activate();
    done.build = { reportId: report.reportId, sheets, updated: job.updated ?? false };
  }
  return done;
}

/** Runs `fn` holding the document lock, with the sidebar told each step. */
function locked<T>(runId: string | undefined, fn: () => T): T {
  reportProgress(runId, { step: "waiting" });
  try {
    return withDocumentLock(fn);
  } finally {
    reportProgress(runId, { step: "done" });
  }
}

/** Starts a build from the sidebar's settings (or an update of the same source's earlier report). */
export function startBuild(
  settings: ReportSettings,
  make: MakeReport,
  runId?: string,
  options: StepOptions = {},
): StepOutcome {
  const started = Date.now();
  return locked(runId, () => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const { groups } = reportsIn(spreadsheet);
    for (const group of groups.values()) {
      if (group.some((own) => own.sheet.getSheetId() === settings.source.sheetId)) {
        throw new AddonError("own-sheet", { key: "ownSheet" });
      }
    }
    const previous = [...groups.entries()].find(([, group]) => sameReport(group[0].meta.settings, settings));
    const key = jobKey(runId, spreadsheet);
    dropJob(key, loadJob(key, spreadsheet.getId()));
    pruneJobs(started);
    sweepBackups(spreadsheet, (job) => loadJob(job, spreadsheet.getId()) !== null, started);
    const job: Job = {
      kind: "build",
      spreadsheetId: spreadsheet.getId(),
      startedAt: started,
      reports: [{ reportId: previous?.[0] ?? newReportId(), settings, created: [] }],
      updated: previous !== undefined,
      written: 0,
      total: 0,
    };
    return step(spreadsheet, job, key, make, runId, { startedAt: started, ...options });
  });
}

/**
 * Starts refreshing every report in the spreadsheet from its saved settings — or, from the menu
 * (no run id), goes on with the menu's refresh that stopped before its end.
 */
export function startRefresh(make: MakeReport, runId?: string, options: StepOptions = {}): StepOutcome {
  const started = Date.now();
  return locked(runId, () => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const language = userLanguage();
    const key = jobKey(runId, spreadsheet);
    pruneJobs(started);
    const unfinished = runId ? null : loadJob(key, spreadsheet.getId());
    sweepBackups(spreadsheet, (job) => loadJob(job, spreadsheet.getId()) !== null, started);
    const { groups, skipped } = reportsIn(spreadsheet);
    if (!unfinished && groups.size === 0 && skipped.length === 0)
      throw new AddonError("no-reports", { key: "noReports" });
    const job: Job = unfinished ?? {
      kind: "refresh",
      spreadsheetId: spreadsheet.getId(),
      startedAt: started,
      reports: [...groups.keys()].map((reportId) => ({ reportId, created: [] })),
      written: 0,
      total: 0,
    };
    const outcome = step(spreadsheet, job, key, make, runId, { startedAt: started, ...options });
    outcome.refresh?.skipped.push(
      ...skipped.map(({ sheet, reason }) => ({
        sheet: sheet.getName(),
        sheetId: sheet.getSheetId(),
        message: say(language, reason, { sheet: quote(sheet.getName()) }),
      })),
    );
    return outcome;
  });
}

/** The next step of the sidebar's build or refresh `runId`. */
export function continueRun(make: MakeReport, runId: string, options: StepOptions = {}): StepOutcome {
  const started = Date.now();
  return locked(runId, () => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const key = runId;
    const job = sidebarJob(runId, spreadsheet);
    if (!job) throw new AddonError("no-job", { key: "noJob" });
    return step(spreadsheet, job, key, make, runId, { startedAt: started, ...options });
  });
}

/** Whether the user has a build or refresh `runId` that stopped before its end in this spreadsheet. */
export function hasRun(runId: string): boolean {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return sidebarJob(runId, spreadsheet) !== null;
}

export interface UndoOutcome {
  /** Sheets the run had inserted, now deleted. */
  removed: string[];
  /** The report's earlier sheets the run had begun to rewrite, put back as they were before it. */
  restored: BuiltSheet[];
  /**
   * Earlier sheets the run rewrote that have no copy to put back (a run started by an older version
   * of the add-on, or a copy someone deleted): they keep the new report.
   */
  kept: BuiltSheet[];
}

/**
 * Gives up a build or refresh that stopped: deletes the sheets it inserted (whatever they hold),
 * puts the report's earlier sheets it had begun to rewrite back from their copies (backups.ts), in
 * place, and says which.
 */
export function undoRun(runId: string): UndoOutcome {
  return locked(undefined, () => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const key = runId;
    const job = sidebarJob(runId, spreadsheet);
    if (!job) throw new AddonError("no-job", { key: "noJob" });
    const removed: string[] = [];
    const restored: BuiltSheet[] = [];
    const kept: BuiltSheet[] = [];
    // Every copy the run made or took over, each put back into its sheet.
    for (const backup of backupsOf(spreadsheet, key)) {
      const sheet = restoreBackup(spreadsheet, backup);
      if (sheet)
        restored.push({ key: backup.info.meta.key, name: sheet.getName(), sheetId: backup.info.sheetId });
    }
    for (const report of job.reports) {
      for (const id of report.created) {
        const sheet = spreadsheet.getSheetById(id);
        if (!sheet || spreadsheet.getSheets().length === 1) continue;
        removed.push(sheet.getName());
        spreadsheet.deleteSheet(sheet);
      }
      const done = (report.sheets ?? []).filter(
        (s) =>
          !report.created.includes(s.sheetId) &&
          !report.pending?.includes(s.key) &&
          !restored.some((r) => r.sheetId === s.sheetId),
      );
      kept.push(...builtSheets(spreadsheet, { ...report, sheets: done }));
    }
    dropJob(key, job);
    return { removed, restored, kept };
  });
}

/** Builds a whole report in this call (tests, and callers without a sidebar to drive steps). */
export function buildReportSheets(settings: ReportSettings, make: MakeReport, runId?: string): BuildOutcome {
  const id = runId ?? `all-${newReportId()}`;
  let outcome = startBuild(settings, make, id, { budgetMs: Number.POSITIVE_INFINITY });
  while (!outcome.done) outcome = continueRun(make, id, { budgetMs: Number.POSITIVE_INFINITY });
  return outcome.build as BuildOutcome;
}

/** Several steps' refresh outcomes as one. */
export function addRefresh(into: RefreshOutcome, from: RefreshOutcome | undefined): RefreshOutcome {
  if (from) {
    into.refreshed.push(...from.refreshed);
    into.failed.push(...from.failed);
    for (const s of from.skipped)
      if (!into.skipped.some((k) => k.sheetId === s.sheetId)) into.skipped.push(s);
  }
  return into;
}

/**
 * Refreshes every report in this one call, step after step, for up to {@link MENU_MS} (the menu has
 * no sidebar to call again); `left` says how many sheets are not refreshed yet when time ran out —
 * the next refresh from the menu goes on with them.
 */
export function refreshAllReports(
  make: MakeReport,
  options: StepOptions = {},
): RefreshOutcome & { left: { done: number; total: number } | null } {
  const started = Date.now();
  const budget = options.budgetMs ?? MENU_MS;
  const all: RefreshOutcome = { refreshed: [], failed: [], skipped: [] };
  let outcome = startRefresh(make, undefined, { budgetMs: budget });
  addRefresh(all, outcome.refresh);
  while (!outcome.done) {
    const written = outcome.written;
    outcome = startRefresh(make, undefined, { budgetMs: budget, startedAt: started, force: false });
    const moved =
      outcome.written > written || outcome.refresh?.refreshed.length || outcome.refresh?.failed.length;
    addRefresh(all, outcome.refresh);
    if (!outcome.done && !moved) break;
  }
  return { ...all, left: outcome.done ? null : { done: outcome.written, total: outcome.total } };
}
