/**
 * The segment formulas in the shipped dist/Code.js, called as Sheets calls them: 2-D arrays for
 * ranges, `Date`s at midnight in the spreadsheet's zone, "" for blank cells, numbers and text.
 */
import { describe, expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../src/core/cells";
import { rfmSummary } from "../../src/core/cohorts/rfm";
import { readTransactions } from "../../src/core/cohorts/transactions";
import { startOfDayIn } from "../../src/core/cohorts/zone";
import { newCustomerValues } from "../../src/core/segments/new-customer-value";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const zone = "Asia/Seoul";
const sheets = loadBundle(customFunctionServices("en_US", zone));
const at = (y: number, m: number, d: number) => startOfDayIn(dayNumber(y, m, d), zone);
const column = <T>(values: T[]) => values.map((v) => [v]);

describe("RFM_SEGMENTS", () => {
  const rows: [string | number, Date, number][] = [
    ["00004", at(2024, 1, 5), 100],
    ["00004", at(2024, 1, 20), 50],
    ["00018", at(2024, 1, 31), 30],
    ["00004", at(2024, 2, 10), 20],
    [21, at(2024, 2, 1), 40],
    ["00018", at(2024, 3, 15), -10],
    [21, at(2024, 3, 2), 60],
  ];
  const blanks = ["", "", ""] as const;
  const ids = column([...rows.map((r) => r[0]), ...blanks]);
  const dates = column([...rows.map((r) => r[1]), ...blanks]);
  const amounts = column([...rows.map((r) => r[2]), ...blanks]);

  it("scores and segments by hand to the last date", () => {
    // Days since the last purchase 34, 44, 13; purchase days 3, 1, 2; net spend 170, 20, 100:
    // positions 0, 1, 2 of 3 score 1, 3, 5.
    expect(sheets.RFM_SEGMENTS(ids, dates, amounts)).toEqual([
      ["Customer", "Recency", "Frequency", "Monetary", "Segment"],
      ["00004", 3, 5, 5, "Loyal customers"],
      ["00018", 1, 1, 1, "Lost"],
      ["21", 5, 3, 3, "Potential loyalists"],
    ]);
  });

  it("stops at end_date; a tie shares the score of its first position", () => {
    // To 15 Feb: days since 5, 15, 14; 00018 and 21 tie at one purchase day (positions 0–1: 1 + ⌊5·½/3⌋ = 1).
    expect(sheets.RFM_SEGMENTS(ids, dates, amounts, at(2024, 2, 15))).toEqual([
      ["Customer", "Recency", "Frequency", "Monetary", "Segment"],
      ["00004", 5, 5, 5, "Champions"],
      ["00018", 1, 1, 1, "Lost"],
      ["21", 3, 1, 3, "About to sleep"],
    ]);
  });

  it("names end_date when it is before every purchase", () => {
    expect(() => sheets.RFM_SEGMENTS(ids, dates, amounts, at(2023, 12, 1))).toThrow(
      /RFM_SEGMENTS: end_date is 2023-12-01, before the first purchase/,
    );
  });
});

describeWithReferenceData("PREDICTED_NEW_CUSTOMER_VALUE on the CDNOW sample", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const pick = (name: string) => rows.map((row) => row[header.indexOf(name)]);
  const ids = column(pick("customer_id"));
  const dates = column(pick("date"));
  const amounts = column(pick("amount").map(Number));
  // Customers 00001–00030 (a few) came by "Referral" (too few repeat buyers: pooled), the rest by "Paid".
  const segments = column(pick("customer_id").map((id) => (Number(id) <= 30 ? "Referral" : "Paid")));
  const referrals = new Set(pick("customer_id").filter((id) => Number(id) <= 30)).size;

  it("equals the core value of a new customer, and splits by segment with the pooled fallback marked", () => {
    const tx = readTransactions(
      rows.map((row) => [row[0], row[1], Number(row[3])]),
      { customerId: 0, date: 1, amount: 2 },
      sheetContext("en_US", zone),
    );
    const rfm = rfmSummary(tx, { unit: "week" });
    const options = { horizonsMonths: [24], monthlyDiscountRate: 0.01, margin: 0.3 };
    const [all] = newCustomerValues(rfm, options, 0.8).map((s) => ({ ...s, ...s.values[0] }));
    expect(sheets.PREDICTED_NEW_CUSTOMER_VALUE(ids, dates, amounts, 24, "1%", 0.3)).toEqual([
      ["Segment", "Customers", "Value", "Lower", "Upper"],
      ["All", rfm.length, all.value, all.lower, all.upper],
    ]);
    const split = sheets.PREDICTED_NEW_CUSTOMER_VALUE(ids, dates, amounts, 24, "", 0.3, segments);
    expect(split.map((row: unknown[]) => row.slice(0, 2))).toEqual([
      ["Segment", "Customers"],
      ["Referral (pooled fit)", referrals],
      ["Paid", rfm.length - referrals],
    ]);
    expect(split[1].slice(2)).toEqual([all.value, all.lower, all.upper]);
    expect(split[2][2]).not.toBe(all.value);
    expect(split[2][3]).toBeLessThan(split[2][2]);
    expect(split[2][4]).toBeGreaterThan(split[2][2]);
  });

  it("names the argument of empty, refunds-only or mismatched columns", () => {
    const fn = sheets.PREDICTED_NEW_CUSTOMER_VALUE;
    expect(() => fn([[""]], [[""]], [[""]], 12)).toThrow(
      /PREDICTED_NEW_CUSTOMER_VALUE: customer_ids has no transactions/,
    );
    expect(() => fn([["a"]], [[at(2024, 1, 5)]], [[-5]], 12)).toThrow(
      /PREDICTED_NEW_CUSTOMER_VALUE: amounts has no purchases, only refunds/,
    );
    expect(() => fn(ids, dates, amounts, 12, "", "", segments.slice(1))).toThrow(
      /PREDICTED_NEW_CUSTOMER_VALUE: segments/,
    );
  });

  it("names horizon_months when it is not a whole number of months", () => {
    expect(() => sheets.PREDICTED_NEW_CUSTOMER_VALUE(ids, dates, amounts, 0)).toThrow(
      /PREDICTED_NEW_CUSTOMER_VALUE: horizon_months is 0/,
    );
  });
});
