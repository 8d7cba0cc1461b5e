import { describe, expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { readSpendTable } from "../../../src/core/report/spend";

const ctx = sheetContext("en_US", "UTC");

describe("readSpendTable", () => {
  it("reads period start, spend and segment under a header, skipping blank rows", () => {
    const table = readSpendTable(
      [
        ["Month", "Spend", "Channel"],
        [new Date(Date.UTC(2024, 0, 1)), 1200, "Search"],
        ["", "", ""],
        ["2024-02", "$1,300.50", "Social"],
      ],
      ctx,
    );
    expect(table.bySegment).toBe(true);
    expect(table.rows).toEqual([
      { day: dayNumber(2024, 1, 1), spend: 1200, segment: "Search", row: 2 },
      { day: dayNumber(2024, 2, 1), spend: 1300.5, segment: "Social", row: 4 },
    ]);
  });

  it("reads a table without header or segment", () => {
    const table = readSpendTable([["2024-01-01", "10"]], ctx);
    expect(table.bySegment).toBe(false);
    expect(table.rows).toEqual([{ day: dayNumber(2024, 1, 1), spend: 10, row: 1 }]);
  });

  it("names the row and column of a bad or negative spend", () => {
    expect(() =>
      readSpendTable(
        [
          ["Month", "Spend"],
          ["2024-01-01", "lots"],
        ],
        ctx,
      ),
    ).toThrow('Spend table: spend, row 2, column 2, is "lots" — expected a number');
    expect(() => readSpendTable([["2024-01-01", "-5"]], ctx)).toThrow(
      'Spend table: spend, row 1, column 2, is "-5" — spend cannot be negative',
    );
    expect(() => readSpendTable([["2024-01-01"]], ctx)).toThrow(
      "Spend table: the range has 1 column — expected period start, spend and optionally segment",
    );
  });
});
