/**
 * Column widths from what cells show: the widest formatted number, total rows included; wrapped
 * text by its longest word; text spilling into an empty neighbour needs nothing. Formatting follows
 * the report's patterns.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fittedWidths,
  formatNumber,
  neededWidths,
  shownText,
  textWidth,
  wrappedLines,
} from "../../../src/core/report/column-widths";
import { currencyFormat, FORMATS } from "../../../src/core/report/model";

describe("formatNumber", () => {
  it("writes the report's number formats as the spreadsheets show them", () => {
    expect(formatNumber(3364566.314, currencyFormat("£"))).toBe("£3,364,566.31");
    expect(formatNumber(-1234.5, currencyFormat("$"))).toBe("-$1,234.50");
    expect(formatNumber(1234.5, currencyFormat("₽", true), "ru")).toBe("1\u00a0234,50 ₽");
    expect(formatNumber(12000.4, currencyFormat("₩"))).toBe("₩12,000");
    expect(formatNumber(0.4567, FORMATS.percent)).toBe("45.7%");
    expect(formatNumber(3.4412, FORMATS.ratio)).toBe("3.44x");
    expect(formatNumber(2000, FORMATS.integer)).toBe("2,000");
    expect(formatNumber(2.5, FORMATS.periods)).toBe("2.5 periods");
    expect(formatNumber(320940.1, "General")).toBe("320940.1");
  });

  it("shows dates at their widest in the date pattern", () => {
    expect(shownText(new Date(Date.UTC(2024, 0, 5)), "yyyy-mm-dd")).toBe("2024-01-05");
    expect(shownText(new Date(Date.UTC(2024, 0, 5)), "dd.mm.yyyy")).toBe("05.01.2024");
    expect(shownText({ formula: "=A1", value: 0.5 }, FORMATS.percent)).toBe("50.0%");
  });

  it("agrees with toFixed and grouping for any amount", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const text = formatNumber(x, FORMATS.decimal);
        expect(Number(text.replace(/,/g, ""))).toBeCloseTo(Number(x.toFixed(2)), 9);
      }),
    );
  });
});

describe("neededWidths", () => {
  const money = currencyFormat("£");
  const cells = [
    ["Revenue by cohort, a title that spills over the empty cells to its right", null, null],
    ["Cohort", "Revenue in the first month after", "Note"],
    ["2024-01-01", 1234.5, "x"],
    ["All cohorts", 3364566.314, "x"],
  ];
  const styles = [
    { range: { row: 2, column: 1, rows: 1, columns: 3 }, bold: true, wrap: true },
    { range: { row: 3, column: 2, rows: 2, columns: 1 }, numberFormat: money },
  ];

  it("fits the total, not only the cohorts, and wraps headers at their longest word", () => {
    const widths = neededWidths(cells, styles);
    expect(widths[2]).toBe(textWidth("£3,364,566.31") + 12);
    expect(widths[1]).toBe(textWidth("All cohorts") + 12);
    expect(widths[3]).toBe(textWidth("Note", true) + 12);
    // The title spills into B and C: it widens nothing.
    expect(widths[1]).toBeLessThan(textWidth(cells[0][0] as string));
  });

  it("widens a chosen width that is too narrow and keeps one that is wide enough", () => {
    const fitted = fittedWidths(cells, styles, { 1: 300, 2: 60 });
    expect(fitted[1]).toBe(300);
    expect(fitted[2]).toBe(textWidth("£3,364,566.31") + 12);
  });

  it("keeps a run of columns given one width at one width, every column with content listed", () => {
    const matrix = [
      ["Cohort", 0, 1, 2, "Note"],
      ["All cohorts", 1, 3364566.314, 2, "x"],
    ];
    const fitted = fittedWidths(
      matrix,
      [{ range: { row: 2, column: 2, rows: 1, columns: 3 }, numberFormat: money }],
      {
        1: 120,
        2: 80,
        3: 80,
        4: 80,
      },
    );
    expect([fitted[2], fitted[3], fitted[4]]).toEqual(Array(3).fill(textWidth("£3,364,566.31") + 12));
    expect(fitted[1]).toBe(120);
    expect(fitted[5]).toBe(64);
  });

  it("counts Hangul twice as wide as Latin letters", () => {
    expect(textWidth("고객")).toBe(textWidth("abcd"));
  });
});

describe("wrappedLines", () => {
  it("wraps word by word as a spreadsheet does", () => {
    // "Median" + "payback" overflow 78 px of room in bold; "(months)" takes a third line.
    expect(wrappedLines("Median payback (months)", 90, true)).toBe(3);
    expect(wrappedLines("Median payback (months)", 400, true)).toBe(1);
    expect(wrappedLines("one\ntwo", 400)).toBe(2);
    // A word wider than the column is broken across lines.
    expect(wrappedLines("x".repeat(30), 82)).toBe(3);
  });
});
