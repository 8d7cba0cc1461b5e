/**
 * The left-censored first cohort. An export that starts in the middle of a shop's life puts every
 * customer who bought before it starts into its first period as if they were new: the first cohort is
 * too big, retains too well and looks cheap to acquire (UCI Online Retail's Dec-2010 cohort).
 *
 * The rule ("looks established"): existing customers buy again sooner than new ones, so compare
 * the customers first seen in the data's first 7 days with those first seen later, each over the 28
 * days after their first purchase (only customers whose 28 days are observed). The first period
 * looks left-censored when the first week's customers bought again within 28 days at least 1.5 times
 * as often as later customers did, and at least 5 percentage points more often, with 20 or more
 * customers on each side. A shop whose data starts at its launch has no established customers, and
 * its first week's buyers repeat like later ones; a window of a few weeks leaves seasonality mostly
 * aside. On UCI Online Retail (Dec 2010 – Dec 2011) the first week's customers bought again within 28
 * days 36% of the time, later ones 16%.
 */
import { type DayNumber, isoDay } from "../cells";
import { type CohortTable, groupByCustomer, periodIndex, periodStart, type Transactions } from "../cohorts";
import type { SpendWords } from "./spend-words";

/** The first days of the data whose new customers are compared with later ones. */
export const FIRST_DAYS = 7;
/** The days after a first purchase in which a second one counts as buying again soon. */
export const REPEAT_WINDOW = 28;
/** How many times as often the first week's customers must buy again. */
export const CENSORED_RATIO = 1.5;
/** And by at least this much (a share). */
export const CENSORED_GAP = 0.05;
/** Customers needed on each side for the comparison to mean anything. */
export const MIN_CUSTOMERS = 20;

export interface LeftCensoring {
  /** Share of the first week's customers who bought again within the window. */
  share: number;
  /** The same for customers first seen later. */
  base: number;
  /** Customers first seen in the first week, and later (with their window observed). */
  firstWeek: number;
  later: number;
}

/**
 * The comparison of the first week's customers with later ones, with `censored` saying whether
 * the rule above holds; undefined when either side has too few customers to tell.
 */
export function leftCensoring(
  tx: Transactions,
  end: DayNumber,
): (LeftCensoring & { censored: boolean }) | undefined {
  if (tx.length === 0) return undefined;
  const { offsets, order } = groupByCustomer(tx);
  const start = tx.firstDay;
  const counts = { first: 0, firstAgain: 0, later: 0, laterAgain: 0 };
  for (let c = 0; c < tx.ids.length; c++) {
    const at = tx.firstPurchase[c];
    if (at < 0) continue;
    const first = tx.day[at];
    if (first + REPEAT_WINDOW > end) continue;
    let again = false;
    for (let j = offsets[c]; j < offsets[c + 1] && !again; j++) {
      const i = order[j];
      const day = tx.day[i];
      const purchase = !tx.amount || tx.amount[i] >= 0;
      again = purchase && day > first && day <= first + REPEAT_WINDOW;
    }
    if (first < start + FIRST_DAYS) {
      counts.first++;
      if (again) counts.firstAgain++;
    } else {
      counts.later++;
      if (again) counts.laterAgain++;
    }
  }
  if (counts.first < MIN_CUSTOMERS || counts.later < MIN_CUSTOMERS) return undefined;
  const share = counts.firstAgain / counts.first;
  const base = counts.laterAgain / counts.later;
  return {
    share,
    base,
    firstWeek: counts.first,
    later: counts.later,
    censored: share >= CENSORED_RATIO * base && share - base >= CENSORED_GAP,
  };
}

const percent = (x: number) => Math.round(x * 1000) / 10;

/**
 * The cohorts a report draws — all of them, or without the first period's with `skipFirstPeriod` —
 * and what it says of the first cohort: left out (with its customers), left-censored by the rule
 * above (which needs the rows: none from a database), or nothing.
 */
export function firstPeriodCohorts(
  table: CohortTable,
  transactions: Transactions | undefined,
  options: { skipFirstPeriod?: boolean },
  sw: SpendWords,
): { kept: CohortTable["cohorts"]; note?: string } {
  const first = periodIndex(table.period, table.firstDay);
  const label = isoDay(periodStart(table.period, first));
  if (options.skipFirstPeriod) {
    const left = table.cohorts.filter((c) => c.period === first).reduce((n, c) => n + c.size, 0);
    return { kept: table.cohorts.filter((c) => c.period !== first), note: sw.skipped(label, left) };
  }
  const censoring = transactions ? leftCensoring(transactions, table.observationEnd) : undefined;
  return {
    kept: table.cohorts,
    note: censoring?.censored
      ? sw.censored(label, percent(censoring.share), percent(censoring.base), REPEAT_WINDOW)
      : undefined,
  };
}
