/**
 * Issue 25.2: where a formula expects a single column, a range of two columns is refused by name
 * ("is 10 rows × 2 columns — give a single column"), never read as its first column. Swept over every
 * column argument of every custom function the bundle ships (found from src/main.ts).
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { FUNCTIONS } from "../helpers/fuzz";
import { type Args, COLUMN_CALLS, TABLE_ARGUMENTS } from "./arguments-shape.fixtures";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));

/** An argument documented as a column: `Array<Array<…>>`, or a number "or a column". */
function isColumn(doc: string, param: string): boolean {
  const line = new RegExp(`@param\\s+\\{([^}]*)\\}\\s+${param}\\s+(.*)`).exec(doc);
  const [type, description] = [line?.[1] ?? "", line?.[2] ?? ""];
  return /^Array<Array</.test(type) || (/Array<Array</.test(type) && /\bcolumn\b/.test(description));
}

const SWEEP = FUNCTIONS.flatMap((fn) =>
  fn.params
    .map((param, index) => ({ fn: fn.name, param, index }))
    .filter(({ param }) => isColumn(fn.doc, param) && !TABLE_ARGUMENTS.has(`${fn.name} ${param}`)),
);

describe("a 2-column range where one column is expected is refused by name", () => {
  it("has a valid call of every formula with a column argument", () => {
    const missing = [...new Set(SWEEP.map((s) => s.fn))].filter((fn) => !COLUMN_CALLS[fn]);
    expect(missing, "add a call to arguments-shape.fixtures.ts").toEqual([]);
    expect(SWEEP.length).toBeGreaterThan(40);
  });

  // The models may find 10 transactions too few to fit; what matters is that the shapes are read.
  it.each(Object.entries(COLUMN_CALLS))("%s reads the shapes of its valid call", (fn, args) => {
    let message = "";
    try {
      sheets[fn](...args);
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).not.toMatch(/columns? —|rows? but|has \d+ rows/);
  });

  it.each(SWEEP.map((s) => [`${s.fn} ${s.param}`, s] as const))("%s", (_, { fn, param, index }) => {
    const args: Args = [...COLUMN_CALLS[fn]];
    const given = args[index];
    // Omitted optional columns are given here, with a second column beside the first.
    const cells = Array.isArray(given) ? given : [[given ?? 1], [given ?? 1]];
    args[index] = cells.map((row) => [row[0], row[0]]);
    expect(() => sheets[fn](...args)).toThrow(
      new RegExp(
        `^${fn}: ${param} is ${cells.length} rows × 2 columns — give a single column \\(or a single row\\)$`,
      ),
    );
  });

  it("MRR_MOVEMENTS and COHORT_NRR refuse the issue's {12,5;1,5} for term_months", () => {
    const args = [
      [["a"], ["a"]],
      [[new Date("2024-01-15")], [new Date("2024-02-15")]],
      [[120], [10]],
    ];
    for (const fn of ["MRR_MOVEMENTS", "COHORT_NRR"])
      expect(() =>
        sheets[fn](...args, [
          [12, 5],
          [1, 5],
        ]),
      ).toThrow(`${fn}: term_months is 2 rows × 2 columns — give a single column (or a single row)`);
  });

  it("still reads a single row as a column", () => {
    expect(sheets.REPEAT_RATE([["a", "b", "a"]])).toBe(0.5);
    expect(sheets.RETENTION_FORECAST([[1000, 631, 468, 382, 326, 289, 262, 241]], 1)).toEqual(
      sheets.RETENTION_FORECAST([[1000], [631], [468], [382], [326], [289], [262], [241]], 1),
    );
  });
});
