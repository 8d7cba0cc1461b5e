/**
 * Monthly recurring revenue (MRR) from payment rows, and its movements month by month, as
 * ChartMogul's and Baremetrics' published MRR movement definitions have them:
 * - a payment of amount A covering n months (its term) adds A / n to each of the n calendar months
 *   from the month of its date; a refund (negative amount) takes away from its months the same way;
 * - a customer's MRR in a month is the sum of what their payments add to it; a month netting to 0 or
 *   less is no MRR;
 * - from month m − 1 to m, per customer: new (no MRR before, MRR now), reactivation (no MRR in m − 1
 *   but some earlier), expansion (MRR rose), contraction (MRR fell, still above 0; negative), churned
 *   (MRR in m − 1, none in m; minus the m − 1 MRR). A change under half a cent is no change: the
 *   customer keeps the MRR of m − 1, so start + new + expansion + reactivation + contraction +
 *   churned = end holds exactly, month by month (MRR at end is the sum of the customers' MRR, and
 *   the start of a month the end of the one before; the two sides differ by float rounding only).
 * Months run from the month of the first date to the month of the observation end (calendar days
 * come in the spreadsheet's time zone, see cells.ts); rows after the end are left out.
 *
 * Payments are visited customer by customer (a counting sort of the rows), each customer's months
 * accumulated in a dense scratch row the width of the table and read once: the work is the number of
 * months payments cover plus twelve months per customer, with no per-row allocation.
 */
import type { DayNumber } from "../cells";
import { periodIndex, periodStart, periodTable } from "../cohorts/periods";
import { groupByCustomer, type Transactions } from "../cohorts/transactions";
import { grr, nrr, orBlank, quickRatio } from "./metrics";

/** A change of a customer's MRR under half a cent is no change. */
export const MIN_CHANGE = 0.005;
/** Net MRR at most this is none: what floating-point sums of contributions that cancel leave. */
const NOISE = 1e-9;
/** Months back of the trailing net revenue retention. */
const TRAILING = 12;

export interface MrrOptions {
  /** Months each payment covers: one whole number for every row, or one per transaction. @default 1 */
  terms?: number | Int32Array;
  /** The last observed day; rows after it are left out. @default the last date in the data */
  endDay?: DayNumber;
}

/** The movements of an {@link MrrTable} with their labels, in the order tables show them. */
export const MOVEMENTS = [
  ["new", "New"],
  ["expansion", "Expansion"],
  ["reactivation", "Reactivation"],
  ["contraction", "Contraction"],
  ["churned", "Churned"],
] as const;

/** One cohort: the customers whose first MRR is in one month. */
export interface MrrCohort {
  /** Month index (periods.ts) of the cohort's first MRR. */
  month: number;
  start: DayNumber;
  customers: number;
  /** The cohort's MRR in its month k = 0, 1, … to the last month. */
  mrr: number[];
  /** mrr[k] / mrr[0]: net MRR retention (1 at k = 0). */
  retention: number[];
}

/** Monthly movements; arrays are indexed by month from the first. */
export interface MrrTable {
  /** Month index (periods.ts) of the first month. */
  firstMonth: number;
  months: number;
  /** First day of each month. */
  monthStart: DayNumber[];
  start: Float64Array;
  new: Float64Array;
  expansion: Float64Array;
  reactivation: Float64Array;
  /** ≤ 0. */
  contraction: Float64Array;
  /** ≤ 0. */
  churned: Float64Array;
  end: Float64Array;
  /** Customers with MRR at the end of the month. */
  customers: Int32Array;
  /** Customers with MRR in the month before and none in the month. */
  churnedCustomers: Int32Array;
  /** Null where MRR at start is 0. */
  nrr: (number | null)[];
  grr: (number | null)[];
  /** Null where nothing was lost. */
  quickRatio: (number | null)[];
  /** MRR in the month of the customers with MRR twelve months before, over their MRR then; null in the first twelve months. */
  trailingNrr: (number | null)[];
  /** The same with each of those customers' MRR capped at their MRR twelve months before (no expansion). */
  trailingGrr: (number | null)[];
  cohorts: MrrCohort[];
}

/** MRR movements of payment rows (`tx.amount` is required). */
export function mrrTable(tx: Transactions, options: MrrOptions = {}): MrrTable {
  const end = options.endDay ?? tx.lastDay;
  const empty = tx.length === 0 || !(end >= tx.firstDay);
  const firstDay = empty ? 0 : tx.firstDay;
  const firstMonth = empty ? 0 : periodIndex("month", firstDay);
  const width = empty ? 0 : periodIndex("month", end) - firstMonth + 1;
  const monthOf = empty ? new Int32Array(0) : periodTable("month", firstDay, end);
  const totals = () => new Float64Array(width);
  const added = totals();
  const expansion = totals();
  const reactivation = totals();
  const contraction = totals();
  const churned = totals();
  const endMrr = totals();
  const customers = new Int32Array(width);
  const churnedCustomers = new Int32Array(width);
  const trailingBase = totals();
  const trailingNow = totals();
  const trailingKept = totals();
  const cohortSize = new Int32Array(width);
  const cohortMrr = new Float64Array(width * width);

  const { day, length } = tx;
  const amount = tx.amount ?? new Float64Array(length);
  const terms = options.terms ?? 1;
  const { offsets, order } = empty
    ? { offsets: new Int32Array(1), order: new Int32Array(0) }
    : groupByCustomer(tx);
  const contribution = new Float64Array(width);
  const mrr = new Float64Array(width);
  for (let c = 0; c + 1 < offsets.length; c++) {
    let lo = width;
    let hi = -1;
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const i = order[j];
      const d = day[i];
      if (d > end) continue;
      const first = monthOf[d - firstDay] - firstMonth;
      const n = typeof terms === "number" ? terms : terms[i];
      const share = amount[i] / n;
      const last = Math.min(first + n - 1, width - 1);
      for (let m = first; m <= last; m++) contribution[m] += share;
      if (first < lo) lo = first;
      if (last > hi) hi = last;
    }
    let previous = 0;
    let had = false;
    let cohort = -1;
    const stop = Math.min(hi + TRAILING, width - 1);
    for (let m = lo; m <= stop; m++) {
      const net = contribution[m];
      contribution[m] = 0;
      const now = net <= NOISE ? 0 : previous > 0 && Math.abs(net - previous) < MIN_CHANGE ? previous : net;
      mrr[m] = now;
      if (now > 0) {
        endMrr[m] += now;
        customers[m]++;
        if (previous === 0) {
          if (had) reactivation[m] += now;
          else {
            added[m] += now;
            cohort = m;
            cohortSize[m]++;
            had = true;
          }
        } else if (now > previous) expansion[m] += now - previous;
        else if (now < previous) contraction[m] += now - previous;
        cohortMrr[cohort * width + m - cohort] += now;
      } else if (previous > 0) {
        churned[m] -= previous;
        churnedCustomers[m]++;
      }
      if (m - TRAILING >= lo && mrr[m - TRAILING] > 0) {
        trailingBase[m] += mrr[m - TRAILING];
        trailingNow[m] += now;
        trailingKept[m] += Math.min(now, mrr[m - TRAILING]);
      }
      previous = now;
    }
  }

  const start = totals();
  for (let m = 1; m < width; m++) start[m] = endMrr[m - 1];
  const perMonth = <T>(f: (m: number) => T): T[] => Array.from({ length: width }, (_, m) => f(m));
  const cohorts: MrrCohort[] = [];
  for (let m = 0; m < width; m++) {
    if (cohortSize[m] === 0) continue;
    const row = Array.from(cohortMrr.subarray(m * width, m * width + width - m));
    cohorts.push({
      month: firstMonth + m,
      start: periodStart("month", firstMonth + m),
      customers: cohortSize[m],
      mrr: row,
      retention: row.map((v) => v / row[0]),
    });
  }
  return {
    firstMonth,
    months: width,
    monthStart: perMonth((m) => periodStart("month", firstMonth + m)),
    start,
    new: added,
    expansion,
    reactivation,
    contraction,
    churned,
    end: endMrr,
    customers,
    churnedCustomers,
    nrr: perMonth((m) => orBlank(() => nrr(start[m], expansion[m], contraction[m], churned[m]))),
    grr: perMonth((m) => orBlank(() => grr(start[m], contraction[m], churned[m]))),
    quickRatio: perMonth((m) =>
      orBlank(() => quickRatio(added[m], expansion[m], reactivation[m], contraction[m], churned[m])),
    ),
    trailingNrr: perMonth((m) => (trailingBase[m] > 0 ? trailingNow[m] / trailingBase[m] : null)),
    trailingGrr: perMonth((m) => (trailingBase[m] > 0 ? trailingKept[m] / trailingBase[m] : null)),
    cohorts,
  };
}
