/**
 * The fields a user types in the sidebar — gross margin, observation end, spend table, the Forecast
 * check's calibration end — read the way
 * the build reads them, with a message per field that is wrong. The sidebar checks them as they are
 * typed; the build checks them again, so nothing typed is ever dropped silently.
 */
import { type Cell, isoDay, readDay, type SheetContext, Where } from "../core/cells";
import type { ColumnMapping } from "../core/columns";
import { LANGUAGES, type Language, languageOfLocale } from "../core/language";
import { DEFAULT_SHEETS } from "../core/report/build";
import { type CampaignRule, readCampaignMap } from "../core/report/campaign-map";
import { readSpendTable } from "../core/report/spend";
import { currentSheetContext } from "./context";
import { dataMessage } from "./data-errors";
import { AddonError, type InputField } from "./errors";
import { type Message, quote } from "./messages";
import { AVAILABLE_SHEETS } from "./pipeline";
import type { BuildRequest } from "./server";
import type { DateWindow, Period, RangeRef, ReportSettings } from "./settings";
import { qualifiedA1, readTable, resolveRangeText } from "./source";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface TypedInputs {
  source: RangeRef;
  margin: unknown;
  observationEnd: unknown;
  spend: unknown;
  calibrationEnd?: unknown;
  campaignMap?: unknown;
  language?: unknown;
}

interface ReadInputs {
  problems: Partial<Record<InputField, Message>>;
  /** Gross margin as a fraction, or null for none. */
  margin: number | null;
  /** `yyyy-mm-dd`, or null for the last date in the data. */
  observationEnd: string | null;
  spend: RangeRef | null;
  /** The spend table as `Sheet!A1:C13`, or "". */
  spendText: string;
  /** `yyyy-mm-dd`, or null for halfway through the data. */
  calibrationEnd: string | null;
  campaignMap: RangeRef | null;
}

const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/**
 * A percent as typed: "40", "40 %", "12,5" or "12.5". A margin is at most 100, so a comma is always
 * a decimal comma, whatever the locale.
 */
function readMarginPercent(typed: string): number | Message | null {
  if (!typed) return null;
  const bare = typed.replace(/%$/, "").replace(/\s/g, "");
  const number = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(bare) ? Number(bare.replace(",", ".")) : Number.NaN;
  if (!Number.isFinite(number)) return { key: "marginNotNumber", params: { text: quote(typed) } };
  if (number < 0 || number > 100) return { key: "marginOutOfRange", params: { text: quote(typed) } };
  return number / 100;
}

function readEnd(typed: string, ctx: SheetContext): string | Message | null {
  return readDate(typed, ctx, { key: "endNotDate", params: { text: quote(typed) } });
}

function readDate(typed: string, ctx: SheetContext, notDate: Message): string | null | Message {
  if (!typed) return null;
  try {
    return isoDay(readDay(typed, ctx, new Where("Date", "date")));
  } catch {
    return notDate;
  }
}

/** The calibration end: a date before the observation end when one is given (ISO days compare as text). */
function readCalibrationEnd(typed: string, ctx: SheetContext, end: string | null): string | Message | null {
  const day = readDate(typed, ctx, { key: "calibrationNotDate", params: { text: quote(typed) } });
  if (typeof day === "string" && end !== null && day >= end)
    return { key: "calibrationNotBefore", params: { text: quote(typed), end } };
  return day;
}

/**
 * A typed range beside the source (the spend table, the campaign map), checked by reading it as the
 * build will (`read`); its data errors name sheet rows.
 */
function readRange(
  spreadsheet: Spreadsheet,
  typed: string,
  source: RangeRef,
  read: (rows: Cell[][]) => unknown,
): RangeRef | Message | null {
  if (!typed) return null;
  const fallback = spreadsheet.getSheetById(source.sheetId) ?? spreadsheet.getActiveSheet();
  let firstRow = 1;
  try {
    const ref = resolveRangeText(spreadsheet, typed, fallback);
    if (ref.sheetId === source.sheetId && ref.range === source.range) return { key: "spendIsSource" };
    const table = readTable(spreadsheet, ref, "spend");
    firstRow = table.range.getRow();
    read(table.rows);
    return ref;
  } catch (error) {
    if (error instanceof AddonError) return error.said;
    const said = dataMessage(error, { spend: firstRow, campaignMap: firstRow });
    if (said) return said;
    throw error;
  }
}

/** Reads the typed fields; `problems` is empty when all are fine. */
export function readInputs(spreadsheet: Spreadsheet, typed: TypedInputs): ReadInputs {
  const problems: ReadInputs["problems"] = {};
  const ctx = currentSheetContext();
  const pick = <T>(field: InputField, value: T | Message | null): T | null => {
    if (value !== null && typeof value === "object" && "key" in value) {
      problems[field] = value;
      return null;
    }
    return value as T | null;
  };
  const margin = pick<number>("margin", readMarginPercent(text(typed.margin)));
  const observationEnd = pick<string>("observationEnd", readEnd(text(typed.observationEnd), ctx));
  const language = LANGUAGES.includes(typed.language as Language)
    ? (typed.language as Language)
    : languageOfLocale(spreadsheet.getSpreadsheetLocale());
  let rules: CampaignRule[] | undefined;
  const campaignMap = pick<RangeRef>(
    "campaignMap",
    readRange(spreadsheet, text(typed.campaignMap), typed.source, (rows) => {
      rules = readCampaignMap(rows);
    }),
  );
  // The spend table is read with the map's rules and in the report's language, as the build reads it.
  const spend = pick<RangeRef>(
    "spend",
    readRange(spreadsheet, text(typed.spend), typed.source, (rows) =>
      readSpendTable(rows, ctx, "Spend table", { campaignMap: rules, language }),
    ),
  );
  const calibrationEnd = pick<string>(
    "calibrationEnd",
    readCalibrationEnd(text(typed.calibrationEnd), ctx, observationEnd),
  );
  const spendSheet = spend && spreadsheet.getSheetById(spend.sheetId);
  return {
    problems,
    margin,
    observationEnd,
    spend,
    spendText: spendSheet && spend ? qualifiedA1(spendSheet.getRange(spend.range)) : "",
    calibrationEnd,
    campaignMap,
  };
}

/** The request's mapping, period and sheets as the build takes them (anything else falls back). */
function checkedChoices(
  request: Partial<BuildRequest>,
): Pick<ReportSettings, "mapping" | "period" | "sheets"> {
  const m = request.mapping;
  const index = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
  if (
    !m ||
    !index(m.customerId) ||
    !index(m.date) ||
    !(index(m.amount) || (index(m.quantity) && index(m.price)))
  ) {
    throw new TypeError(
      "the request's mapping needs customerId, date and amount (or quantity and price) columns",
    );
  }
  const mapping: ColumnMapping = { customerId: m.customerId, date: m.date };
  for (const role of ["amount", "segment", "margin", "cost", "order", "quantity", "price"] as const)
    if (index(m[role])) mapping[role] = m[role];
  const period: Period = request.period === "week" || request.period === "quarter" ? request.period : "month";
  const sheets = Array.isArray(request.sheets)
    ? AVAILABLE_SHEETS.filter((k) => request.sheets?.includes(k))
    : DEFAULT_SHEETS;
  return { mapping, period, sheets };
}

function checkedWindow(window: unknown): DateWindow | null {
  if (!window || typeof window !== "object") return null;
  const day = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  const { from, to } = window as DateWindow;
  return day(from) || day(to) ? { from: day(from), to: day(to) } : null;
}

/**
 * The settings of a build request from the sidebar (which comes over the wire unchecked).
 * @throws AddonError "input" with a message per wrong field.
 */
export function settingsOf(spreadsheet: Spreadsheet, request: BuildRequest): ReportSettings {
  const source = request?.source;
  if (!source || !Number.isInteger(source.sheetId) || typeof source.range !== "string") {
    throw new TypeError("the request's source must be { sheetId, range }");
  }
  const inputs = readInputs(spreadsheet, { ...request, source });
  const fields = Object.values(inputs.problems);
  if (fields.length) throw new AddonError("input", fields[0], inputs.problems);
  return {
    source: { sheetId: source.sheetId, range: source.range },
    ...checkedChoices(request),
    observationEnd: inputs.observationEnd,
    calibrationEnd: inputs.calibrationEnd,
    margin: inputs.margin,
    spend: inputs.spend,
    campaignMap: inputs.campaignMap,
    skipFirstPeriod: request.skipFirstPeriod === true,
    language: LANGUAGES.includes(request.language as Language)
      ? (request.language as Language)
      : languageOfLocale(spreadsheet.getSpreadsheetLocale()),
    dateWindow: checkedWindow(request.dateWindow),
    termColumn:
      Number.isInteger(request.termColumn) && (request.termColumn as number) >= 0 ? request.termColumn : null,
  };
}
