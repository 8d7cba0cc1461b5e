/**
 * What a report is built from, stored as developer metadata on each of its sheets, and how the
 * add-on knows a sheet is its own. A sheet is the add-on's only when its entry is PROJECT-visible
 * (only this Cloud project can create or read it; any script can plant a DOCUMENT one) and records
 * the sheet's own id: a duplicated or copied sheet carries the same entry but has another id.
 * Nothing the add-on needs grows with the report: typed spend is read back from the sheet itself.
 */
import type { ColumnMapping } from "../core/columns";
import type { Language } from "../core/language";
import type { CellRange, ReportSheetKey } from "../core/report/model";
import type { DateColumnType } from "../core/sql/dialect";
import type { Ga4Currency, Ga4SegmentAsked } from "../core/sql/ga4";
import type { LineColumns } from "../core/sql/orders";
import type { SqlSource } from "../core/sql/queries";
import type { MessageKey } from "./messages";
import type { Drawn } from "./render";

export type Period = "week" | "month" | "quarter";

/** Days to build from, inclusive, `yyyy-mm-dd`; null = no limit on that side. */
export interface DateWindow {
  from: string | null;
  to: string | null;
}

/** A range in this spreadsheet, by sheet id so renaming the sheet does not lose it. */
export interface RangeRef {
  sheetId: number;
  /** A1 notation without the sheet name, e.g. `A1:D5000`. */
  range: string;
}

/** A report computed in BigQuery (addon/bigquery.ts): where, and how much the user agreed to scan. */
export interface BigQuerySettings {
  /** The billing project: the queries run, and are billed, there. */
  project: string;
  /** `project.dataset.table` (or a view). */
  table: string;
  /** The columns by name, as the table has them. */
  columns: SqlSource["columns"];
  /**
   * Line items: the order (invoice) column and, without an amount column, quantity and unit price
   * (`columns.amount` then names the unit price); the lines of each order add up (core/sql/orders.ts).
   */
  lines?: LineColumns;
  dateType: DateColumnType;
  /** The bytes the dry run estimated when the user built the report: later runs may scan up to twice that. */
  approvedBytes: number;
  /** The table's kind and last-modified time when the report was built (see bigquery.ts, approvals); "GA4" for a GA4 export. */
  tableType?: string;
  lastModified?: string;
  /** The rows are a GA4 export's events (then `table` is its `project.dataset`), flattened by core/sql/ga4.ts. */
  ga4?: Ga4Settings;
}

/**
 * A GA4 export as a source: which revenue to read and the first day to read. The last day is the
 * report's observation end, else the day it is built or refreshed, so a refresh reads the new days.
 */
export interface Ga4Settings {
  currency: Ga4Currency;
  /** `yyyy-mm-dd`; null = the export's first day. */
  firstDay: string | null;
  /**
   * The segment asked for (core/sql/ga4.ts, ga4SegmentChoice); absent in a report built before the
   * choice, which split by the user's first source / medium, and so refreshes as "source-medium".
   */
  segment?: Ga4SegmentAsked;
}

/** A report's source range when its rows are in BigQuery: no sheet. */
export const NO_SHEET: RangeRef = { sheetId: -1, range: "" };

/** Everything a report is built from; what the sidebar sends and what refresh replays. */
export interface ReportSettings {
  /** The transactions; the first row is the header row when the table has one. */
  source: RangeRef;
  mapping: ColumnMapping;
  period: Period;
  /** ISO `yyyy-mm-dd`; `null` = the last date in the data. */
  observationEnd: string | null;
  /**
   * Where the Forecast check (and the choice of model for the per-customer forecasts) splits the data,
   * ISO `yyyy-mm-dd`; absent or `null` = halfway through the data, recomputed on each refresh.
   */
  calibrationEnd?: string | null;
  /** Gross margin as a fraction (0.4 = 40%); `null` = none (or a margin/cost column). */
  margin: number | null;
  /** A spend table: period, spend[, channel or campaign], by header or position. */
  spend: RangeRef | null;
  /** The campaign map (campaign pattern → channel) applied to the spend table's campaigns; absent or null: none. */
  campaignMap?: RangeRef | null;
  /** Leave the data's first period out of the cohort figures (its customers may predate the data). */
  skipFirstPeriod?: boolean;
  sheets: ReportSheetKey[];
  /** The language the report's sheets are written in. */
  language: Language;
  /** Transactions dated outside it are left out; null = all. */
  dateWindow: DateWindow | null;
  /**
   * The column of months each payment covers, for the Subscription (MRR) sheet; absent or null: the
   * column headed like a term ("Term", "Billing period"), if any.
   */
  termColumn?: number | null;
  /** The rows are in BigQuery, not in {@link source} (then {@link NO_SHEET}); `mapping` indexes the table's columns. */
  bigquery?: BigQuerySettings;
}

/**
 * Where the add-on keeps, beside an editable column (spend), a hidden copy of the values it wrote,
 * row by row, so refresh can tell values a user typed (they differ from the copy) from its own.
 */
export interface WrittenCopy {
  /** The editable cells as written. */
  range: CellRange;
  /** The columns whose values, together, identify a row (cohort, segment). */
  keyColumns: number[];
  /** The hidden column holding the written values, in the same rows. */
  column: number;
}

export interface SheetMetadata {
  version: 2;
  reportId: string;
  /** The id of the sheet this entry was written on: a copy of the sheet has another id. */
  sheetId: number;
  key: ReportSheetKey;
  settings: ReportSettings;
  /** Whether the source range reached the last row of its sheet: refresh then takes new rows too. */
  sourceToEnd: boolean;
  /** The same for the spend table. */
  spendToEnd: boolean;
  builtAt: string;
  written?: WrittenCopy[];
  /** What the add-on wrote in the sheet: a refresh clears only that (absent on sheets of older versions). */
  drawn?: Drawn;
}

export const METADATA_KEY = "cohort-ltv-report";
/** A hidden copy of a report sheet kept for Undo while a run rewrites it (backups.ts): never a report sheet. */
export const BACKUP_KEY = "cohort-ltv-backup";

export interface OwnSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  meta: SheetMetadata;
  entry: GoogleAppsScript.Spreadsheet.DeveloperMetadata;
}

/** A sheet that carries the add-on's key but is not its own, and why. */
export interface SkippedSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  reason: Extract<MessageKey, "skippedCopy" | "skippedForeign" | "skippedOld">;
}

function parse(value: string | null): { version?: unknown; sheetId?: unknown } | undefined {
  if (!value) return undefined;
  try {
    const meta = JSON.parse(value) as unknown;
    return meta && typeof meta === "object" ? meta : undefined;
  } catch {
    return undefined;
  }
}

/** The add-on's report sheets in this spreadsheet, in tab order, and the sheets that only look so. */
export function ownSheets(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): {
  own: OwnSheet[];
  skipped: SkippedSheet[];
} {
  const own: OwnSheet[] = [];
  const skipped: SkippedSheet[] = [];
  // Enum values compared by name: Apps Script enums print as their names.
  const project = String(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  for (const sheet of spreadsheet.getSheets()) {
    const all = sheet.getDeveloperMetadata();
    if (all.some((entry) => entry.getKey() === BACKUP_KEY)) continue;
    const entries = all.filter((entry) => entry.getKey() === METADATA_KEY);
    if (entries.length === 0) continue;
    const mine = entries.find((entry) => String(entry.getVisibility()) === project);
    const meta = mine && parse(mine.getValue());
    if (!mine || !meta) skipped.push({ sheet, reason: "skippedForeign" });
    else if (meta.version !== 2) skipped.push({ sheet, reason: "skippedOld" });
    else if (meta.sheetId !== sheet.getSheetId()) skipped.push({ sheet, reason: "skippedCopy" });
    else own.push({ sheet, meta: meta as SheetMetadata, entry: mine });
  }
  return { own, skipped };
}

/** Stores `meta` on a sheet: updates the add-on's entry, or adds one to a sheet it just created. */
export function saveMetadata(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  meta: SheetMetadata,
  existing?: GoogleAppsScript.Spreadsheet.DeveloperMetadata,
): void {
  const value = JSON.stringify(meta);
  if (existing) existing.setValue(value);
  else sheet.addDeveloperMetadata(METADATA_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}
