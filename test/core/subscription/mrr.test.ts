import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, dayNumber, isoDay, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { type MrrTable, mrrTable } from "../../../src/core/subscription/mrr";

const ctx = sheetContext("en_US", "UTC");
const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
/** Rows of id, date, amount[, term]: the table and the terms. */
function table(rows: [string, string, number, number?][], end?: string): MrrTable {
  const tx = readTransactions(rows as Cell[][], { customerId: 0, date: 1, amount: 2 }, ctx);
  const terms = Int32Array.from(rows, (r) => r[3] ?? 1);
  return mrrTable(tx, { terms, endDay: end ? day(end) : undefined });
}
const columns = (t: MrrTable) =>
  t.monthStart.map((d, m) => [
    isoDay(d),
    t.start[m],
    t.new[m],
    t.expansion[m],
    t.reactivation[m],
    t.contraction[m],
    t.churned[m],
    t.end[m],
    t.customers[m],
  ]);

// Per customer, MRR January … June 2024 (worked by hand):
// a  100 100 100 100 100 100   annual plan, 1,200 over twelve months
// b   50   0  50  30   0   0   refunded in February, back in March, partly refunded in April
// c   30   0   0   0  30  30   away for three months
// d    0  20  30  30  30  30   upgrade paid in the same month as the March renewal
// e    0   0  40  25  25  25   downgrade at the April renewal
// f   10  10  25  25  25  10   an annual plan and, March to May, a monthly add-on beside it
const LOG: [string, string, number, number?][] = [
  ["a", "2024-01-15", 1200, 12],
  ["b", "2024-01-03", 50],
  ["b", "2024-02-03", 50],
  ["b", "2024-02-10", -50],
  ["b", "2024-03-03", 50],
  ["b", "2024-04-03", 50],
  ["b", "2024-04-20", -20],
  ["c", "2024-01-20", 30],
  ["c", "2024-05-20", 30],
  ["c", "2024-06-20", 30],
  ["d", "2024-02-01", 20],
  ["d", "2024-03-01", 20],
  ["d", "2024-03-15", 10],
  ["d", "2024-04-01", 30],
  ["d", "2024-05-01", 30],
  ["d", "2024-06-01", 30],
  ["e", "2024-03-05", 40],
  ["e", "2024-04-05", 25],
  ["e", "2024-05-05", 25],
  ["e", "2024-06-05", 25],
  ["f", "2024-01-10", 120, 12],
  ["f", "2024-03-10", 15],
  ["f", "2024-04-10", 15],
  ["f", "2024-05-10", 15],
];

describe("mrrTable on a hand-worked log", () => {
  const t = table(LOG, "2024-06-30");

  it("classifies every movement kind", () => {
    expect(columns(t)).toEqual([
      // month, start, new, expansion, reactivation, contraction, churned, end, customers
      ["2024-01-01", 0, 190, 0, 0, 0, 0, 190, 4],
      ["2024-02-01", 190, 20, 0, 0, 0, -80, 130, 3], // b refunded, c away; d new
      ["2024-03-01", 130, 40, 25, 50, 0, 0, 245, 5], // d upgrade +10, f add-on +15; b back
      ["2024-04-01", 245, 0, 0, 0, -35, 0, 210, 5], // b −20 (partial refund), e −15 (downgrade)
      ["2024-05-01", 210, 0, 0, 30, 0, -30, 210, 5], // c back, b gone
      ["2024-06-01", 210, 0, 0, 0, -15, 0, 195, 5], // f's add-on ends
    ]);
    expect(Array.from(t.churnedCustomers)).toEqual([0, 2, 0, 0, 1, 0]);
  });

  it("computes NRR, GRR and the quick ratio, blank where the denominator is 0", () => {
    expect(t.nrr).toEqual([null, 110 / 190, 155 / 130, 210 / 245, 180 / 210, 195 / 210]);
    expect(t.grr).toEqual([null, 110 / 190, 1, 210 / 245, 180 / 210, 195 / 210]);
    expect(t.quickRatio).toEqual([null, 20 / 80, null, 0, 1, 0]);
    expect(t.trailingNrr).toEqual([null, null, null, null, null, null]);
  });

  it("groups customers by the month of their first MRR", () => {
    expect(t.cohorts.map((c) => [isoDay(c.start), c.customers, c.mrr])).toEqual([
      ["2024-01-01", 4, [190, 110, 175, 155, 155, 140]],
      ["2024-02-01", 1, [20, 30, 30, 30, 30]],
      ["2024-03-01", 1, [40, 25, 25, 25]],
    ]);
    expect(t.cohorts[2].retention).toEqual([1, 0.625, 0.625, 0.625]);
  });

  it("ends at the observation end: later rows are left out, an annual plan's later months too", () => {
    const march = table(LOG, "2024-03-31");
    expect(march.months).toBe(3);
    expect(Array.from(march.end)).toEqual([190, 130, 245]);
  });
});

describe("mrrTable over more than a year", () => {
  // a: annual 1,200, renewed at 1,500; b: one month; g: annual 100 (8.333…/month), then monthly 8.33.
  const t = table(
    [
      ["a", "2024-01-15", 1200, 12],
      ["b", "2024-01-02", 10],
      ["g", "2024-01-05", 100, 12],
      ["a", "2025-01-15", 1500, 12],
      ["g", "2025-01-05", 8.33],
      ["g", "2025-02-05", 8.33],
    ],
    "2025-02-28",
  );

  it("churns an annual plan not renewed after twelve months and expands one renewed higher", () => {
    expect(t.months).toBe(14);
    expect(t.churned[1]).toBe(-10);
    expect(t.expansion[12]).toBe(25);
  });

  it("counts a change under half a cent as no change, so the identity stays exact", () => {
    expect(t.contraction[12]).toBe(0);
    expect(t.end[12]).toBeCloseTo(125 + 100 / 12, 9);
    expect(t.customers[13]).toBe(2);
  });

  it("computes trailing twelve-month NRR from the customers with MRR twelve months before", () => {
    expect(t.trailingNrr.slice(0, 12)).toEqual(Array(12).fill(null));
    expect(t.trailingNrr[12]).toBeCloseTo((125 + 100 / 12) / (100 + 10 + 100 / 12), 12);
    expect(t.trailingNrr[13]).toBeCloseTo((125 + 100 / 12) / (100 + 100 / 12), 12);
    // Gross: a's 125 counts as the 100 it had; b's 10 is lost.
    expect(t.trailingGrr[12]).toBeCloseTo((100 + 100 / 12) / (100 + 10 + 100 / 12), 12);
  });

  it("has no months without rows on or before the end", () => {
    expect(table([["a", "2024-05-01", 10]], "2024-04-30").months).toBe(0);
  });
});

/**
 * The oracle: the definitions applied row by row with calendar arithmetic on JavaScript dates — a
 * map of customer → month → MRR, then every customer compared month to month.
 */
function oracle(rows: { id: string; date: string; amount: number; term: number }[], end: string) {
  const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const dates = rows.map((r) => r.date).filter((d) => d <= end);
  const first = monthOf(dates.sort()[0]);
  const last = monthOf(end);
  const mrr = new Map<string, number[]>();
  for (const r of rows) {
    if (r.date > end) continue;
    const months = mrr.get(r.id) ?? Array(last - first + 1).fill(0);
    mrr.set(r.id, months);
    for (let k = 0; k < r.term; k++) {
      const m = monthOf(r.date) + k - first;
      if (m < months.length) months[m] += r.amount / r.term;
    }
  }
  const out = [];
  for (let m = 0; m <= last - first; m++) {
    const sums = {
      new: 0,
      expansion: 0,
      reactivation: 0,
      contraction: 0,
      churned: 0,
      start: 0,
      end: 0,
      n: 0,
    };
    for (const months of mrr.values()) {
      const has = (k: number) => k >= 0 && months[k] > 1e-9;
      const before = has(m - 1) ? months[m - 1] : 0;
      const now = has(m) ? months[m] : 0;
      sums.start += before;
      sums.end += now;
      if (now > 0) sums.n++;
      if (before === 0 && now > 0) {
        if (months.slice(0, m).some((_, k) => has(k))) sums.reactivation += now;
        else sums.new += now;
      } else if (before > 0 && now === 0) sums.churned -= before;
      else if (now - before >= 0.005) sums.expansion += now - before;
      else if (before - now >= 0.005) sums.contraction += now - before;
    }
    out.push(sums);
  }
  return out;
}

describe("mrrTable against a row-by-row oracle", () => {
  const row = fc.record({
    id: fc.constantFrom("a", "b", "c", "d", "e"),
    date: fc
      .date({
        min: new Date("2023-01-01T00:00:00Z"),
        max: new Date("2024-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    amount: fc.integer({ min: -50, max: 300 }),
    term: fc.constantFrom(1, 1, 3, 12),
  });

  it("matches the oracle; start + movements = end exactly; GRR ≤ 1 and GRR ≤ NRR", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.constantFrom("2024-06-30", "2024-12-31"),
        (rows, end) => {
          if (!rows.some((r) => r.date <= end)) return;
          const t = table(
            rows.map((r) => [r.id, r.date, r.amount, r.term]),
            end,
          );
          const expected = oracle(rows, end);
          expect(t.months).toBe(expected.length);
          expected.forEach((e, m) => {
            expect(
              t.start[m] + t.new[m] + t.expansion[m] + t.reactivation[m] + t.contraction[m] + t.churned[m],
            ).toBeCloseTo(t.end[m], 9);
            if (m > 0) expect(t.start[m]).toBe(t.end[m - 1]);
            for (const key of [
              "start",
              "end",
              "new",
              "expansion",
              "reactivation",
              "contraction",
              "churned",
            ] as const)
              expect(t[key][m]).toBeCloseTo(e[key], 6);
            expect(t.customers[m]).toBe(e.n);
            const grr = t.grr[m];
            const nrr = t.nrr[m];
            expect(grr === null).toBe(nrr === null);
            if (grr !== null && nrr !== null) {
              expect(grr).toBeLessThanOrEqual(1 + 1e-12);
              expect(grr).toBeLessThanOrEqual(nrr + 1e-12);
              expect(grr).toBeGreaterThanOrEqual(-1e-12);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
