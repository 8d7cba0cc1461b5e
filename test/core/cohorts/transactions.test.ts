import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, CellError, dayNumber, sheetContext } from "../../../src/core/cells";
import { IdTable } from "../../../src/core/cohorts/id-table";
import {
  groupByCustomer,
  readTransactionRanges,
  readTransactions,
} from "../../../src/core/cohorts/transactions";

const ctx = sheetContext("en_US", "UTC");
const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
const columns = { customerId: 0, date: 1, amount: 2 };

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CellError);
    return (error as Error).message;
  }
  throw new Error("no error");
}

describe("readTransactions reads a table into typed columns", () => {
  it("keeps ids as text, reads dates and money text, and numbers customers in order of appearance", () => {
    const tx = readTransactions(
      [
        ["00004", "1997-01-01", "$29.33"],
        ["00018", new Date(Date.UTC(1997, 0, 4)), 14.96],
        [" 00004 ", "1/18/1997", "(5.00)"],
        [4, 35435, "1,234.50"],
      ],
      columns,
      ctx,
    );
    expect(tx.length).toBe(4);
    expect(tx.ids).toEqual(["00004", "00018", "4"]);
    expect([...tx.customer]).toEqual([0, 1, 0, 2]);
    expect([...tx.day]).toEqual([day("1997-01-01"), day("1997-01-04"), day("1997-01-18"), day("1997-01-05")]);
    expect([...(tx.amount ?? [])]).toEqual([29.33, 14.96, -5, 1234.5]);
    expect(tx.firstDay).toBe(day("1997-01-01"));
    expect(tx.lastDay).toBe(day("1997-01-18"));
  });

  it("numeric and text forms of one id are one customer", () => {
    const tx = readTransactions(
      [
        [7, "2024-01-01", 1],
        ["7", "2024-01-02", 1],
        [" 7", "2024-01-03", 1],
      ],
      columns,
      ctx,
    );
    expect(tx.ids).toEqual(["7"]);
  });

  it("reads amounts in the spreadsheet's locale", () => {
    const ru = sheetContext("ru_RU", "Europe/Moscow");
    const tx = readTransactions([["a", "14.03.2024", "1 234,50 ₽"]], columns, ru);
    expect(tx.amount?.[0]).toBe(1234.5);
    expect(tx.day[0]).toBe(day("2024-03-14"));
  });

  it("skips blank rows, including short rows and whitespace", () => {
    const tx = readTransactions(
      [["", "", ""], ["a", "2024-01-01", 1], [], [" ", null, undefined], ["b", "2024-01-02", 2]],
      columns,
      ctx,
    );
    expect(tx.length).toBe(2);
    expect(tx.ids).toEqual(["a", "b"]);
  });

  it("reads the calendar date of a Sheets Date in the spreadsheet's zone, east and west of UTC", () => {
    // Midnight of 1 February in Seoul is 31 January in UTC; in Los Angeles it is 1 February 08:00 UTC.
    const seoul = new Date("2024-02-01T00:00:00+09:00");
    const la = new Date("2024-02-01T00:00:00-08:00");
    expect(
      readTransactions([["a", seoul]], { customerId: 0, date: 1 }, sheetContext("ko_KR", "Asia/Seoul"))
        .day[0],
    ).toBe(day("2024-02-01"));
    expect(
      readTransactions([["a", la]], { customerId: 0, date: 1 }, sheetContext("en_US", "America/Los_Angeles"))
        .day[0],
    ).toBe(day("2024-02-01"));
    // The same instant read in UTC would be another day: the zone matters.
    expect(readTransactions([["a", seoul]], { customerId: 0, date: 1 }, ctx).day[0]).toBe(day("2024-01-31"));
  });

  it("reads a Date made in another realm (a library's, or another global's) as one made here", () => {
    const foreign = (iso: string) => runInNewContext(`new Date(${JSON.stringify(iso)})`) as Date;
    expect(foreign("2024-02-01T00:00:00+09:00")).not.toBeInstanceOf(Date);
    const rows: Cell[][] = [
      ["a", foreign("2024-02-01T00:00:00+09:00")],
      ["a", foreign("2024-02-01T00:00:00+09:00")],
      ["b", foreign("2024-03-05T12:00:00Z")],
    ];
    const seoul = sheetContext("ko_KR", "Asia/Seoul");
    expect([...readTransactions(rows, { customerId: 0, date: 1 }, seoul).day]).toEqual([
      day("2024-02-01"),
      day("2024-02-01"),
      day("2024-03-05"),
    ]);
    expect(errorOf(() => readTransactions([["a", foreign("x")]], { customerId: 0, date: 1 }, ctx))).toMatch(
      /invalid date/,
    );
  });

  it("without an amount column, has no amounts (every row is a purchase)", () => {
    const tx = readTransactions([["a", "2024-01-01"]], { customerId: 0, date: 1 }, ctx);
    expect(tx.amount).toBeUndefined();
  });

  it("reads segments (blank as empty text) and margins from a margin column, a cost column or a rate", () => {
    const rows: Cell[][] = [
      ["a", "2024-01-01", 100, "Email", 40],
      ["b", "2024-01-02", 50, "", ""],
      ["c", "2024-01-03", 80, "Email", "12.5"],
    ];
    const withMargin = readTransactions(rows, { ...columns, segment: 3, margin: 4 }, ctx, {
      marginRate: 0.5,
    });
    expect(withMargin.segments).toEqual(["Email", ""]);
    expect([...(withMargin.segment ?? [])]).toEqual([0, 1, 0]);
    // Labels are trimmed text, numbers as text, whitespace blank.
    const labels = readTransactions(
      [" Email ", 7, "  ", null].map((label, i) => ["a", `2024-01-0${i + 1}`, 1, label as Cell]),
      { ...columns, segment: 3 },
      ctx,
    );
    expect(labels.segments).toEqual(["Email", "7", ""]);
    expect([...(labels.segment ?? [])]).toEqual([0, 1, 2, 2]);
    expect([...(withMargin.margin ?? [])]).toEqual([40, 25, 12.5]);
    const withCost = readTransactions(rows, { ...columns, cost: 4 }, ctx, { marginRate: 0.5 });
    expect([...(withCost.margin ?? [])]).toEqual([60, 25, 67.5]);
  });

  it("groups rows by customer in data order", () => {
    const tx = readTransactions(
      [
        ["b", "2024-01-05", 1],
        ["a", "2024-01-01", 1],
        ["b", "2024-01-02", 1],
      ],
      columns,
      ctx,
    );
    const { offsets, order } = groupByCustomer(tx);
    expect([...offsets]).toEqual([0, 2, 3]);
    expect([...order]).toEqual([0, 2, 1]);
  });
});

describe("readTransactions errors name the row as the user numbers it", () => {
  const options = { fn: "Sheet1", firstRow: 2, names: { date: "Order date", amount: "Amount" } };

  it.each([
    [
      [["a", "2024-13-01", 1]],
      'Sheet1: Order date, row 2, column 2, is "2024-13-01" — expected a date such as 2024-03-14',
    ],
    [
      [
        ["a", "2024-01-01", 1],
        ["b", "2024-01-01", "abc"],
      ],
      'Sheet1: Amount, row 3, column 3, is "abc" — expected a number',
    ],
    [[["a", "", 1]], "Sheet1: Order date, row 2, column 2, is blank — expected a date"],
    [[["a", "2024-01-01", ""]], "Sheet1: Amount, row 2, column 3, is blank — expected a number"],
    [
      [["", "2024-01-01", 5]],
      "Sheet1: customer id, row 2, column 1, is blank, but the row has other values — expected a customer id",
    ],
    [
      [[true, "2024-01-01", 5]],
      "Sheet1: customer id, row 2, column 1, is TRUE (a checkbox or logical value) — expected a customer id",
    ],
    [
      [["a", "#N/A", 5]],
      "Sheet1: Order date, row 2, column 2, is the error #N/A — expected a date such as 2024-03-14",
    ],
  ] as [Cell[][], string][])("%j", (rows, message) => {
    expect(errorOf(() => readTransactions(rows, columns, ctx, options))).toBe(message);
  });

  it("a blank margin cell needs a margin rate", () => {
    expect(
      errorOf(() => readTransactions([["a", "2024-01-01", 10, ""]], { ...columns, margin: 3 }, ctx, options)),
    ).toBe(
      "Sheet1: margin, row 2, column 4, is blank — expected a margin (or give a margin rate for rows without one)",
    );
  });
});

describe("readTransactionRanges reads a custom function's column arguments", () => {
  const names = { customerId: "customer_ids", date: "dates", amount: "amounts" };
  const options = { fn: "COHORT_REVENUE", names };

  it("takes single columns, or a single row", () => {
    const tx = readTransactionRanges(
      { customerId: [["a", "b"]], date: [["2024-01-01", "2024-01-02"]], amount: [[1], [2]] },
      ctx,
      options,
    );
    expect(tx.ids).toEqual(["a", "b"]);
    expect([...(tx.amount ?? [])]).toEqual([1, 2]);
  });

  it("names the argument and the row inside its range", () => {
    expect(
      errorOf(() =>
        readTransactionRanges(
          { customerId: [["a"], ["b"]], date: [["2024-01-01"], ["someday"]], amount: [[1], [2]] },
          ctx,
          options,
        ),
      ),
    ).toBe('COHORT_REVENUE: dates, row 2, is "someday" — expected a date such as 2024-03-14');
  });

  it("rejects ranges of different lengths and ranges of several columns", () => {
    expect(
      errorOf(() =>
        readTransactionRanges(
          { customerId: [["a"], ["b"]], date: [["2024-01-01"]], amount: [[1], [2]] },
          ctx,
          options,
        ),
      ),
    ).toBe(
      "COHORT_REVENUE: dates has 1 row but customer_ids has 2 rows — give ranges of the same length, e.g. A2:A100 and B2:B100",
    );
    expect(
      errorOf(() =>
        readTransactionRanges(
          {
            customerId: [
              ["a", "x"],
              ["b", "y"],
            ],
            date: [["2024-01-01"], ["2024-01-01"]],
          },
          ctx,
          options,
        ),
      ),
    ).toBe("COHORT_REVENUE: customer_ids is 2 rows × 2 columns — give a single column (or a single row)");
  });
});

describe("IdTable", () => {
  it("numbers distinct texts in order of first appearance, as a Map would", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.string({ minLength: 6, maxLength: 9 }),
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.constantFrom("00004", "0004", "4", "é", "é", "고객1", "a\u0000", "\u0000"),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3000 }), (texts) => {
        const table = new IdTable(4);
        const map = new Map<string, number>();
        for (const t of texts) {
          if (!map.has(t)) map.set(t, map.size);
          expect(table.add(t)).toBe(map.get(t));
        }
        expect(table.texts).toEqual([...map.keys()]);
      }),
      { numRuns: 200 },
    );
  });
});
