import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, DayReader, dayNumber, isoDay, sheetContext } from "../../../src/core/cells";
import { cohortTable } from "../../../src/core/cohorts/cohort-table";
import { type PeriodUnit, periodIndex } from "../../../src/core/cohorts/periods";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { startOfDayIn } from "../../../src/core/cohorts/zone";

const ctx = sheetContext("en_US", "UTC");
const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
const read = (rows: Cell[][]) =>
  readTransactions(rows, { customerId: 0, date: 1, amount: 2, segment: 3 }, ctx);

// A hand-worked log: a and b start in January, c in February, e in March; d only has a refund.
const LOG: Cell[][] = [
  ["a", "2024-01-05", 100, "Email"],
  ["a", "2024-01-20", 50, "Paid"],
  ["b", "2024-01-31", 30, "Paid"],
  ["a", "2024-02-10", 20, "Paid"],
  ["c", "2024-02-01", 40, "Email"],
  ["b", "2024-03-15", -10, "Paid"],
  ["c", "2024-03-02", 60, "Email"],
  ["c", "2024-03-03", -60, "Email"],
  ["d", "2024-03-10", -5, "Paid"],
  ["e", "2024-03-20", 15, ""],
];

describe("cohortTable on a hand-worked log", () => {
  const table = cohortTable(read(LOG), { marginRate: 0.4 });

  it("groups customers by the month of their first purchase; refunds never start a cohort", () => {
    expect(table.cohorts.map((c) => [isoDay(c.start), c.size])).toEqual([
      ["2024-01-01", 2],
      ["2024-02-01", 1],
      ["2024-03-01", 1],
    ]);
    expect(table.periods).toBe(3);
    expect(table.observationEnd).toBe(day("2024-03-20"));
  });

  it("counts active customers once per period; a refund does not make a customer active", () => {
    expect(table.cohorts.map((c) => c.active)).toEqual([[2, 1, 0], [1, 1], [1]]);
    expect(table.cohorts.map((c) => c.retention)).toEqual([[1, 0.5, 0], [1, 1], [1]]);
    expect(table.cohorts.map((c) => c.orders)).toEqual([[3, 1, 0], [1, 1], [1]]);
  });

  it("nets refunds in their period, and accumulates revenue per customer", () => {
    expect(table.cohorts.map((c) => c.revenue)).toEqual([[180, 20, -10], [40, 0], [15]]);
    expect(table.cohorts.map((c) => c.ltv)).toEqual([[90, 100, 95], [40, 40], [15]]);
    expect(table.cohorts[0].margin?.map((m) => Math.round(m * 100) / 100)).toEqual([72, 8, -4]);
    expect(table.cohorts[0].marginLtv?.map((m) => Math.round(m * 100) / 100)).toEqual([36, 40, 38]);
  });

  it("marks the last, partial month (data ends on 20 March)", () => {
    expect(table.lastPeriodPartial).toBe(true);
    expect(table.cohorts.map((c) => c.partialIndex)).toEqual([2, 1, 0]);
    expect(table.firstPeriodPartial).toBe(true);
  });

  it("totals the matrix and says what it left out", () => {
    expect(table.totals).toEqual({
      customers: 4,
      orders: 7,
      revenue: 245,
      refunds: -70,
      unattributedRefunds: { rows: 1, amount: -5 },
      rowsAfterEnd: 0,
    });
  });

  it("ignores rows after an earlier observation end; cells past it do not exist", () => {
    const feb = cohortTable(read(LOG), { observationEnd: day("2024-02-29") });
    expect(feb.cohorts.map((c) => c.active)).toEqual([[2, 1], [1]]);
    expect(feb.lastPeriodPartial).toBe(false);
    expect(feb.cohorts[0].partialIndex).toBeUndefined();
    expect(feb.totals.rowsAfterEnd).toBe(5);
    expect(feb.hasMargin).toBe(false);
    expect(feb.cohorts[0].margin).toBeUndefined();
  });

  it("splits cohorts by the segment of each customer's first purchase", () => {
    const split = cohortTable(read(LOG), { splitBySegment: true });
    expect(split.segments).toEqual(["Email", "Paid", "(blank)"]);
    expect(split.cohorts.map((c) => [isoDay(c.start), c.segment, c.size, c.revenue])).toEqual([
      ["2024-01-01", "Email", 1, [150, 20, 0]],
      ["2024-01-01", "Paid", 1, [30, 0, -10]],
      ["2024-02-01", "Email", 1, [40, 0]],
      ["2024-03-01", "(blank)", 1, [15]],
    ]);
  });

  it("uses a margin column over the rate", () => {
    const rows = LOG.map((r) => [...r.slice(0, 3), Number(r[2]) / 2]);
    const t = cohortTable(readTransactions(rows, { customerId: 0, date: 1, amount: 2, margin: 3 }, ctx), {
      marginRate: 0.9,
    });
    expect(t.cohorts[0].margin).toEqual([90, 10, -5]);
  });

  it("weekly and quarterly cohorts", () => {
    const weeks = cohortTable(read(LOG), { period: "week" });
    // 2024-01-05 is a Friday: the week of Monday 1 January.
    expect(isoDay(weeks.cohorts[0].start)).toBe("2024-01-01");
    expect(weeks.cohorts[0].active.slice(0, 3)).toEqual([1, 0, 1]);
    const quarters = cohortTable(read(LOG), { period: "quarter" });
    expect(quarters.cohorts.map((c) => [c.size, c.active, c.revenue])).toEqual([[4, [4], [245]]]);
  });

  it("counts a customer once per period when the rows leave date order after a customer's row", () => {
    // x's March row comes first: reading starts in date order, then must rebuild x's last day.
    const rows: Cell[][] = [
      ["x", "2024-03-20", 10, ""],
      ["x", "2024-01-05", 10, ""],
      ["y", "2024-01-06", 10, ""],
      ["x", "2024-03-02", 10, ""],
    ];
    const t = cohortTable(read(rows));
    expect(t.cohorts.map((c) => [isoDay(c.start), c.size, c.active])).toEqual([["2024-01-01", 2, [2, 0, 1]]]);
  });

  it("starts a cohort at a customer's first purchase when a refund of theirs comes first", () => {
    const rows: Cell[][] = [
      ["x", "2024-01-03", -5, ""],
      ["y", "2024-01-04", 10, ""],
      ["x", "2024-02-01", 10, ""],
      ["x", "2024-02-02", 10, ""],
    ];
    const t = cohortTable(read(rows));
    expect(t.cohorts.map((c) => [isoDay(c.start), c.size, c.revenue])).toEqual([
      ["2024-01-01", 1, [10, 0]],
      ["2024-02-01", 1, [20]],
    ]);
    expect(t.totals.unattributedRefunds).toEqual({ rows: 1, amount: -5 });
  });

  it("an empty log gives an empty table", () => {
    const t = cohortTable(read([]));
    expect(t.cohorts).toEqual([]);
    expect(t.periods).toBe(0);
  });
});

/** The cohort matrices computed the obvious way, row by row, with Maps and Sets. */
function oracle(rows: [string, number, number][], unit: PeriodUnit) {
  const first = new Map<string, number>();
  for (const [id, d, a] of rows)
    if (a >= 0 && !((first.get(id) ?? Number.POSITIVE_INFINITY) <= d)) first.set(id, d);
  const cells = new Map<string, { active: Set<string>; revenue: number; orders: number }>();
  const sizes = new Map<number, number>();
  for (const d of first.values()) {
    const p = periodIndex(unit, d);
    sizes.set(p, (sizes.get(p) ?? 0) + 1);
  }
  for (const [id, d, a] of rows) {
    const f = first.get(id);
    if (f === undefined) continue;
    const c = periodIndex(unit, f);
    const k = periodIndex(unit, d) - c;
    if (k < 0) continue;
    const key = `${c}|${k}`;
    const cell = cells.get(key) ?? { active: new Set<string>(), revenue: 0, orders: 0 };
    cell.revenue += a;
    if (a >= 0) {
      cell.active.add(id);
      cell.orders++;
    }
    cells.set(key, cell);
  }
  return { sizes, cells, customers: first.size };
}

/** A seeded Fisher–Yates shuffle. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed | 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 48271) + 11) | 0;
    const j = (state >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const logArbitrary = fc.array(
  fc.tuple(
    fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "00004", "4"),
    fc.integer({ min: day("2023-11-20"), max: day("2024-05-10") }),
    fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: -100, max: -1 })),
  ),
  { minLength: 1, maxLength: 120 },
);

describe("cohortTable properties", () => {
  it("matches a row-by-row computation; retention ≤ 1; sizes sum to the customers; revenue adds up", () => {
    // Rows as generated, in date order (the reader's fast path), and in date order but for one row
    // moved earlier (the reader leaves the fast path part way through).
    const orders = fc.constantFrom("as generated", "by date", "by date but one");
    fc.assert(
      fc.property(
        logArbitrary,
        fc.constantFrom<PeriodUnit>("week", "month", "quarter"),
        orders,
        (given, unit, order) => {
          const log = order === "as generated" ? given : [...given].sort((x, y) => x[1] - y[1]);
          if (order === "by date but one" && log.length > 2)
            log.splice(1, 0, ...log.splice(log.length - 1, 1));
          const table = cohortTable(read(log.map(([id, d, a]) => [id, isoDay(d), a])), { period: unit });
          const expected = oracle(log, unit);
          let sizes = 0;
          let revenue = 0;
          for (const cohort of table.cohorts) {
            sizes += cohort.size;
            expect(cohort.size).toBe(expected.sizes.get(cohort.period));
            expect(cohort.active[0]).toBe(cohort.size);
            cohort.active.forEach((active, k) => {
              const cell = expected.cells.get(`${cohort.period}|${k}`);
              expect(active).toBe(cell?.active.size ?? 0);
              expect(cohort.orders[k]).toBe(cell?.orders ?? 0);
              expect(cohort.revenue[k]).toBeCloseTo(cell?.revenue ?? 0, 9);
              expect(cohort.retention[k]).toBeLessThanOrEqual(1);
              expect(cohort.retention[k]).toBeGreaterThanOrEqual(0);
              revenue += cohort.revenue[k];
            });
          }
          expect(sizes).toBe(expected.customers);
          expect(table.totals.customers).toBe(expected.customers);
          // Every amount is in the matrix, or reported as a refund that belongs to no cohort.
          const total = log.reduce((sum, [, , a]) => sum + a, 0);
          expect(revenue + table.totals.unattributedRefunds.amount).toBeCloseTo(total, 6);
          if (log.every(([, , a]) => a >= 0)) expect(revenue).toBeCloseTo(total, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of the rows", () => {
    fc.assert(
      fc.property(logArbitrary, fc.integer(), (log, seed) => {
        const sorted = [...log].sort((x, y) => x[1] - y[1]);
        const shuffled = shuffle(log, seed);
        const a = cohortTable(read(sorted.map(([id, d, amount]) => [id, isoDay(d), amount])));
        const b = cohortTable(read(shuffled.map(([id, d, amount]) => [id, isoDay(d), amount])));
        expect(b.cohorts.map((c) => [c.start, c.size, c.active, c.orders])).toEqual(
          a.cohorts.map((c) => [c.start, c.size, c.active, c.orders]),
        );
        b.cohorts.forEach((c, i) => {
          c.revenue.forEach((r, k) => {
            expect(r).toBeCloseTo(a.cohorts[i].revenue[k], 9);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("counts active customers the same from rows out of order, over many periods and customers", () => {
    // 53 weeks (two words of period bits per customer), and 300 weeks for 12,000 customers (too many
    // bits: the rows are grouped by customer instead).
    for (const [customers, weeks] of [
      [500, 53],
      [12_000, 300],
    ]) {
      let state = 7;
      const next = () => {
        state = (Math.imul(state, 48271) + 11) | 0;
        return (state >>> 0) / 2 ** 32;
      };
      const log: [string, number, number][] = [];
      const start = day("2020-01-06");
      for (let c = 0; c < customers; c++)
        for (let k = 1 + Math.floor(next() * 3); k > 0; k--)
          log.push([`c${c}`, start + Math.floor(next() * weeks * 7), Math.round(next() * 100)]);
      const sorted = [...log].sort((x, y) => x[1] - y[1]);
      const table = (rows: [string, number, number][]) =>
        cohortTable(read(rows.map(([id, d, a]) => [id, isoDay(d), a])), { period: "week" }).cohorts.map(
          (c) => [c.start, c.size, c.active],
        );
      expect(table(shuffle(log, 3))).toEqual(table(sorted));
    }
  });

  it("buckets Sheets dates by the calendar day in the spreadsheet's zone, east and west of UTC", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("a", "b", "c"),
            fc.integer({ min: day("2023-12-25"), max: day("2024-04-05") }),
          ),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom("Asia/Seoul", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago"),
        fc.constantFrom<PeriodUnit>("week", "month", "quarter"),
        (log, zone, unit) => {
          // Sheets passes a date cell as midnight in the spreadsheet's zone.
          const asSheets = log.map(([id, d]) => [id, startOfDayIn(d, zone)]);
          const asText = log.map(([id, d]) => [id, isoDay(d)]);
          const zoned = sheetContext("en_US", zone);
          const a = cohortTable(readTransactions(asSheets, { customerId: 0, date: 1 }, zoned), {
            period: unit,
          });
          const b = cohortTable(readTransactions(asText, { customerId: 0, date: 1 }, ctx), { period: unit });
          expect(a.cohorts).toEqual(b.cohorts);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a Seoul spreadsheet's 1 February is February; a Los Angeles one's 31 January is January", () => {
    const seoul = sheetContext("ko_KR", "Asia/Seoul");
    const feb1 = new Date("2024-02-01T00:00:00+09:00"); // 2024-01-31T15:00Z
    const t = cohortTable(readTransactions([["a", feb1]], { customerId: 0, date: 1 }, seoul));
    expect(isoDay(t.cohorts[0].start)).toBe("2024-02-01");
    const la = sheetContext("en_US", "America/Los_Angeles");
    const jan31 = new Date("2024-01-31T00:00:00-08:00"); // 2024-01-31T08:00Z
    const u = cohortTable(readTransactions([["a", jan31]], { customerId: 0, date: 1 }, la));
    expect(isoDay(u.cohorts[0].start)).toBe("2024-01-01");
  });
});

describe("startOfDayIn", () => {
  it("gives the first instant of the day in the zone, which reads back as that day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: day("1950-01-01"), max: day("2060-12-31") }),
        fc.constantFrom(
          "UTC",
          "Asia/Seoul",
          "America/Los_Angeles",
          "America/Sao_Paulo",
          "America/Santiago",
          "Asia/Kolkata",
          "Australia/Lord_Howe",
          "Europe/Moscow",
        ),
        (d, zone) => {
          const reader = new DayReader(zone);
          const start = startOfDayIn(d, zone);
          expect(reader.day(start)).toBe(d);
          expect(reader.day(new Date(start.getTime() - 1))).toBe(d - 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
