import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";

const ctx = sheetContext("en_US", "UTC");

describe("orders from line items", () => {
  it("adds up the lines of an order on its first day; a cancellation invoice is a refund", () => {
    const rows = [
      ["536365", "2010-12-01", "6", "2.55", "17850"],
      ["536365", "2010-12-01", "2", "3.39", "17850"],
      ["536366", "2010-12-02", "1", "10", "17850"],
      ["C536379", "2010-12-03", "-1", "10", "17850"],
      ["536370", "2010-12-01", "3", "1", "12583"],
    ];
    const tx = readTransactions(rows, { order: 0, date: 1, quantity: 2, price: 3, customerId: 4 }, ctx);
    expect(tx.length).toBe(4);
    expect(tx.lines).toBe(5);
    expect(Array.from(tx.amount ?? [])).toEqual([6 * 2.55 + 2 * 3.39, 10, -10, 3]);
    expect(tx.ids).toEqual(["17850", "12583"]);
    expect(Array.from(tx.firstPurchase)).toEqual([0, 3]);
  });

  it("without an order column, each row is an order", () => {
    const rows = [
      ["a", "2024-01-01", "5"],
      ["a", "2024-01-01", "7"],
    ];
    expect(readTransactions(rows, { customerId: 0, date: 1, amount: 2 }, ctx).length).toBe(2);
  });

  it("keeps revenue and counts one transaction per (customer, order) whatever the lines", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            c: fc.integer({ min: 0, max: 5 }),
            o: fc.integer({ min: 0, max: 8 }),
            d: fc.integer({ min: 1, max: 28 }),
            cents: fc.integer({ min: -500, max: 5000 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (lines) => {
          const rows = lines.map((l) => [
            `c${l.c}`,
            `o${l.o}`,
            `2024-02-${String(l.d).padStart(2, "0")}`,
            String(l.cents / 100),
          ]);
          const tx = readTransactions(rows, { customerId: 0, order: 1, date: 2, amount: 3 }, ctx);
          expect(tx.length).toBe(new Set(lines.map((l) => `${l.c}/${l.o}`)).size);
          const total = Array.from(tx.amount ?? []).reduce((a, b) => a + b, 0);
          expect(total).toBeCloseTo(
            lines.reduce((a, l) => a + l.cents / 100, 0),
            6,
          );
          for (let c = 0; c < tx.ids.length; c++) {
            const first = tx.firstPurchase[c];
            if (first < 0) continue;
            for (let i = 0; i < tx.length; i++)
              if (tx.customer[i] === c && (tx.amount?.[i] ?? 0) >= 0)
                expect(tx.day[i]).toBeGreaterThanOrEqual(tx.day[first]);
          }
        },
      ),
    );
  });
});

describe("blank and placeholder customer ids", () => {
  const rows = [
    ["a", "2024-01-01", "5"],
    ["", "2024-01-02", "7"],
    ["(blank)", "2024-01-02", "1"],
    ["N/A", "2024-01-02", "1"],
    ["-", "2024-01-02", "1"],
    ["#N/A", "2024-01-02", "1"],
    ["null", "2024-01-02", "1"],
    ["", "", ""],
    ["b", "2024-01-03", "2"],
  ];
  const columns = { customerId: 0, date: 1, amount: 2 };

  it("are left out and counted with their revenue when the report asks", () => {
    const tx = readTransactions(rows, columns, ctx, { skipBlankIds: true });
    expect(tx.ids).toEqual(["a", "b"]);
    expect(tx.withoutCustomer).toEqual({ rows: 6, amount: 12 });
  });

  it("stop a custom function's reading at the blank one, which has nowhere to report them", () => {
    expect(() => readTransactions(rows, columns, ctx)).toThrow(
      /row 2.*is blank, but the row has other values/,
    );
  });
});
