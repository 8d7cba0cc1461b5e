import { describe, expect, it } from "vitest";
import { bytesText, MIN_BILLED_BYTES, onDemandUsd, USD_PER_TIB } from "../../../src/core/sql/cost";

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
});
