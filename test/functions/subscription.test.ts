/**
 * The subscription formulas in the shipped dist/Code.js, called as Sheets calls them: 2-D arrays for
 * ranges, `Date`s at midnight in the spreadsheet's zone, "" for blank cells.
 */
import { describe, expect, it } from "vitest";
import { DayReader, dayNumber, isDate, isoDay } from "../../src/core/cells";
import { startOfDayIn } from "../../src/core/cohorts/zone";
import { customFunctionServices, loadBundle } from "../helpers/bundle";

const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
const column = <T>(values: T[]) => values.map((v) => [v]);

// Per customer, MRR January … April 2024 (by hand): a annual 1,200 → 100 a month; b 50, refunded in
// February, back in March at 30; d 20, upgraded with the March renewal to 30; 00004 new in March, 40.
const ROWS: [string | number, string, number | string, number | string][] = [
  ["a", "2024-01-15", 1200, 12],
  ["b", "2024-01-03", 50, ""],
  ["b", "2024-02-03", 50, 1],
  ["b", "2024-02-10", -50, 1],
  ["b", "2024-03-03", 30, 1],
  ["d", "2024-02-01", 20, 1],
  ["d", "2024-03-01", 20, 1],
  ["d", "2024-03-15", 10, 1],
  ["00004", "2024-03-20", 40, 1],
];

function log(zone: string, rows = ROWS) {
  const pad = ["", "", ""] as const;
  return {
    ids: column([...rows.map((r) => r[0]), ...pad]),
    dates: column([...rows.map((r) => startOfDayIn(day(r[1]), zone)), ...pad]),
    amounts: column([...rows.map((r) => r[2]), ...pad]),
    terms: column([...rows.map((r) => r[3]), ...pad]),
  };
}

/** Dates as ISO days read in `zone`, checked to be that day's midnight there. */
function readable(table: unknown[][], zone: string): unknown[][] {
  const reader = new DayReader(zone);
  return table.map((row) =>
    row.map((cell) => {
      if (!isDate(cell)) return cell;
      const d = reader.day(cell);
      expect(cell.getTime()).toBe(startOfDayIn(d, zone).getTime());
      return isoDay(d);
    }),
  );
}

describe.each(["Asia/Seoul", "America/Los_Angeles"])("subscription formulas in a %s spreadsheet", (zone) => {
  const sheets = loadBundle(customFunctionServices("en_US", zone));
  const { ids, dates, amounts, terms } = log(zone);

  it("MRR_MOVEMENTS spills the movements month by month", () => {
    expect(readable(sheets.MRR_MOVEMENTS(ids, dates, amounts, terms), zone)).toEqual([
      [
        "Month",
        "MRR at start",
        "New",
        "Expansion",
        "Reactivation",
        "Contraction",
        "Churned",
        "MRR at end",
        "Customers",
        "NRR",
        "GRR",
        "Quick ratio",
      ],
      ["2024-01-01", 0, 150, 0, 0, 0, 0, 150, 2, "", "", ""],
      ["2024-02-01", 150, 20, 0, 0, 0, -50, 120, 2, 100 / 150, 100 / 150, 20 / 50],
      ["2024-03-01", 120, 40, 10, 30, 0, 0, 200, 4, 130 / 120, 1, ""],
    ]);
  });

  it("MRR_MOVEMENTS takes one term for every row, and an end date", () => {
    const monthly = sheets.MRR_MOVEMENTS(ids, dates, amounts, 1, startOfDayIn(day("2024-02-29"), zone));
    expect(monthly.slice(1).map((row: unknown[]) => row.slice(1, 9))).toEqual([
      [0, 1250, 0, 0, 0, 0, 1250, 2],
      [1250, 20, 0, 0, 0, -1250, 20, 1],
    ]);
  });

  it("COHORT_NRR spills net MRR retention by cohort, blank after the last month", () => {
    expect(readable(sheets.COHORT_NRR(ids, dates, amounts, terms), zone)).toEqual([
      ["Cohort", "Customers", "Month 0", "Month 1", "Month 2"],
      ["2024-01-01", 2, 1, 100 / 150, 130 / 150],
      ["2024-02-01", 1, 1, 1.5, ""],
      ["2024-03-01", 1, 1, "", ""],
    ]);
  });
});

describe("NRR and GRR", () => {
  const sheets = loadBundle(customFunctionServices("en_US", "UTC"));

  it("take losses as negative movements or as positive amounts lost", () => {
    expect(sheets.NRR(1000, 100, -20, -30)).toBeCloseTo(1.05, 12);
    expect(sheets.NRR(1000, 100, 20, 30)).toBeCloseTo(1.05, 12);
    expect(sheets.GRR(1000, -20, -30)).toBeCloseTo(0.95, 12);
    expect(sheets.GRR("$1,000", "20", 30)).toBeCloseTo(0.95, 12);
  });

  it("broadcast over ranges, blank where MRR at start is 0 or the row is blank", () => {
    expect(sheets.GRR([[1000], [0], [""], [200]], [[-20], [0], [""], [50]], 0)).toEqual([
      [0.98],
      [""],
      [""],
      [0.75],
    ]);
  });

  it("name the argument of a bad value", () => {
    expect(() => sheets.NRR(0, 0, 0, 0)).toThrow(/NRR: mrr_start is 0/);
    expect(() => sheets.GRR(100, -80, -30)).toThrow(
      /GRR: churned and contraction lose 110, more than mrr_start/,
    );
    expect(() => sheets.NRR([[100], ["abc"]], 0, 0, 0)).toThrow(/NRR: mrr_start, row 2, is "abc"/);
  });
});

describe("bad payment rows get errors naming the argument and the row", () => {
  const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
  const { ids, dates, amounts, terms } = log("UTC");
  const withTerm = (row: number, value: unknown) => terms.map((r, i) => (i === row ? [value] : r));

  it.each([0, -1, 1.5])("a term of %s", (bad) => {
    expect(() => sheets.MRR_MOVEMENTS(ids, dates, amounts, withTerm(2, bad))).toThrow(
      new RegExp(`MRR_MOVEMENTS: term_months, row 3, is ${bad} — expected a whole number of months`),
    );
    expect(() => sheets.COHORT_NRR(ids, dates, amounts, bad)).toThrow(
      new RegExp(`COHORT_NRR: term_months is ${bad} — expected a whole number`),
    );
  });

  it("a text amount, a missing date, ranges of different lengths", () => {
    const text = amounts.map((r, i) => (i === 4 ? ["lots"] : r));
    expect(() => sheets.MRR_MOVEMENTS(ids, dates, text)).toThrow(/MRR_MOVEMENTS: amounts, row 5, is "lots"/);
    const missing = dates.map((r, i) => (i === 1 ? [""] : r));
    expect(() => sheets.MRR_MOVEMENTS(ids, missing, amounts)).toThrow(
      /MRR_MOVEMENTS: dates, row 2, is blank — expected a date/,
    );
    expect(() => sheets.MRR_MOVEMENTS(ids, dates, amounts, terms.slice(2))).toThrow(
      /term_months has 10 rows but customer_ids has 12 rows/,
    );
    expect(() => sheets.MRR_MOVEMENTS(ids, dates, amounts, 1, "2023-12-31")).toThrow(
      /end_date is 2023-12-31, before the first date \(2024-01-03\)/,
    );
  });
});
