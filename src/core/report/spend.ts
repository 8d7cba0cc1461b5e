/**
 * The marketing spend table of an LTV:CAC report: one row per spend, with its period (a day or a
 * period's start), the spend and optionally the channel (the acquisition channel the money went to)
 * or the campaign, mapped to a channel by the campaign map. Columns are found by their headers in
 * any order (spend-columns.ts), else by position when the values leave no doubt. A day inside a
 * period counts for that period, so daily ad-platform exports and weekly tables serve a monthly
 * report; a monthly table under weekly cohorts is spread over the weeks by days ({@link spendByPeriod}).
 */
import {
  type Cell,
  isBlank,
  isoDay,
  readDay,
  readNumber,
  type SheetContext,
  showCell,
  Where,
} from "../cells";
import { BLANK_SEGMENT, civilFromDays, type PeriodUnit, periodEnd, periodIndex } from "../cohorts";
import type { Language } from "../language";
import { type CampaignRule, campaignChannels } from "./campaign-map";
import type { CohortSeries } from "./data";
import {
  isTotalRow,
  monthStart,
  SPEND_TABLE,
  SpendTableError,
  shownLabel,
  spendLayout,
} from "./spend-columns";
import { PERIOD_NAME, type SpendWords, spendWordsOf } from "./spend-words";
import type { Words } from "./words";

export interface SpendRow {
  /** The calendar day the spend is dated (any day of its period). */
  day: number;
  spend: number;
  /** The segment the spend acquired customers for; undefined when the table has no segment column. */
  segment?: string;
  /** The last day the row covers, when the table says (Meta's "Reporting ends"). */
  endDay?: number;
  /** The row's number in the table, for messages. */
  row?: number;
}

export interface SpendTable {
  rows: SpendRow[];
  /** Whether the table names a segment per row, so spend can be matched to segment cohorts. */
  bySegment: boolean;
  /** How the table was read (columns, currency, skipped total rows, campaign mapping), in the report's words. */
  reading?: string[];
  /** The language its messages are in. */
  language?: Language;
  label?: string;
}

export interface SpendOptions {
  /** Campaign pattern → channel rules (campaign-map.ts), applied to the campaign column, else the channel column. */
  campaignMap?: readonly CampaignRule[];
  language?: Language;
}

/**
 * Reads a spend table. Blank rows and an export's total rows are skipped; a row with a date but a
 * bad spend, or a negative spend, is an error naming the row as the user sees it.
 * @example readSpendTable([["Month", "Spend"], ["2024-01-01", "$1,200"]], ctx).rows
 *   // [{ day: 19723, spend: 1200, row: 2 }]
 */
export function readSpendTable(
  table: readonly Cell[][],
  ctx: SheetContext,
  label = SPEND_TABLE,
  options: SpendOptions = {},
): SpendTable {
  const w = spendWordsOf(options.language);
  const width = table.reduce((n, row) => Math.max(n, row.length), 0);
  if (width < 2) {
    throw new Where(label, "the range").error(
      `has ${width} ${width === 1 ? "column" : "columns"} — expected period start, spend and optionally segment`,
    );
  }
  const layout = spendLayout(table, ctx, label, options.language);
  const { columns } = layout;
  const period = columns.period as number;
  const spendColumn = columns.spend as number;
  const named = columns.campaign ?? columns.channel;
  const map = options.campaignMap?.length ? campaignChannels(options.campaignMap) : undefined;
  const bySegment =
    named !== undefined && table.slice(layout.headerRow + 1).some((row) => !isBlank(row[named]));
  const rows: SpendRow[] = [];
  const campaigns = new Set<string>();
  const unmapped = new Set<string>();
  let currency = layout.currency;
  let totals = 0;
  for (let i = layout.headerRow + 1; i < table.length; i++) {
    const row = table[i];
    if (row.every(isBlank)) continue;
    const where = (column: number, role: string) => new Where(label, role).at(i + 1, column + 1, true);
    const labels = [row[period], ...(named === undefined ? [] : [row[named]])];
    if (labels.some(isTotalRow)) {
      totals++;
      continue;
    }
    const day = readDay(monthText(row[period]), ctx, where(period, "period start"));
    const spend = readNumber(row[spendColumn], ctx, where(spendColumn, "spend"));
    if (spend < 0)
      throw where(spendColumn, "spend").error(`is ${showCell(row[spendColumn])} — spend cannot be negative`);
    const out: SpendRow = { day, spend, row: i + 1 };
    if (columns.end !== undefined && !isBlank(row[columns.end]))
      out.endDay = readDay(row[columns.end], ctx, where(columns.end, "reporting end"));
    if (columns.currency !== undefined && !isBlank(row[columns.currency])) {
      const code = String(row[columns.currency]).trim().toUpperCase();
      if (currency !== undefined && code !== currency)
        throw new SpendTableError(w.mixedCurrencies(shownLabel(label, w), currency, code, i + 1));
      currency = code;
    }
    if (bySegment && named !== undefined && !isBlank(row[named])) {
      const name = String(row[named]).trim();
      let segment = name;
      if (map) {
        campaigns.add(name);
        const channel = map(name);
        if (channel === undefined) unmapped.add(name);
        segment = channel ?? name;
      }
      out.segment = segment;
    }
    rows.push(out);
  }
  return {
    rows,
    bySegment,
    reading: describe(layout, w, { map: options.campaignMap, campaigns, unmapped, currency, totals }),
    language: options.language,
    label,
  };
}

/** How a table was read, one phrase per fact. */
function describe(
  layout: ReturnType<typeof spendLayout>,
  w: SpendWords,
  facts: {
    map?: readonly CampaignRule[];
    campaigns: Set<string>;
    unmapped: Set<string>;
    currency?: string;
    totals: number;
  },
): string[] {
  const parts: string[] = [];
  if (layout.by === "position") parts.push(w.byPosition);
  else {
    const roles = ["period", "spend", "channel", "campaign", "currency", "end"] as const;
    const used = roles.filter((role) => layout.headers[role] !== undefined);
    parts.push(w.usedColumns(used.map((role) => w.byHeader(w.roleNames[role], `"${layout.headers[role]}"`))));
  }
  if (layout.columns.campaign !== undefined) {
    parts.push(
      facts.map?.length
        ? w.mapped(facts.map.length, facts.campaigns.size, facts.unmapped.size)
        : w.campaignsAsChannels,
    );
  } else if (facts.map?.length && facts.campaigns.size) {
    parts.push(w.mapped(facts.map.length, facts.campaigns.size, facts.unmapped.size));
  }
  if (facts.currency) parts.push(w.currencyIs(facts.currency));
  if (facts.totals) parts.push(w.totalsSkipped(facts.totals));
  return parts;
}

/** Spend tables often name a month without a day ("2024-03", "January 2024"): that is its first day. */
function monthText(cell: Cell): Cell {
  return typeof cell === "string" ? monthStart(cell) : cell;
}

/** Spend of a table as one period's amount: its period index and segment. */
export interface PeriodSpend {
  period: number;
  segment?: string;
  spend: number;
}

/**
 * A table whose every row is dated the 1st of a month holds monthly spend. Under
 * weekly cohorts such a month is spread over its days, each ISO week taking the days it holds (a week
 * across two months takes a share of each); otherwise a row counts for the period holding its date,
 * so monthly rows add up to their quarter.
 * @example weekly cohorts, 310 spent in January 2024 and 290 in February: the week of Monday 29 January
 *   takes 3 × 310/31 + 4 × 290/29 = 70.
 */
export function spendByPeriod(
  table: SpendTable,
  unit: PeriodUnit,
): { spread: boolean; amounts: PeriodSpend[] } {
  const spread = unit === "week" && isMonthly(table);
  const amounts: PeriodSpend[] = [];
  for (const { day, spend, segment, endDay, row } of table.rows) {
    // A row covering more than one period (an export without a daily breakdown) cannot be split
    // without guessing how the money was spent inside it.
    const span: PeriodUnit = spread ? "month" : unit;
    if (endDay !== undefined && periodIndex(span, endDay) !== periodIndex(span, day)) {
      const sw = spendWordsOf(table.language);
      throw new SpendTableError(
        sw.spans(
          shownLabel(table.label ?? SPEND_TABLE, sw),
          row ?? 0,
          isoDay(day),
          isoDay(endDay),
          PERIOD_NAME[table.language ?? "en"][span],
        ),
      );
    }
    if (!spread) {
      amounts.push({ period: periodIndex(unit, day), segment, spend });
      continue;
    }
    const next = periodEnd("month", periodIndex("month", day)) + 1;
    for (let from = day; from < next; ) {
      const week = periodIndex("week", from);
      const to = Math.min(periodEnd("week", week) + 1, next);
      amounts.push({ period: week, segment, spend: (spend * (to - from)) / (next - day) });
      from = to;
    }
  }
  return { spread, amounts };
}

function isMonthly(table: SpendTable): boolean {
  return table.rows.length > 0 && table.rows.every((s) => civilFromDays(s.day).day === 1);
}

/** Spend that reached no cohort row, per name it has in the spend table, and why. */
export interface UnmatchedSpend {
  channel: string;
  spend: number;
  why: "name" | "customers" | "blank";
}

/** How the spend table met the cohorts: what the Summary, the LTV-CAC sheet and the CLI say about it. */
export interface SpendMatch {
  /** The Summary's description: rows, total, how rows were put into periods, what was left out. */
  note: string;
  /** Spend inside the report's periods that no cohort row took: counted in the blended CAC only. */
  unmatched: UnmatchedSpend[];
  /** Channels of the cohorts that got no spend at all. */
  withoutSpend: string[];
  /** Spend dated outside the report's periods, left out. */
  outside: number;
}

/**
 * Sets each cohort row's spend: split by segment, to the row of its period and segment, and a segment
 * with no spend in a period the table covers gets 0 (organic customers cost nothing). A spend channel
 * matches the cohorts' channel of the same name, else the one equal after trimming and case-folding.
 * Spend inside the report's periods that no row takes (a channel no cohort has, or no new customers
 * of it then) is listed and still counts in the blended CAC; spend outside them is left out and said.
 * Amounts in the note are written by `money` as the sheets' money format shows them; `lastPeriod` is
 * the observation end's period.
 */
export function matchSpend(
  rows: CohortSeries[],
  unit: PeriodUnit,
  split: boolean,
  spend: SpendTable | undefined,
  w: Words,
  money: (amount: number) => string,
  lastPeriod?: number,
): SpendMatch {
  const none = { unmatched: [], withoutSpend: [], outside: 0 };
  if (!spend) return { note: w.spendNone, ...none };
  if (split && !spend.bySegment) return { note: w.spendNoSegment, ...none };
  const sw = spendWordsOf(spend.language);
  const { spread, unmatched, outside, withoutSpend } = assignSpend(rows, unit, split, spend, lastPeriod);
  const total = spend.rows.reduce((sum, s) => sum + s.spend, 0);
  const notes = [w.spendRows(spend.rows.length, money(total)), spread ? w.spendSpread : w.spendByDate(unit)];
  notes.push(...(spend.reading ?? []));
  if (outside > 0.005) notes.push(sw.outside(money(outside)));
  return { note: notes.join("; "), unmatched, withoutSpend, outside };
}

/** Trimmed and case-folded, as channel names are matched. */
const foldName = (name: string) => name.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Sets each cohort row's spend as {@link matchSpend} describes; returns whether months were spread
 * over weeks, the spend no row took inside the report's periods (in total and per channel), the
 * spend outside them, and the cohorts' channels without spend.
 */
export function assignSpend(
  rows: CohortSeries[],
  unit: PeriodUnit,
  split: boolean,
  spend: SpendTable,
  lastPeriod?: number,
): { spread: boolean; unmatched: UnmatchedSpend[]; outside: number; withoutSpend: string[] } {
  const { spread, amounts } = spendByPeriod(spend, unit);
  const segments = [...new Set(rows.map((r) => r.segment ?? BLANK_SEGMENT))];
  const exact = new Set(segments);
  const folded = new Map<string, string | null>();
  for (const s of segments) {
    const k = foldName(s);
    folded.set(k, folded.has(k) ? null : s); // two channels folding alike: no folded match
  }
  // A spend row without a channel pays for the customers without one, labelled as the cohorts are.
  const resolve = (name: string | undefined): string | undefined => {
    const label = name ?? BLANK_SEGMENT;
    if (exact.has(label)) return label;
    return folded.get(foldName(label)) ?? undefined;
  };
  const first = rows.reduce((m, r) => Math.min(m, r.period), Number.POSITIVE_INFINITY);
  const last = lastPeriod ?? rows.reduce((m, r) => Math.max(m, r.period), Number.NEGATIVE_INFINITY);
  const key = (period: number, segment: string) => (split ? `${period}\u0000${segment}` : `${period}`);
  const totals = new Map<string, { value: number; names: Map<string, number> }>();
  const covered = new Set<number>();
  const byName = new Map<string, UnmatchedSpend>();
  const add = (channel: string, value: number, why: UnmatchedSpend["why"]) => {
    const k = `${why}\u0000${channel}`;
    const entry = byName.get(k) ?? { channel, spend: 0, why };
    entry.spend += value;
    byName.set(k, entry);
  };
  let outside = 0;
  for (const s of amounts) {
    if (s.period < first || s.period > last) {
      outside += s.spend;
      continue;
    }
    covered.add(s.period);
    const target = split ? resolve(s.segment) : "";
    if (target === undefined) {
      add(s.segment ?? BLANK_SEGMENT, s.spend, s.segment === undefined ? "blank" : "name");
      continue;
    }
    const k = key(s.period, target);
    const entry = totals.get(k) ?? { value: 0, names: new Map<string, number>() };
    entry.value += s.spend;
    const name = s.segment ?? BLANK_SEGMENT;
    entry.names.set(name, (entry.names.get(name) ?? 0) + s.spend);
    totals.set(k, entry);
  }
  const matched = new Set<string>();
  const paid = new Map<string, number>();
  for (const row of rows) {
    const segment = row.segment ?? BLANK_SEGMENT;
    const k = key(row.period, segment);
    const entry = totals.get(k);
    if (entry !== undefined) {
      row.spend = entry.value;
      matched.add(k);
    } else if (split && covered.has(row.period)) {
      row.spend = 0;
    }
    paid.set(segment, (paid.get(segment) ?? 0) + (row.spend ?? 0));
  }
  for (const [k, entry] of totals) {
    if (matched.has(k)) continue;
    for (const [name, value] of entry.names) add(name, value, "customers");
  }
  const unmatched = [...byName.values()].filter((u) => u.spend > 0.005);
  const withoutSpend = split ? segments.filter((s) => (paid.get(s) ?? 0) <= 0) : [];
  return { spread, unmatched, outside, withoutSpend };
}

/**
 * One spend row from its cells (period start, spend[, segment]), as the PAYBACK_CURVE formula's
 * columns give them; a bad date or spend, or a negative spend, is an error at `where(column)`.
 */
export function readSpendRow(
  row: readonly Cell[],
  bySegment: boolean,
  ctx: SheetContext,
  where: (column: 1 | 2) => Where,
): SpendRow {
  const day = readDay(monthText(row[0]), ctx, where(1));
  const spend = readNumber(row[1], ctx, where(2));
  if (spend < 0) throw where(2).error(`is ${showCell(row[1])} — spend cannot be negative`);
  const segment = bySegment && !isBlank(row[2]) ? String(row[2]).trim() : undefined;
  return segment === undefined ? { day, spend } : { day, spend, segment };
}

/** Why spend matched no cohort row, in the report's words. */
export function whyText(why: UnmatchedSpend["why"], sw: SpendWords): string {
  return why === "name" ? sw.noSuchChannel : why === "blank" ? sw.noChannelCell : sw.noCustomersThen;
}

export const round = (x: number) => Math.round(x * 100) / 100;
