/**
 * No text a user can type, paste or export makes a parser slow (issue 21): every parser that reads
 * user text answers quickly on 100,000 characters shaped to make a backtracking pattern take
 * polynomial or exponential time, and the 612-character cell that took the sidebar, builds and
 * formulas 8 s each no longer slows them. The bound is generous (a loaded machine passes it; the
 * bugs took seconds); `npm run bench` prints the times against a linear scan of the same text.
 */
import { describe, expect, it } from "vitest";
import { readDay, sheetContext, Where } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import { hostileTexts, ISSUE_CELL, PARSERS } from "../helpers/hostile-text";

/** Generous: csv-parse takes ~100 ms for a 100,000-character line on a loaded 2-core machine (linear,
 * ~1 µs a character); a quadratic pattern takes seconds there (`[$` × 25,000 took 5 s), a cubic one minutes. */
const BOUND_MS = 1000;

/** The slowest of the texts for one parser, with its name. */
function slowest(parse: (text: string) => unknown, texts: { name: string; text: string }[]) {
  let worst = { name: "", ms: 0 };
  for (const { name, text } of texts) {
    const start = performance.now();
    parse(text);
    const ms = performance.now() - start;
    if (ms > worst.ms) worst = { name, ms };
  }
  return worst;
}

describe("every parser of user text is fast on hostile text", () => {
  const texts = [{ name: "the issue's cell", text: ISSUE_CELL }, ...hostileTexts(100_000)];
  it.each(Object.entries(PARSERS))("%s", (_, parse) => {
    for (const { text } of texts.slice(0, 5)) parse(text); // compiled before it is timed
    const worst = slowest(parse, texts);
    expect(worst.ms, `${worst.name} took ${worst.ms.toFixed(0)} ms`).toBeLessThan(BOUND_MS);
  });
});

describe("the cell of issue 21", () => {
  const ctx = sheetContext("en_US");

  it("is not a date, and says so at once", () => {
    const start = performance.now();
    expect(() => readDay(ISSUE_CELL, ctx, new Where("COHORT_RETENTION", "dates").at(3))).toThrow(
      /^COHORT_RETENTION: dates, row 3, is "x\\t.*" — expected a date such as 2024-03-14$/,
    );
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
  });

  it("in an unused column does not slow a build", () => {
    const rows = [
      ["Customer", "Date", "Amount", "Note"],
      ...Array.from({ length: 200 }, (_, i) => [
        `C${i % 40}`,
        `2024-0${1 + (i % 9)}-15`,
        "12.50",
        ISSUE_CELL,
      ]),
    ];
    const start = performance.now();
    const built = reportFromTable({ rows, spend: null, context: ctx, options: { period: "month" } });
    expect(performance.now() - start).toBeLessThan(4 * BOUND_MS);
    expect(built.headline.customers).toBe(40);
  });
});
