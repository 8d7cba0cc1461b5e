/**
 * Per-customer purchase histories: what the Forecast check and the Customers sheet need of each
 * customer, one entry a customer and never a transaction — computed here from rows in memory, or in a
 * database (core/sql `customerQueries`), so both engines feed the same sheets the same numbers.
 *
 * A purchase day is a day with a purchase (amount ≥ 0), counted once however many purchases it has,
 * as RFM counts them (cohorts/rfm.ts); days after the observation end are not read.
 */
import type { DayNumber } from "../cells";
import { RFM_UNIT_DAYS, type RfmSummary, rfmSummary } from "../cohorts/rfm";
import { groupByCustomer, type Transactions } from "../cohorts/transactions";

/** Days per week: the back-test's unit and its curve's step. */
export const DAYS_PER_WEEK = 7;

export interface CustomerHistories {
  /** The data's first and last dates (every row read, after the observation end too). */
  firstDay: DayNumber;
  lastDay: DayNumber;
  /** The observation end and the Forecast check's split. */
  endDay: DayNumber;
  calibrationEnd: DayNumber;
  /**
   * Customers with a purchase day on or before `endDay`, in order of id (UTF-16 code units): a
   * database table has no row order, and the fits' sums and the lists' ties must not depend on one.
   */
  ids: string[];
  /** First and last purchase day, and distinct purchase days, to `endDay`. */
  first: Int32Array;
  last: Int32Array;
  days: Float64Array;
  /** Last purchase day and distinct purchase days to `calibrationEnd`; days 0 for a customer first seen after it. */
  calibrationLast: Int32Array;
  calibrationDays: Float64Array;
  /** Mean value of the repeat purchase days to `endDay`, refunds netted (rfm.ts); 0 without repeat days. */
  monetary: Float64Array;
  /** Net spend (purchases less refunds) to `endDay`. */
  spend: Float64Array;
  /**
   * Repeat purchase days of the customers first seen by `calibrationEnd`, by week from `firstDay`
   * (week w: days firstDay + 7w … + 7w + 6), to the hold-out end (`endDay` or the last date if sooner).
   */
  weekly: Float64Array;
  /**
   * Each customer's segment (as written, "" when blank): their first purchase's, as their cohort row
   * splits them. Only from a database, in a report split by segment (rows in memory have theirs).
   */
  segment?: string[];
}

/** The split the Forecast check uses by default: halfway from the first date to the end, as the CDNOW studies split 78 weeks into 39 + 39. */
export function halfwayDay(firstDay: DayNumber, lastDay: DayNumber, end: DayNumber): DayNumber {
  return Math.floor((firstDay + Math.min(end, lastDay)) / 2);
}

/** The back-test's hold-out end: the observation end, cut at the last date in the data. */
export const holdoutEndOf = (h: Pick<CustomerHistories, "endDay" | "lastDay">): DayNumber =>
  Math.min(h.endDay, h.lastDay);

/** Weeks of the curve from `firstDay` to `holdoutEnd`. */
export const weeksTo = (firstDay: DayNumber, holdoutEnd: DayNumber): number =>
  Math.ceil((holdoutEnd - firstDay + 1) / DAYS_PER_WEEK);

/** The histories of transactions in memory, to `endDay`, split at `calibrationEnd`. */
export function historiesOf(
  tx: Transactions,
  endDay: DayNumber,
  calibrationEnd: DayNumber,
): CustomerHistories {
  const whole = rfmSummary(tx, { endDay, unit: "day" });
  const calibration = rfmSummary(tx, { endDay: calibrationEnd, unit: "day" });
  const n = whole.length;
  const at = new Int32Array(tx.ids.length).fill(-1);
  for (let i = 0; i < n; i++) at[whole.customer[i]] = i;
  const calibrationLast = new Int32Array(n).fill(-1);
  const calibrationDays = new Float64Array(n);
  for (let i = 0; i < calibration.length; i++) {
    const j = at[calibration.customer[i]];
    calibrationLast[j] = calibration.firstDay[i] + calibration.recency[i];
    calibrationDays[j] = calibration.frequency[i] + 1;
  }
  const spend = new Float64Array(n);
  for (let i = 0; i < tx.length; i++) {
    const j = at[tx.customer[i]];
    if (j >= 0 && tx.day[i] <= endDay) spend[j] += tx.amount?.[i] ?? 0;
  }
  // The curve: repeat purchase days (after the first) of the calibration customers, to the hold-out end.
  const holdoutEnd = Math.min(endDay, tx.lastDay);
  const weekly = new Float64Array(Math.max(0, weeksTo(tx.firstDay, holdoutEnd)));
  const { offsets, order } = groupByCustomer(tx);
  for (let i = 0; i < n; i++) {
    if (calibrationDays[i] === 0) continue;
    const c = whole.customer[i];
    const days = new Set<number>();
    for (let k = offsets[c]; k < offsets[c + 1]; k++) {
      const row = order[k];
      const day = tx.day[row];
      if (day > whole.firstDay[i] && day <= holdoutEnd && !(tx.amount && tx.amount[row] < 0)) days.add(day);
    }
    for (const day of days) weekly[Math.floor((day - tx.firstDay) / DAYS_PER_WEEK)]++;
  }
  return inIdOrder({
    firstDay: tx.firstDay,
    lastDay: tx.lastDay,
    endDay,
    calibrationEnd,
    ids: whole.ids,
    first: whole.firstDay,
    last: Int32Array.from(whole.recency, (r, i) => whole.firstDay[i] + r),
    days: whole.frequency.map((x) => x + 1),
    calibrationLast,
    calibrationDays,
    monetary: whole.monetary,
    spend,
    weekly,
  });
}

/** The histories with their customers sorted by id, however they came. */
export function inIdOrder(h: CustomerHistories): CustomerHistories {
  const order = h.ids
    .map((_, i) => i)
    .sort((i, j) => (h.ids[i] < h.ids[j] ? -1 : h.ids[i] > h.ids[j] ? 1 : 0));
  const int = (column: Int32Array) => Int32Array.from(order, (i) => column[i]);
  const float = (column: Float64Array) => Float64Array.from(order, (i) => column[i]);
  return {
    ...h,
    ids: order.map((i) => h.ids[i]),
    first: int(h.first),
    last: int(h.last),
    days: float(h.days),
    calibrationLast: int(h.calibrationLast),
    calibrationDays: float(h.calibrationDays),
    monetary: float(h.monetary),
    spend: float(h.spend),
    ...(h.segment && { segment: order.map((i) => (h.segment as string[])[i]) }),
  };
}

/**
 * The RFM summary (in weeks) of the histories at the observation end, or at the calibration end (the
 * customers first seen by then): the rows the models are fitted on, as `rfmSummary` gives them from
 * transactions. `customer` indexes the histories.
 */
export function historyRfm(h: CustomerHistories, at: "end" | "calibration"): RfmSummary {
  const unitDays = RFM_UNIT_DAYS.week;
  const calibration = at === "calibration";
  const endDay = calibration ? h.calibrationEnd : h.endDay;
  const customer: number[] = [];
  for (let i = 0; i < h.ids.length; i++) if (!calibration || h.calibrationDays[i] > 0) customer.push(i);
  const pick = <T>(f: (i: number) => T) => customer.map(f);
  const last = calibration ? h.calibrationLast : h.last;
  const days = calibration ? h.calibrationDays : h.days;
  return {
    unit: "week",
    unitDays,
    endDay,
    length: customer.length,
    ids: pick((i) => h.ids[i]),
    customer: Int32Array.from(customer),
    firstDay: Int32Array.from(pick((i) => h.first[i])),
    frequency: Float64Array.from(pick((i) => days[i] - 1)),
    recency: Float64Array.from(pick((i) => (last[i] - h.first[i]) / unitDays)),
    T: Float64Array.from(pick((i) => (endDay - h.first[i]) / unitDays)),
    monetary: Float64Array.from(pick((i) => (calibration ? 0 : h.monetary[i]))),
  };
}
