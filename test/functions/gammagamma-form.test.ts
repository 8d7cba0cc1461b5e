/**
 * GAMMAGAMMA_PARAMS takes a summary (frequency, mean repeat value, [weights]) or transactions (ids,
 * dates, amounts, [end_date]). A summary of repeat buyers whose mean values are all whole numbers
 * between 18,264 and 73,050 (1950–2099 as date serials; ordinary means in won or roubles) reads just
 * like (ids, dates as serial numbers, amounts): the shipped bundle, called as Sheets calls it, must
 * then stop and ask for the form — never fit the wrong one — and take the form when it is given.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/sample/random";
import { customFunctionServices, loadBundle } from "../helpers/bundle";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number | Date)[]) => values.map((v) => [v]);
const ASK =
  'GAMMAGAMMA_PARAMS: form is needed — every value of the second argument is a whole number that could be a date serial number (1950–2099), so it may be mean repeat values (a summary) or purchase dates (transactions): add "summary" or "transactions" as the last argument';

/** 400 repeat buyers drawn from the Gamma-Gamma model, mean values in won: 18,264–73,050, whole. */
function wonSummary() {
  const random = new Random(7);
  const frequency: number[] = [];
  const mean: number[] = [];
  while (frequency.length < 400) {
    const x = 1 + Math.floor(random.next() * 6);
    const nu = random.gamma(12, 73_000); // q 12, γ 73,000 won: orders average pγ / (q − 1) ≈ 40,000 won
    const value = Math.round(random.gamma(6 * x, nu * x) / 100) * 100; // mean of x orders ~ Gamma(px, νx)
    if (value < 18_264 || value > 73_050) continue;
    frequency.push(x);
    mean.push(value);
  }
  return { frequency, mean };
}

/** 60 customers (ids 1–60), 2–5 orders each on days 45,000–45,700 (2023–2025) as plain serials, amounts in won. */
function serialTransactions() {
  const random = new Random(11);
  const ids: number[] = [];
  const serials: number[] = [];
  const amounts: number[] = [];
  for (let id = 1; id <= 60; id++) {
    const nu = random.gamma(12, 73_000);
    const orders = 2 + Math.floor(random.next() * 4);
    for (let k = 0; k < orders; k++) {
      ids.push(id);
      serials.push(45_000 + k * 150 + Math.floor(random.next() * 100));
      amounts.push(Math.round(random.gamma(6, nu) / 100) * 100);
    }
  }
  return { ids, serials, amounts };
}

describe("GAMMAGAMMA_PARAMS: summary or transactions", () => {
  const { frequency, mean } = wonSummary();
  const inThousands = sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean.map((v) => v / 1000)));

  it("a summary in won whose means all look like date serials is not fitted as transactions", () => {
    expect(() => sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean))).toThrow(ASK);
    // With weights (a third column of numbers) it read as (ids, dates, amounts) before: same question now.
    expect(() =>
      sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean), column(frequency.map(() => 1))),
    ).toThrow(ASK);
  });

  it('"summary" as the last argument fits the summary: p and q as in thousands of won, γ × 1,000', () => {
    for (const form of ["summary", " Summary ", "SUMMARY"]) {
      const table = sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean), form);
      expect(table[0].slice(0, 6)).toEqual(["p", "q", "gamma", "log_likelihood", "customers", "left_out"]);
      expect(table[1][0]).toBeCloseTo(inThousands[1][0], 3);
      expect(table[1][1]).toBeCloseTo(inThousands[1][1], 3);
      expect(table[1][2] / 1000).toBeCloseTo(inThousands[1][2], 3);
      expect(table[1][4]).toBe(400);
    }
    const weighted = sheets.GAMMAGAMMA_PARAMS(
      column(frequency),
      column(mean),
      column(frequency.map(() => 2)),
      "summary",
    );
    expect(weighted[1][0]).toBeCloseTo(inThousands[1][0], 3);
    expect(weighted[1][4]).toBe(800);
    // In the declared place of form, skipped arguments passed as blanks.
    const placed = sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean), "", "", "summary");
    expect(placed[1][0]).toBeCloseTo(inThousands[1][0], 3);
  });

  it('"transactions" as the last argument reads serial-number dates as dates', () => {
    const { ids, serials, amounts } = serialTransactions();
    const dates = column(serials.map((serial) => new Date(Date.UTC(1899, 11, 30 + serial))));
    expect(() => sheets.GAMMAGAMMA_PARAMS(column(ids), column(serials), column(amounts))).toThrow(ASK);
    const fromDates = sheets.GAMMAGAMMA_PARAMS(column(ids), dates, column(amounts));
    expect(fromDates[1][4]).toBe(60);
    for (const form of ["transactions", "Transactions"])
      expect(sheets.GAMMAGAMMA_PARAMS(column(ids), column(serials), column(amounts), form)).toEqual(
        fromDates,
      );
    expect(
      sheets.GAMMAGAMMA_PARAMS(column(ids), column(serials), column(amounts), 46000, "transactions"),
    ).toEqual(fromDates);
  });

  it("the certain cases still need no form", () => {
    // Means with cents, or below 18,264: a summary.
    expect(sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean.map((v) => v / 1000)))).toEqual(
      inThousands,
    );
    // Date cells or date text in the second argument, an end_date, or text ids: transactions.
    const ids = column(["a", "a", "b", "b", "c"]);
    const text = column(["2024-01-01", "2024-01-05", "2024-01-02", "2024-01-09", "2024-01-03"]);
    const serials = column([45292, 45296, 45293, 45300, 45294]);
    const amounts = column([10, 12, 20, 22, 5]);
    const message = (f: () => unknown) => {
      try {
        f();
        return "fitted";
      } catch (e) {
        return (e as Error).message;
      }
    };
    const byText = message(() => sheets.GAMMAGAMMA_PARAMS(ids, text, amounts));
    expect(byText).not.toMatch(/form|frequency|monetary/);
    expect(message(() => sheets.GAMMAGAMMA_PARAMS(ids, serials, amounts))).toBe(byText);
    expect(
      message(() => sheets.GAMMAGAMMA_PARAMS(column([1, 1, 2, 2, 3]), serials, amounts, "2024-12-31")),
    ).not.toMatch(/form is needed/);
  });

  it("names a bad form, and an end_date given with a summary", () => {
    expect(() => sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean), "", "", "summery")).toThrow(
      'GAMMAGAMMA_PARAMS: form is "summery" — expected "summary" or "transactions"',
    );
    expect(() =>
      sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean), "", "2024-12-31", "summary"),
    ).toThrow(
      'GAMMAGAMMA_PARAMS: end_date is given with "summary" — a summary takes (frequency, mean repeat value, [weights]) and no end date',
    );
    expect(() => sheets.GAMMAGAMMA_PARAMS(column(frequency), column(mean), "transactions")).toThrow(
      "GAMMAGAMMA_PARAMS: amounts is missing",
    );
  });

  it("whole means all in 1950–2099 as serials always ask; one mean with cents never does", () => {
    const outcome = (f: () => unknown) => {
      try {
        f();
        return "fitted";
      } catch (e) {
        return (e as Error).message;
      }
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 18_264, max: 73_050 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (rows) => {
          const frequency = column(rows.map(([x]) => x));
          const means = rows.map(([, m]) => m);
          expect(outcome(() => sheets.GAMMAGAMMA_PARAMS(frequency, column(means)))).toBe(ASK);
          const cents = column(means.map((m, i) => (i === 0 ? m + 0.5 : m)));
          expect(outcome(() => sheets.GAMMAGAMMA_PARAMS(frequency, cents))).not.toMatch(
            /form|transactions|dates/,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
