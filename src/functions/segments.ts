/**
 * The segment formulas: RFM scores and named segments per customer, and the predicted value of a new
 * customer per segment (channel). This layer reads the cells and names bad input; the logic lives in
 * `core/segments`.
 */

import { currentSheetContext } from "../addon/context";
import { BLANK_SEGMENT } from "../core/cohorts/cohort-table";
import { newCustomerValues, type SegmentValue } from "../core/segments/new-customer-value";
import { rfmScores } from "../core/segments/rfm-segments";
import { type Arg, finiteTable, type Result } from "./arguments";
import { noPurchaseError, readRfmTransactions, readSegmentedTransactions, type Table } from "./cohorts";
import { FROM_RFM, readValueOptions, run, summarize, withNotes } from "./forecasts";

/**
 * RFM scores and segments. Per customer with a purchase on or before end_date: recency = days from the
 * last purchase day to end_date (fewer is better), frequency = distinct purchase days, monetary = total
 * net spend in currency (refunds subtracted), each scored 1–5 by quintile of the customers, 5 best.
 * Sorted worst to best, the customer at position i of n (from 0) scores 1 + ⌊5·(i + ½)/n⌋, so the
 * scores hold n/5 customers each, give or take one; tied customers share the score of the first of
 * their run of positions (customers with the same frequency get the same score, one-time buyers the
 * lowest). The segment is read from R and F (M is not used) on the common RFM map: R 4–5 with
 * F 4–5 Champions (R 5) or Loyal customers (R 4); R 3 with F 4–5 Loyal customers; R 4–5 with F 2–3
 * Potential loyalists; R 5 F 1 New customers; R 4 F 1 Promising; R 3 F 3 Need attention; R 3 F 1–2
 * About to sleep; R 1–2 with F 3–4 At risk, with F 5 Can't lose them, with F 1–2 Hibernating, except
 * R 1 F 1 Lost. Source: Hughes, "Strategic Database Marketing" (1994) for the scores; the segment
 * grid of the widely used RFM segmentation map (e.g. Putler, "RFM Analysis for Successful Customer
 * Segmentation").
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each transaction (a column).
 * @param {Array<Array<Date>>} dates The date of each transaction (a column, same length).
 * @param {Array<Array<number>>} amounts The amount of each transaction in currency; negative for refunds.
 * @param {Date} end_date Optional: the end of observation (default: the last date); later rows are ignored.
 * @return A header row, then per customer: id, recency score, frequency score, monetary score, segment.
 * @example =RFM_SEGMENTS(A2:A6920, B2:B6920, D2:D6920, DATE(1997,9,30)) → Customer | Recency | Frequency | Monetary | Segment / 00004 | 5 | 5 | 4 | Champions on CDNOW
 * @customfunction
 */
export function RFM_SEGMENTS(customer_ids: Arg, dates: Arg, amounts: Arg, end_date?: Arg): Table {
  const fn = "RFM_SEGMENTS";
  const { tx, endDay } = readRfmTransactions(
    fn,
    { customer_ids, dates, amounts, end_date },
    currentSheetContext(),
  );
  const scores = rfmScores(tx, endDay);
  if (scores.ids.length === 0) throw noPurchaseError(fn, tx, endDay);
  const rows: Table = scores.ids.map((id, i) => [
    id,
    scores.recency[i],
    scores.frequency[i],
    scores.monetary[i],
    scores.segment[i],
  ]);
  rows.unshift(["Customer", "Recency", "Frequency", "Monetary", "Segment"]);
  return finiteTable(fn, "amounts", rows);
}

/**
 * The predicted value of a new customer acquired today: the expected discounted margin over the next
 * horizon_months, the first purchase included: margin × E[order value] × (1 + Σ_{m=1..H} E[repeat
 * purchases in month m] / (1 + d)^m), with E[repeat purchases by t] the BG/NBD unconditional
 * expectation and E[order value] the Gamma-Gamma population mean p·γ/(q − 1), both fitted in weeks on
 * all the transactions; months of 365.25/12 days, in currency. The 80% interval is the delta method on
 * ln value with the parameters' covariance from the observed information. With segments, each
 * customer belongs to the segment of their first purchase; a segment with fewer than 30 repeat buyers
 * (customers with a repeat purchase day of positive value), or whose own fit fails, takes the pooled
 * fit and is marked "(pooled fit)". Source: Fader, Hardie & Lee (2005), “Counting Your Customers the
 * Easy Way” (eq. 9) and “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”.
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Array<Array<number>>} amounts A column of transaction amounts in currency; negative for refunds.
 * @param {number} horizon_months Months ahead to value, a whole number from 1 to 1,200.
 * @param {number} monthly_discount_rate Optional discount rate per month (0.01 or 1%); default 1%.
 * @param {number} margin Optional share of revenue kept as profit (0.3 or 30%); default 1 (revenue).
 * @param {Array<Array<string>>} segments Optional: the segment (channel) of each transaction, same length.
 * @return A header row, then one row per segment (or one row "All"): segment, customers, value, lower, upper (80%), in currency. When the data do not pin the model's parameters (the likelihood is flat in some direction) the value is still given, lower and upper are blank, and one more, last row says so in its first cell ("Note: …"); the rows above keep their places.
 * @example =PREDICTED_NEW_CUSTOMER_VALUE(A2:A6920, B2:B6920, D2:D6920, 12) → Segment | Customers | Value | Lower | Upper / All | 2357 | 86.48 | 82.93 | 90.18 on CDNOW
 * @customfunction
 */
export function PREDICTED_NEW_CUSTOMER_VALUE(
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  horizon_months: Arg,
  monthly_discount_rate?: Arg,
  margin?: Arg,
  segments?: Arg,
): Result {
  const fn = "PREDICTED_NEW_CUSTOMER_VALUE";
  const ctx = currentSheetContext();
  const options = readValueOptions(fn, ctx, horizon_months, monthly_discount_rate, margin);
  const tx = readSegmentedTransactions(fn, { customer_ids, dates, amounts, segments }, ctx);
  if (!tx.amount?.some((amount) => amount >= 0)) throw noPurchaseError(fn, tx, undefined);
  const rfm = summarize(fn, { customer_ids, dates }, ctx, "BG/NBD", tx);
  return run(fn, { ...FROM_RFM, interval: "the 80% interval" }, "amounts", () => {
    const labels = tx.segments?.map((label) => label || BLANK_SEGMENT);
    const groups =
      labels && tx.segment
        ? {
            labels,
            segmentOf: Int32Array.from(rfm.customer, (c) => (tx.segment as Int32Array)[tx.firstPurchase[c]]),
          }
        : undefined;
    const rows: (string | number)[][] = [["Segment", "Customers", "Value", "Lower", "Upper"]];
    const { horizonMonths, ...rest } = options;
    const segments = newCustomerValues(rfm, { ...rest, horizonsMonths: [horizonMonths] }, 0.8, groups);
    const label = (s: SegmentValue) => (s.pooled ? `${s.segment} (pooled fit)` : s.segment);
    for (const s of segments) {
      const [{ value, lower, upper }] = s.values;
      rows.push([label(s), s.customers, value, lower ?? "", upper ?? ""]);
    }
    // Only the pooled fit (or "All") can lack its interval, so one reason covers every such row.
    const without = segments.filter((s) => s.noInterval);
    const notes = without.length
      ? [
          `The 80% interval of ${without.map(label).join(", ")} ${without[0].noInterval}, so treat the value as rough.`,
        ]
      : [];
    return withNotes(rows, notes);
  });
}
