/**
 * The property test of issue 15: every custom function the bundle ships, called as Sheets calls it
 * with random arguments (test/helpers/fuzz.ts), keeps the contract of checkContract.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundles, call, checkContract, FUNCTIONS } from "../helpers/fuzz";

describe("every custom function keeps its contract on any input", () => {
  it("finds the custom functions in the bundle", () => {
    expect(FUNCTIONS.length).toBeGreaterThanOrEqual(20);
    for (const sheet of bundles.values())
      for (const fn of FUNCTIONS) expect(typeof sheet[fn.name], fn.name).toBe("function");
  });

  it.each([
    ["NaN", () => Number.NaN],
    ["Infinity", () => [[1, Number.POSITIVE_INFINITY]]],
    ["undefined", () => undefined],
    ["an invalid date", () => [[new Date(Number.NaN)]]],
    ["a ragged table", () => [[1, 2], [3]]],
    ["an empty table", () => []],
    ["a TypeError", () => [][1][0]],
    [
      "an error not naming the function",
      () => {
        throw new Error("internal error");
      },
    ],
  ])("the contract check refuses %s", (_, run) => {
    expect(() => checkContract("LTV", run)).toThrow();
  });

  it("returns a finite number, text or a rectangular table of them, or an error naming itself", () => {
    fc.assert(
      fc.property(call, ([name, [locale, timeZone], args]) => {
        const sheet = bundles.get(`${locale} ${timeZone}`);
        checkContract(name, () => sheet?.[name](...args));
      }),
      { seed: 20261129, numRuns: 1500 },
    );
  });
});
