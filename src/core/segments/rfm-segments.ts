/**
 * RFM scores and segments (Hughes, "Strategic Database Marketing", 1994; the segment map below is the
 * widely used R × F grid of the RFM segmentation tutorials, with "Lost" split from "Hibernating"):
 * - recency: days from the customer's last purchase day to the end of observation (fewer is better);
 * - frequency: distinct purchase days on or before the end;
 * - monetary: total net spend (purchases less refunds) on or before the end, in currency.
 * Each is scored 1–5 by quintile of the customers, 5 best. With the customers sorted from worst to
 * best, the one at 0-based position i of n scores 1 + ⌊5·(i + ½)/n⌋ (the fifth its share of the
 * ranking falls in), so without ties every score holds ⌊n/5⌋ or ⌈n/5⌉ customers; a run of tied
 * customers at positions lo … hi all take the score of the run's first position, 1 + ⌊5·(lo + ½)/n⌋:
 * customers with the same value share one score, set by how many customers rank below them, so when
 * most customers bought once they all score F = 1 (New customers when recent, Lost when not) instead of
 * a middle score that would call them At risk or Potential loyalists.
 */
import type { DayNumber } from "../cells";
import { rfmSummary } from "../cohorts/rfm";
import type { Transactions } from "../cohorts/transactions";

export const RFM_SEGMENT_NAMES = [
  "Champions",
  "Loyal customers",
  "Potential loyalists",
  "New customers",
  "Promising",
  "Need attention",
  "About to sleep",
  "At risk",
  "Can't lose them",
  "Hibernating",
  "Lost",
] as const;

export type RfmSegment = (typeof RFM_SEGMENT_NAMES)[number];

/**
 * The segment of a recency score r and frequency score f (the monetary score is not used), rows
 * r = 5 … 1, columns f = 1 … 5:
 *
 *   r=5  New customers   Potential loyalists ×2   Champions ×2
 *   r=4  Promising       Potential loyalists ×2   Loyal customers ×2
 *   r=3  About to sleep ×2        Need attention   Loyal customers ×2
 *   r=2  Hibernating ×2           At risk ×2       Can't lose them
 *   r=1  Lost  Hibernating        At risk ×2       Can't lose them
 */
export function rfmSegment(r: number, f: number): RfmSegment {
  if (r >= 4) {
    if (f >= 4) return r === 5 ? "Champions" : "Loyal customers";
    if (f >= 2) return "Potential loyalists";
    return r === 5 ? "New customers" : "Promising";
  }
  if (r === 3) return f >= 4 ? "Loyal customers" : f === 3 ? "Need attention" : "About to sleep";
  if (f === 5) return "Can't lose them";
  if (f >= 3) return "At risk";
  return r === 1 && f === 1 ? "Lost" : "Hibernating";
}

/**
 * Quintile scores 1–5 of `values`, higher values scoring higher (negate for "fewer is better"); tied
 * values share the score of the first position of their run (see the module comment).
 */
export function quintileScores(values: ArrayLike<number>): Int8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const scores = new Int8Array(n);
  for (let lo = 0; lo < n; ) {
    let hi = lo;
    while (hi + 1 < n && values[order[hi + 1]] === values[order[lo]]) hi++;
    const score = 1 + Math.floor((5 * (2 * lo + 1)) / (2 * n));
    for (let k = lo; k <= hi; k++) scores[order[k]] = score;
    lo = hi + 1;
  }
  return scores;
}

export interface RfmScores {
  ids: string[];
  /** Days from the last purchase day to the end of observation. */
  daysSince: Float64Array;
  /** Distinct purchase days. */
  purchaseDays: Float64Array;
  /** Net spend (purchases less refunds) on or before the end. */
  spend: Float64Array;
  recency: Int8Array;
  frequency: Int8Array;
  monetary: Int8Array;
  segment: RfmSegment[];
}

/**
 * The scores and segment of every customer with a purchase on or before `endDay` (default: the last
 * date), in order of first appearance.
 */
export function rfmScores(tx: Transactions, endDay?: DayNumber): RfmScores {
  const rfm = rfmSummary(tx, { endDay, unit: "day" });
  const net = new Float64Array(tx.ids.length);
  for (let i = 0; i < tx.length; i++) if (tx.day[i] <= rfm.endDay) net[tx.customer[i]] += tx.amount?.[i] ?? 0;
  return scoresOf(
    rfm.ids,
    rfm.T.map((T, i) => T - rfm.recency[i]),
    rfm.frequency.map((x) => x + 1),
    Float64Array.from(rfm.customer, (c) => net[c]),
  );
}

/**
 * The scores and segment of customers from their days since the last purchase day, distinct purchase
 * days and net spend (from transactions, {@link rfmScores}, or per-customer histories from a database).
 */
export function scoresOf(
  ids: string[],
  daysSince: Float64Array,
  purchaseDays: Float64Array,
  spend: Float64Array,
): RfmScores {
  const recency = quintileScores(daysSince.map((d) => -d));
  const frequency = quintileScores(purchaseDays);
  return {
    ids,
    daysSince,
    purchaseDays,
    spend,
    recency,
    frequency,
    monetary: quintileScores(spend),
    segment: Array.from(recency, (r, i) => rfmSegment(r, frequency[i])),
  };
}
