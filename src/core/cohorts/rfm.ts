/**
 * The RFM summary the CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma) are fitted on, per customer, as
 * the `lifetimes` package computes it from a transaction log:
 * - frequency x: repeat purchase days — the number of distinct days with a purchase, less one
 *   (purchases on one day count once);
 * - recency t_x: the age at the last purchase day (days from the first to the last purchase day);
 * - T: the age at the end of observation (days from the first purchase day to `endDay`);
 * - monetary: the mean value of the repeat purchase days (the first day's purchases are excluded),
 *   0 when x = 0.
 * Ages are in `unit`s: day, week (7 days), month (365.25 / 12 days), quarter (365.25 / 4) or year
 * (365.25). Rows after `endDay` are ignored. Refunds (negative amounts) are not purchases: a refund is
 * netted against the customer's latest purchase day on or before it (the order it most likely
 * refunds), a day's value never going below 0; a refund before any purchase is ignored.
 */
import type { DayNumber } from "../cells";
import { groupByCustomer, type Transactions } from "./transactions";

export type RfmUnit = "day" | "week" | "month" | "quarter" | "year";

/** Days per RFM unit. */
export const RFM_UNIT_DAYS: Record<RfmUnit, number> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
};

/** Reads a unit name as people type it (`week`, `weeks`, `W`, `days`, `month`, `yr`…); `undefined` if unknown. */
export function parseRfmUnit(text: string): RfmUnit | undefined {
  if (text.length > 40) return undefined; // no unit's name is longer: a pasted page is read no further
  const s = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  if (["day", "days", "d", "daily"].includes(s)) return "day";
  if (["week", "weeks", "w", "wk", "weekly"].includes(s)) return "week";
  if (["month", "months", "m", "mo", "monthly"].includes(s)) return "month";
  if (["quarter", "quarters", "q", "qtr", "quarterly"].includes(s)) return "quarter";
  if (["year", "years", "y", "yr", "yearly", "annual"].includes(s)) return "year";
  return undefined;
}

export interface RfmOptions {
  /** The end of observation (T is measured to it); rows after it are ignored. @default the last date in the data */
  endDay?: DayNumber;
  /** @default "week" */
  unit?: RfmUnit;
}

/** Columns of the RFM summary, one entry per customer with a purchase on or before `endDay`. */
export interface RfmSummary {
  unit: RfmUnit;
  unitDays: number;
  endDay: DayNumber;
  /** Number of customers. */
  length: number;
  /** Customer ids, in order of first appearance in the data. */
  ids: string[];
  /** Index of each customer in the transactions' `ids`. */
  customer: Int32Array;
  /** First purchase day. */
  firstDay: Int32Array;
  /** x: repeat purchase days. */
  frequency: Float64Array;
  /** t_x: age at the last purchase day, in units. */
  recency: Float64Array;
  /** T: age at `endDay`, in units. */
  T: Float64Array;
  /** Mean value of the repeat purchase days; 0 when frequency is 0; NaN without an amount column. */
  monetary: Float64Array;
}

// A module constant, not a global lookup per customer (see fit/special.ts).
const { max } = Math;

/** Computes the RFM summary of transactions. */
export function rfmSummary(tx: Transactions, options: RfmOptions = {}): RfmSummary {
  const unit = options.unit ?? "week";
  const unitDays = RFM_UNIT_DAYS[unit];
  const endDay = options.endDay ?? tx.lastDay;
  const customers = tx.ids.length;
  const { offsets, order } = groupByCustomer(tx);
  const { day, amount } = tx;

  const customer = new Int32Array(customers);
  const firstDay = new Int32Array(customers);
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const monetary = new Float64Array(customers);
  const ids: string[] = [];

  let largest = 0;
  for (let c = 0; c < customers; c++) largest = max(largest, offsets[c + 1] - offsets[c]);
  const days = new Int32Array(largest);
  const values = new Float64Array(largest);

  let n = 0;
  for (let c = 0; c < customers; c++) {
    const lo = offsets[c];
    const hi = offsets[c + 1];
    // Distinct purchase days on or before the end, sorted.
    let m = 0;
    for (let j = lo; j < hi; j++) {
      const i = order[j];
      if (day[i] > endDay || (amount !== undefined && amount[i] < 0)) continue;
      days[m++] = day[i];
    }
    if (m === 0) continue;
    const sorted = days.subarray(0, m).sort();
    let distinct = 1;
    for (let j = 1; j < m; j++) if (sorted[j] !== sorted[distinct - 1]) sorted[distinct++] = sorted[j];
    const first = sorted[0];
    const last = sorted[distinct - 1];
    const x = distinct - 1;

    let value = 0;
    if (amount === undefined) value = Number.NaN;
    else if (x > 0) {
      values.fill(0, 0, distinct);
      for (let j = lo; j < hi; j++) {
        const i = order[j];
        const d = day[i];
        if (d > endDay) continue;
        const at = latestAtOrBefore(sorted, distinct, d);
        if (at >= 0) values[at] += amount[i];
      }
      for (let j = 1; j < distinct; j++) value += max(0, values[j]);
      value /= x;
    }

    customer[n] = c;
    firstDay[n] = first;
    frequency[n] = x;
    recency[n] = (last - first) / unitDays;
    T[n] = (endDay - first) / unitDays;
    monetary[n] = value;
    ids.push(tx.ids[c]);
    n++;
  }
  return {
    unit,
    unitDays,
    endDay,
    length: n,
    ids,
    customer: customer.subarray(0, n),
    firstDay: firstDay.subarray(0, n),
    frequency: frequency.subarray(0, n),
    recency: recency.subarray(0, n),
    T: T.subarray(0, n),
    monetary: monetary.subarray(0, n),
  };
}

/** Index of the last of `sorted[0 … length − 1]` that is ≤ `day`, or −1. */
function latestAtOrBefore(sorted: Int32Array, length: number, day: number): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
