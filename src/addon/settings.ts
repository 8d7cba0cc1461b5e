/**
 * What a report was built from, stored as developer metadata on each of its sheets. The metadata is
 * how the add-on knows a sheet is its own (it writes to no other sheet), and how "Refresh reports"
 * rebuilds a report for whoever clicks it. Visibility is PROJECT: other scripts cannot read or fake it.
 */
import type { ColumnMapping } from "../core/columns";
import type { CellRange, ReportSheetKey } from "../core/report/model";

export type Period = "week" | "month" | "quarter";

/** A range in this spreadsheet, by sheet id so renaming the sheet does not lose it. */
export interface RangeRef {
  sheetId: number;
  /** A1 notation without the sheet name, e.g. `A1:D5000`. */
  range: string;
}

/** Everything a report is built from; what the sidebar sends and what refresh replays. */
export interface ReportSettings {
  /** The transactions; the first row is the header row when the table has one. */
  source: RangeRef;
  mapping: ColumnMapping;
  period: Period;
  /** ISO `yyyy-mm-dd`; `null` = the last date in the data. */
  observationEnd: string | null;
  /** Gross margin as a fraction (0.4 = 40%); `null` = none (or a margin/cost column). */
  margin: number | null;
  /** A spend table: period start, spend[, segment]. */
  spend: RangeRef | null;
  sheets: ReportSheetKey[];
}

/**
 * The values the add-on wrote into an editable column (spend), so refresh can tell the values a
 * user typed from its own. Only the range's first column is editable input.
 */
export interface WrittenSpend {
  range: CellRange;
  /** The columns whose displayed values, together, identify a row (cohort, segment). */
  keyColumns: number[];
  /** Row key (as the sheet displays it) → value as written; rows written blank are not listed. */
  values: Record<string, number | string | null>;
}

export interface SheetMetadata {
  version: 1;
  reportId: string;
  key: ReportSheetKey;
  settings: ReportSettings;
  /** Whether the source range reached the last row of its sheet: refresh then takes new rows too. */
  sourceToEnd: boolean;
  builtAt: string;
  written?: WrittenSpend[];
}

export const METADATA_KEY = "cohort-ltv-report";
const METADATA_LIMIT = 25_000;

export interface OwnSheet {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  meta: SheetMetadata;
  entry: GoogleAppsScript.Spreadsheet.DeveloperMetadata;
}

function parse(value: string | null): SheetMetadata | undefined {
  if (!value) return undefined;
  try {
    const meta = JSON.parse(value) as SheetMetadata;
    return meta && meta.version === 1 && typeof meta.reportId === "string" ? meta : undefined;
  } catch {
    return undefined;
  }
}

/** The add-on's report sheets in this spreadsheet, in tab order. */
export function ownSheets(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): OwnSheet[] {
  const result: OwnSheet[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    for (const entry of sheet.getDeveloperMetadata()) {
      if (entry.getKey() !== METADATA_KEY) continue;
      const meta = parse(entry.getValue());
      if (meta) result.push({ sheet, meta, entry });
      break;
    }
  }
  return result;
}

/** Stores `meta` on a sheet: updates the add-on's entry, or adds one to a sheet it just created. */
export function saveMetadata(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  meta: SheetMetadata,
  existing?: GoogleAppsScript.Spreadsheet.DeveloperMetadata,
): void {
  let value = JSON.stringify(meta);
  // Sheets keeps at most 30,000 characters of metadata per sheet; past that, refresh cannot tell
  // typed spend from written spend, and keeps none rather than failing the build.
  if (value.length > METADATA_LIMIT) value = JSON.stringify({ ...meta, written: undefined });
  if (existing) existing.setValue(value);
  else sheet.addDeveloperMetadata(METADATA_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}

/** Checks and fills settings that came over the wire from the sidebar. */
export function checkSettings(input: unknown): ReportSettings {
  const s = (input ?? {}) as Partial<ReportSettings>;
  const isRef = (r: unknown): r is RangeRef =>
    typeof r === "object" &&
    r !== null &&
    Number.isInteger((r as RangeRef).sheetId) &&
    typeof (r as RangeRef).range === "string";
  if (!isRef(s.source)) throw new TypeError("settings.source must be { sheetId, range }");
  const m = s.mapping;
  const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  if (!m || !index(m.customerId) || !index(m.date) || !index(m.amount)) {
    throw new TypeError("settings.mapping needs customerId, date and amount columns");
  }
  const mapping: ColumnMapping = { customerId: m.customerId, date: m.date, amount: m.amount };
  for (const role of ["segment", "margin", "cost"] as const) if (index(m[role])) mapping[role] = m[role];
  const period: Period = s.period === "week" || s.period === "quarter" ? s.period : "month";
  const end =
    typeof s.observationEnd === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s.observationEnd)
      ? s.observationEnd
      : null;
  const margin =
    typeof s.margin === "number" && Number.isFinite(s.margin) && s.margin > 0 && s.margin <= 1
      ? s.margin
      : null;
  const known: ReportSheetKey[] = [
    "retention",
    "revenue",
    "ltv-cac",
    "summary",
    "predicted-clv",
    "subscription",
  ];
  const sheets = Array.isArray(s.sheets) ? known.filter((k) => s.sheets?.includes(k)) : known.slice(0, 4);
  return {
    source: { sheetId: s.source.sheetId, range: s.source.range },
    mapping,
    period,
    observationEnd: end,
    margin,
    spend: isRef(s.spend) ? { sheetId: s.spend.sheetId, range: s.spend.range } : null,
    sheets,
  };
}
