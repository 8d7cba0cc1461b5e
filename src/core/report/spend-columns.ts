/**
 * Which column of a spend table is what: the period (a day or a period's start), the spend, and
 * optionally the channel, the campaign, the currency and the reporting end. Read by the header row,
 * in any column order, with headers in English, Korean, Russian, German, French, Spanish and
 * Portuguese and as Google Ads ("Day", "Campaign", "Currency code", "Cost") and Meta Ads Manager
 * ("Reporting starts", "Reporting ends", "Campaign name", "Amount spent (USD)") export them — those
 * exports put a title and a date range above the header, so the header is looked for in the first
 * rows. A table without a header naming period and spend is read by position (period start, spend,
 * channel) only when every row's values read that way; otherwise it stops naming the missing column.
 */
import {
  type Cell,
  isBlank,
  isDate,
  parseDateText,
  parseNumberText,
  type SheetContext,
  showCell,
} from "../cells";
import { foldedNames, foldHeader } from "../columns";
import type { Language } from "../language";
import { type SpendRole, spendWordsOf } from "./spend-words";

/** A spend table's shape or values that cannot be read without guessing; the message is whole, in the report's language. */
export class SpendTableError extends Error {
  override name = "SpendTableError";
}

/** The label every caller gives a spend table: its cell errors name it so (addon/data-errors.ts reads it). */
export const SPEND_TABLE = "Spend table";

/** The table's label as a whole message says it: the default in the message's language, else as given. */
export function shownLabel(label: string, w: ReturnType<typeof spendWordsOf>): string {
  return label === SPEND_TABLE ? w.table : label;
}

/**
 * Header names per role, folded (see {@link foldHeader}), best first: when two columns name a role,
 * the one with the earlier name wins ("Day" before "Reporting starts"; "Amount spent" before "Amount").
 */
// biome-ignore format: word lists read best as lines of related names
const NAMES: Record<SpendRole, string[]> = {
  period: [
    "day", "date", "month", "week", "period", "period start", "start date", "month start", "week start",
    "reporting starts", "reporting start", "start",
    "날짜", "일", "일자", "월", "주", "기간", "시작일", "기간 시작", "보고 시작",
    "дата", "день", "месяц", "неделя", "период", "начало периода", "начало отчетности", "начало",
    "datum", "tag", "monat", "woche", "zeitraum", "berichtsbeginn", "beginn",
    "jour", "mois", "semaine", "periode", "debut des rapports", "debut", "date de debut",
    "fecha", "dia", "mes", "semana", "inicio del informe", "fecha de inicio", "inicio",
    "data", "mes", "inicio dos relatorios", "data de inicio",
  ],
  end: [
    "reporting ends", "reporting end", "end date", "보고 종료", "종료일", "конец отчетности", "конец периода",
    "berichtsende", "fin des rapports", "fin del informe", "termino dos relatorios", "fim dos relatorios",
  ],
  spend: [
    "spend", "amount spent", "cost", "costs", "ad spend", "media spend", "marketing spend", "spent", "amount",
    "지출", "지출 금액", "비용", "광고비", "광고 비용", "사용 금액", "금액",
    "расходы", "расход", "затраты", "потрачено",
    "потраченная сумма",
    "сумма затрат", "израсходовано", "стоимость", "сумма",
    "kosten", "ausgaben", "ausgegebener betrag", "werbeausgaben", "betrag",
    "depenses", "cout", "couts", "montant depense", "montant",
    "gasto", "gastos", "importe gastado", "coste", "costo", "inversion", "importe",
    "valor gasto", "valor usado", "custo", "investimento", "valor",
  ],
  channel: [
    "channel", "source", "source medium", "segment", "medium", "utm source", "channel group",
    "default channel group", "platform",
    "채널", "소스", "매체", "세그먼트", "유입 경로",
    "канал", "источник", "сегмент", "источник канал",
    "kanal", "quelle", "canal", "fuente", "origen", "origem", "fonte",
  ],
  campaign: [
    "campaign", "campaign name", "캠페인", "캠페인 이름", "кампания", "название кампании",
    "kampagne", "kampagnenname", "campagne", "nom de la campagne", "campana", "nombre de la campana",
    "campanha", "nome da campanha",
  ],
  currency: [
    "currency", "currency code", "통화", "통화 코드", "валюта", "код валюты", "wahrung", "wahrungscode",
    "devise", "code de devise", "moneda", "codigo de moneda", "moeda", "codigo da moeda",
  ],
};

/** Period headers that name the start of a span, whose end another column may give. */
const STARTS = new Set(
  [
    "reporting starts",
    "reporting start",
    "start date",
    "period start",
    "start",
    "시작일",
    "기간 시작",
    "보고 시작",
    "начало периода",
    "начало отчетности",
    "начало",
    "berichtsbeginn",
    "beginn",
    "debut des rapports",
    "debut",
    "date de debut",
    "inicio del informe",
    "fecha de inicio",
    "inicio",
    "inicio dos relatorios",
    "data de inicio",
  ].map(foldHeader),
);

/** {@link NAMES} as headers are compared: folded once. */
const FOLDED = foldedNames(NAMES);

/** The roles in the order a header is tried (a name is in one list only, but "date" is no end). */
const ROLES: SpendRole[] = ["period", "end", "spend", "channel", "campaign", "currency"];

/** The currency a header names in parentheses: "Amount spent (USD)" → "USD". */
function headerCurrency(text: string): string | undefined {
  return /\(\s*([A-Z]{3}|[$€£₩₽¥₹])\s*\)/.exec(text)?.[1];
}

/** The role a header names, with its rank in that role's list (lower is better). */
function headerRole(text: Cell): { role: SpendRole; rank: number } | undefined {
  if (typeof text !== "string") return undefined;
  const folded = foldHeader(text);
  for (const role of ROLES) {
    const rank = FOLDED[role].indexOf(folded);
    if (rank >= 0) return { role, rank };
  }
  return undefined;
}

export interface SpendLayout {
  /** Index of the header row in the table; -1 without one. */
  headerRow: number;
  columns: Partial<Record<SpendRole, number>>;
  /** How the columns were found: by their headers, or by position. */
  by: "header" | "position";
  /** The header of each used column, for messages and the mapping line. */
  headers: Partial<Record<SpendRole, string>>;
  /** A currency named in the spend column's header ("Amount spent (USD)"). */
  currency?: string;
}

/** Rows looked at for the header: exports put a report title and a date range above it. */
const HEADER_SEARCH = 10;

/**
 * The layout of a spend table: its header row and the column of each role.
 * @throws SpendTableError naming the missing or doubled column, or the row that does not read by position.
 * @example spendLayout([["Channel", "Month", "Spend"], ["Search", "2024-01", "10"]], ctx).columns
 *   // { channel: 0, period: 1, spend: 2 }
 */
export function spendLayout(
  table: readonly Cell[][],
  ctx: SheetContext,
  label: string,
  language?: Language,
): SpendLayout {
  const w = spendWordsOf(language);
  let partial: { row: number; found: Partial<Record<SpendRole, number>> } | undefined;
  for (let r = 0; r < Math.min(HEADER_SEARCH, table.length); r++) {
    const row = table[r];
    const best: Partial<Record<SpendRole, { column: number; rank: number }>> = {};
    for (let c = 0; c < row.length; c++) {
      const named = headerRole(row[c]);
      if (!named) continue;
      const seen = best[named.role];
      if (seen && seen.rank === named.rank) {
        throw new SpendTableError(
          w.twoColumns(
            shownLabel(label, w),
            w.roles[named.role],
            String(row[seen.column]).trim(),
            String(row[c]).trim(),
          ),
        );
      }
      if (!seen || named.rank < seen.rank) best[named.role] = { column: c, rank: named.rank };
    }
    const columns = Object.fromEntries(
      Object.entries(best).map(([role, found]) => [role, found.column]),
    ) as Partial<Record<SpendRole, number>>;
    // A reporting end pairs with a reporting start: beside a "Day" column (Meta's daily breakdown)
    // it is the end of the whole report, not of the row.
    if (
      columns.end !== undefined &&
      columns.period !== undefined &&
      !STARTS.has(foldHeader(String(row[columns.period])))
    )
      delete columns.end;
    if (columns.period !== undefined && columns.spend !== undefined) {
      const headers: SpendLayout["headers"] = {};
      for (const [role, column] of Object.entries(columns) as [SpendRole, number][])
        headers[role] = String(row[column]).trim();
      const currency = headerCurrency(String(row[columns.spend]));
      return { headerRow: r, columns, by: "header", headers, ...(currency ? { currency } : {}) };
    }
    if (partial === undefined && Object.keys(columns).length > 0) partial = { row: r, found: columns };
  }
  const hasHeader = table.length > 0 && isTextRow(table[0], ctx);
  const first = hasHeader ? 1 : 0;
  const problem = positionalProblem(table, first, ctx, label, w);
  const POSITION: Partial<Record<SpendRole, number>> = { period: 0, spend: 1, channel: 2 };
  const agrees =
    !partial ||
    (partial.row === 0 &&
      Object.entries(partial.found).every(([role, c]) => POSITION[role as SpendRole] === c));
  if (problem === undefined && agrees) {
    const width = table.reduce((n, row) => Math.max(n, row.length), 0);
    const channel = width >= 3 && table.slice(first).some((row) => !isBlank(row[2]));
    return {
      headerRow: hasHeader ? 0 : -1,
      columns: { period: 0, spend: 1, ...(channel ? { channel: 2 } : {}) },
      by: "position",
      headers: {},
    };
  }
  if (partial || hasHeader) {
    const header = table[partial?.row ?? 0];
    const missing: SpendRole = partial?.found.period === undefined ? "period" : "spend";
    const headers = header.filter((cell) => !isBlank(cell)).map((cell) => `"${String(cell).trim()}"`);
    throw new SpendTableError(w.noColumn(shownLabel(label, w), w.roles[missing], headers.join(", ")));
  }
  throw new SpendTableError(problem as string);
}

/** A row of text only: no cell reads as a date or a number. */
function isTextRow(row: readonly Cell[], ctx: SheetContext): boolean {
  return (
    row.some((cell) => !isBlank(cell)) &&
    row.every(
      (cell) =>
        isBlank(cell) ||
        (typeof cell === "string" &&
          parseDateText(cell, ctx.locale, ctx.dateOrder) === undefined &&
          parseNumberText(cell, ctx.locale) === undefined),
    )
  );
}

/**
 * Why the rows from `first` read in another order than period start, spend[, channel] — or undefined
 * when none does: a period that is no date while another cell is one (a date cell, date text or a
 * month such as "2024-03"; a bare number could be a serial day or a spend, so it is not taken for a
 * date), a spend that is no number while the channel is one (or a date), a channel that is a number
 * beside a numeric spend (which of the two is the spend?).
 */
function positionalProblem(
  table: readonly Cell[][],
  first: number,
  ctx: SheetContext,
  label: string,
  w: ReturnType<typeof spendWordsOf>,
): string | undefined {
  for (let i = first; i < table.length; i++) {
    const row = table[i];
    if (row.every(isBlank)) continue;
    const [period, spend, channel] = row;
    const at = (what: string) => w.notPositional(shownLabel(label, w), i + 1, what);
    const day = (cell: Cell) => isDate(cell) || (typeof cell === "string" && readsAsDay(cell, ctx));
    const number = (cell: Cell) =>
      typeof cell === "number" ||
      (typeof cell === "string" && !readsAsDay(cell, ctx) && parseNumberText(cell, ctx.locale) !== undefined);
    // A date or a spend elsewhere in the row says the columns are in another order; a bad value
    // alone is left to the reading, which names its cell.
    if (!day(period) && row.slice(1).some(day)) return at(w.notDate(1, showCell(period)));
    if (!number(spend) && (number(channel) || day(spend))) return at(w.notNumber(2, showCell(spend)));
    if (number(spend) && number(channel)) return at(w.numberChannel(3, showCell(channel)));
  }
  return undefined;
}

/** Month text ("2024-03", "January 2024", "2024년 3월") or date text. */
export function readsAsDay(text: string, ctx: SheetContext): boolean {
  return typeof parseDateText(monthStart(text), ctx.locale, ctx.dateOrder) === "number";
}

/**
 * A month named without a day, as spend tables and ad platforms' monthly reports write it, as the
 * text of its first day: "2024-03" and "2024/3" → "2024-03-01", "January 2024" and "Jan 2024" →
 * "1 January 2024", "2024년 3월" → "2024년 3월 1일"; other text as it is.
 */
export function monthStart(text: string): string {
  const numeric = /^\s*(\d{4})[-/.](\d{1,2})\s*$/.exec(text);
  if (numeric) return `${numeric[1]}-${numeric[2].padStart(2, "0")}-01`;
  if (/^\s*\p{L}{3,}\.?\s+\d{4}\s*$/u.test(text)) return `1 ${text.trim()}`;
  if (/^\s*\d{4}년\s*\d{1,2}월\s*$/.test(text)) return `${text.trim()} 1일`;
  return text;
}

/**
 * A totals row of an export ("Total: Account" in Google Ads, "Итого", "합계", "Gesamt"…): its period
 * cell is such a word, so it is skipped and counted, never read as spend.
 */
export function isTotalRow(period: Cell): boolean {
  return (
    typeof period === "string" &&
    /^\s*((grand )?totals?|gesamt|summe|totale?)(?![a-z])|^\s*(итог|всего|합계|총계)/iu.test(period)
  );
}
