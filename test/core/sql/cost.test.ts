import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bytesText,
  jobBytesCap,
  MIN_BILLED_BYTES,
  onDemandUsd,
  USD_PER_TIB,
} from "../../../src/core/sql/cost";

const MIB = 2 ** 20;

/** What on-demand bills for a query reading tables of these bytes: each rounded up to the MiB and at least 10 MiB, the whole at least 10 MiB. */
function billed(tableBytes: readonly number[]): number {
  const each = tableBytes.map((b) => Math.max(Math.ceil(b / MIB) * MIB, MIN_BILLED_BYTES));
  return Math.max(
    each.reduce((sum, b) => sum + b, 0),
    MIN_BILLED_BYTES,
  );
}

describe("what a BigQuery query costs", () => {
  it("tells bytes in binary units, as BigQuery bills them (the sidebar and the command line alike)", () => {
    expect([0, 1, 2048, 3.2 * 2 ** 30, 15 * 2 ** 40].map(bytesText)).toEqual([
      "0 B",
      "1 B",
      "2.0 KiB",
      "3.2 GiB",
      "15 TiB",
    ]);
  });

  it("prices each query at least at the minimum billed bytes", () => {
    expect(onDemandUsd([2 ** 40])).toBeCloseTo(USD_PER_TIB, 12);
    expect(onDemandUsd([0, 1])).toBeCloseTo((2 * MIN_BILLED_BYTES * USD_PER_TIB) / 2 ** 40, 15);
  });

  it("caps a job at its dry run and 1% more, rounded up to the MiB, and 10 MiB a table (hand-worked)", () => {
    expect(jobBytesCap(0)).toBe(10 * MIB);
    expect(jobBytesCap(1000)).toBe(11 * MIB); // 1010 B → 1 MiB, and one minimum
    expect(jobBytesCap(100 * MIB)).toBe(111 * MIB); // 101 MiB, and one minimum
    expect(jobBytesCap(100 * MIB, 3)).toBe(131 * MIB);
    expect(jobBytesCap(2 ** 40)).toBe(2 ** 40 + Math.ceil(2 ** 40 / 100 / MIB) * MIB + 10 * MIB);
  });

  it("never refuses a job whose tables have not grown, and lets it bill at most 1% and the minimums more", () => {
    const tables = fc.array(fc.integer({ min: 0, max: 2 ** 42 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(tables, (bytes) => {
        const dryRun = bytes.reduce((sum, b) => sum + b, 0);
        const cap = jobBytesCap(dryRun, bytes.length);
        expect(billed(bytes)).toBeLessThanOrEqual(cap);
        expect(cap).toBeLessThanOrEqual(dryRun * 1.01 + MIB + bytes.length * MIN_BILLED_BYTES);
      }),
    );
  });
});
