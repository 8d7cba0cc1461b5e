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
export const NOISE = 1e-9;
/** Months back of the trailing net revenue retention. */
export const TRAILING = 12;

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

/**
 * The month-by-month sums of an {@link MrrTable} while customers are added one by one — by
 * {@link mrrTable} from rows in memory, or by a database's aggregates plus the customers it leaves to
 * JavaScript (core/sql/mrr.ts) — and the table they make.
 */
export class MrrSums {
  readonly added: Float64Array;
  readonly expansion: Float64Array;
  readonly reactivation: Float64Array;
  readonly contraction: Float64Array;
  readonly churned: Float64Array;
  readonly end: Float64Array;
  readonly customers: Int32Array;
  readonly churnedCustomers: Int32Array;
  readonly trailingBase: Float64Array;
  readonly trailingNow: Float64Array;
  readonly trailingKept: Float64Array;
  readonly cohortSize: Int32Array;
  /** Row c (the cohort's month from the first), column k: the cohort's MRR k months on. */
  readonly cohortMrr: Float64Array;
  /** A customer's MRR by month, scratch for {@link walk}. */
  private readonly mrr: Float64Array;

  constructor(
    readonly firstMonth: number,
    readonly width: number,
  ) {
    const totals = () => new Float64Array(width);
    this.added = totals();
    this.expansion = totals();
    this.reactivation = totals();
    this.contraction = totals();
    this.churned = totals();
    this.end = totals();
    this.trailingBase = totals();
    this.trailingNow = totals();
    this.trailingKept = totals();
    this.mrr = totals();
    this.customers = new Int32Array(width);
    this.churnedCustomers = new Int32Array(width);
    this.cohortSize = new Int32Array(width);
    this.cohortMrr = new Float64Array(width * width);
  }

  /**
   * Adds one customer from what their payments add to months lo … hi (`contribution`, indexed by
   * month from the first; zeroed as it is read): their MRR month by month, its movements, cohort and
   * trailing retention.
   */
  walk(contribution: Float64Array, lo: number, hi: number): void {
    const { width, mrr } = this;
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
        this.end[m] += now;
        this.customers[m]++;
        if (previous === 0) {
          if (had) this.reactivation[m] += now;
          else {
            this.added[m] += now;
            cohort = m;
            this.cohortSize[m]++;
            had = true;
          }
        } else if (now > previous) this.expansion[m] += now - previous;
        else if (now < previous) this.contraction[m] += now - previous;
        this.cohortMrr[cohort * width + m - cohort] += now;
      } else if (previous > 0) {
        this.churned[m] -= previous;
        this.churnedCustomers[m]++;
      }
      if (m - TRAILING >= lo && mrr[m - TRAILING] > 0) {
        this.trailingBase[m] += mrr[m - TRAILING];
        this.trailingNow[m] += now;
        this.trailingKept[m] += Math.min(now, mrr[m - TRAILING]);
      }
      previous = now;
    }
  }

  /** The table of the sums: MRR at start, the ratios and the cohorts. */
  table(): MrrTable {
    const { width, firstMonth, added, expansion, reactivation, contraction, churned } = this;
    const { trailingBase, trailingNow, trailingKept } = this;
    const start = new Float64Array(width);
    for (let m = 1; m < width; m++) start[m] = this.end[m - 1];
    const perMonth = <T>(f: (m: number) => T): T[] => Array.from({ length: width }, (_, m) => f(m));
    const cohorts: MrrCohort[] = [];
    for (let m = 0; m < width; m++) {
      if (this.cohortSize[m] === 0) continue;
      const row = Array.from(this.cohortMrr.subarray(m * width, m * width + width - m));
      cohorts.push({
        month: firstMonth + m,
        start: periodStart("month", firstMonth + m),
        customers: this.cohortSize[m],
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
      end: this.end,
      customers: this.customers,
      churnedCustomers: this.churnedCustomers,
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
}

/** The months an MRR table spans: from the month of the first date to the month of the end (none when the end is before it). */
export function mrrMonths(firstDay: DayNumber, end: DayNumber): { firstMonth: number; width: number } {
  if (!(end >= firstDay)) return { firstMonth: 0, width: 0 };
  const firstMonth = periodIndex("month", firstDay);
  return { firstMonth, width: periodIndex("month", end) - firstMonth + 1 };
}

/** MRR movements of payment rows (`tx.amount` is required). */
export function mrrTable(tx: Transactions, options: MrrOptions = {}): MrrTable {
  const end = options.endDay ?? tx.lastDay;
  const { firstMonth, width } = mrrMonths(tx.firstDay, tx.length === 0 ? Number.NaN : end);
  const sums = new MrrSums(firstMonth, width);
  if (width === 0) return sums.table();
  const firstDay = tx.firstDay;
  const monthOf = periodTable("month", firstDay, end);
  const { day, length } = tx;
  const amount = tx.amount ?? new Float64Array(length);
  const terms = options.terms ?? 1;
  const { offsets, order } = groupByCustomer(tx);
  const contribution = new Float64Array(width);
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
    sums.walk(contribution, lo, hi);
  }
  return sums.table();
}
