import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, dayNumber, sheetContext } from "../../../src/core/cells";
import { parseRfmUnit, RFM_UNIT_DAYS, rfmSummary } from "../../../src/core/cohorts/rfm";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { describeWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

const ctx = sheetContext("en_US", "UTC");
const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
const read = (rows: Cell[][]) => readTransactions(rows, { customerId: 0, date: 1, amount: 2 }, ctx);

describe("rfmSummary on a hand-worked log", () => {
  const log: Cell[][] = [
    ["a", "2024-01-01", 10],
    ["a", "2024-01-01", 5], // same day: one purchase day worth 15
    ["a", "2024-01-08", 20],
    ["a", "2024-01-10", -8], // a refund of the 8 January order
    ["a", "2024-01-15", 30],
    ["a", "2024-03-01", 99], // after the end: ignored
    ["b", "2024-01-03", 7],
    ["c", "2024-01-05", -3], // refunds only: no first purchase, no row
    ["d", "2024-02-01", 5], // first purchase after the end: no row
    ["e", "2024-01-20", -2], // a refund before the first purchase is ignored
    ["e", "2024-01-21", 4],
    ["e", "2024-01-28", 6],
  ];
  const rfm = rfmSummary(read(log), { endDay: day("2024-01-29"), unit: "day" });

  it("has one row per customer with a purchase by the end, in order of first appearance", () => {
    expect(rfm.ids).toEqual(["a", "b", "e"]);
    expect(rfm.length).toBe(3);
  });

  it("counts repeat purchase days, ages at the last purchase and at the end", () => {
    expect([...rfm.frequency]).toEqual([2, 0, 1]);
    expect([...rfm.recency]).toEqual([14, 0, 7]);
    expect([...rfm.T]).toEqual([28, 26, 8]);
    expect([...rfm.firstDay]).toEqual([day("2024-01-01"), day("2024-01-03"), day("2024-01-21")]);
  });

  it("averages the repeat days' value, net of the refunds that follow them, and is 0 with no repeat", () => {
    expect([...rfm.monetary]).toEqual([(12 + 30) / 2, 0, 6]);
  });

  it("measures ages in weeks, months of 365.25/12 days, quarters and years", () => {
    for (const unit of ["week", "month", "quarter", "year"] as const) {
      const scaled = rfmSummary(read(log), { endDay: day("2024-01-29"), unit });
      scaled.T.forEach((t, i) => {
        expect(t * RFM_UNIT_DAYS[unit]).toBeCloseTo(rfm.T[i], 9);
        expect(scaled.recency[i] * RFM_UNIT_DAYS[unit]).toBeCloseTo(rfm.recency[i], 9);
      });
    }
    expect(RFM_UNIT_DAYS.month).toBe(365.25 / 12);
  });

  it("defaults to weeks and the last date in the data", () => {
    const all = rfmSummary(read(log));
    expect(all.unit).toBe("week");
    expect(all.endDay).toBe(day("2024-03-01"));
    expect(all.ids).toEqual(["a", "b", "d", "e"]);
  });

  it("reads unit names", () => {
    expect(parseRfmUnit("Weeks")).toBe("week");
    expect(parseRfmUnit("D")).toBe("day");
    expect(parseRfmUnit("yr")).toBe("year");
    expect(parseRfmUnit("fortnight")).toBeUndefined();
  });
});

describe("rfmSummary properties", () => {
  it("0 ≤ recency ≤ T; frequency counts distinct days", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("a", "b", "c", "d"),
            fc.integer({ min: day("2024-01-01"), max: day("2024-03-31") }),
            fc.integer({ min: 1, max: 100 }),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        (log) => {
          const rfm = rfmSummary(read(log.map(([id, d, a]) => [id, new Date(d * 86_400_000), a])), {
            unit: "day",
          });
          for (let i = 0; i < rfm.length; i++) {
            const days = new Set(log.filter(([id]) => id === rfm.ids[i]).map(([, d]) => d));
            expect(rfm.frequency[i]).toBe(days.size - 1);
            expect(rfm.recency[i]).toBeGreaterThanOrEqual(0);
            expect(rfm.recency[i]).toBeLessThanOrEqual(rfm.T[i]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describeWithReferenceData("rfmSummary on CDNOW", () => {
  it("reproduces the published calibration summary (end 1997-09-30, weeks) to its 2-decimal rounding", () => {
    const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
    expect(header).toEqual(["customer_id", "date", "cds", "amount"]);
    const tx = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, ctx, { firstRow: 2 });
    const rfm = rfmSummary(tx, { endDay: day("1997-09-30"), unit: "week" });
    const [, ...reference] = readReferenceCsv("cdnow_sample_rfm.csv");
    expect(rfm.length).toBe(reference.length);
    // The reference numbers customers 1, 2, … by first purchase day, then by id.
    const order = [...rfm.ids.keys()].sort(
      (a, b) => rfm.firstDay[a] - rfm.firstDay[b] || rfm.ids[a].localeCompare(rfm.ids[b]),
    );
    let worst = 0;
    order.forEach((i, row) => {
      const [, x, tx, T, zbar] = reference[row].map(Number);
      expect(rfm.frequency[i]).toBe(x);
      worst = Math.max(
        worst,
        Math.abs(rfm.recency[i] - tx),
        Math.abs(rfm.T[i] - T),
        Math.abs(rfm.monetary[i] - zbar),
      );
    });
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(rfm.frequency.reduce((s, x) => s + x, 0)).toBe(reference.reduce((s, r) => s + Number(r[1]), 0));
  });
});
