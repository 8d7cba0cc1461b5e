/**
 * The MRR queries (core/sql/mrr.ts) run in DuckDB against subscription/mrr.ts's mrrTable on the same
 * payments, month by month and cohort by cohort: the seeded subscription sample and fast-check's random
 * payments (terms, refunds, reactivations, observation ends inside a term, and changes under half a
 * cent that the queries leave to JavaScript). Their BigQuery text parses with node-sql-parser.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import bigquery from "node-sql-parser/build/bigquery.js";
import { describe, expect, it } from "vitest";
import { runQuery } from "../../../src/cli/duckdb-engine";
import { dayNumber, isoDay, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { generateSubscriptionSample } from "../../../src/core/sample/subscription";
import type { SqlParam } from "../../../src/core/sql/dialect";
import {
  type MrrCohortRow,
  type MrrMonthRow,
  type MrrWalkRow,
  mrrQueries,
  mrrTableFromRows,
} from "../../../src/core/sql/mrr";
import { boundsQuery, type SqlSource } from "../../../src/core/sql/queries";
import { type UnreadableRows, unreadableRows } from "../../../src/core/sql/report";
import type { BoundsRow } from "../../../src/core/sql/results";
import { type MrrTable, mrrTable } from "../../../src/core/subscription/mrr";
import { testDuckDb } from "../../helpers/duckdb";

const { Parser } = bigquery as typeof import("node-sql-parser");

const duck = testDuckDb("sql-mrr-");
let tables = 0;

/** id, ISO day, amount, term as written ("" for blank). */
type Payment = [string, string, number, string];

/** A DuckDB table of the payments, the term column as text (as a CSV holds it). */
async function load(payments: readonly Payment[]): Promise<SqlSource> {
  const table = `p${tables++}`;
  const file = join(duck.dir, `${table}.csv`);
  writeFileSync(file, `id,date,amount,term\n${payments.map((p) => p.join(",")).join("\n")}\n`);
  await duck.db.run(
    `CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = true, columns = {'id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE', 'term': 'VARCHAR'})`,
  );
  return {
    table,
    columns: { customerId: "id", date: "date", amount: "amount", term: "term" },
    dateType: "DATE",
    timeZone: "UTC",
  };
}

/** The MRR table computed in DuckDB, and how many customers it left to JavaScript. */
async function sqlTable(source: SqlSource, end: number): Promise<{ table: MrrTable; walked: number }> {
  const [bounds] = await runQuery<BoundsRow>(duck.db, boundsQuery("duckdb", source));
  expect(unreadableRows(bounds)).toEqual({});
  const q = mrrQueries("duckdb", source, end);
  const rows = {
    mrrMonths: await runQuery<MrrMonthRow>(duck.db, q.mrrMonths),
    mrrCohorts: await runQuery<MrrCohortRow>(duck.db, q.mrrCohorts),
    mrrWalk: await runQuery<MrrWalkRow>(duck.db, q.mrrWalk),
  };
  return {
    table: mrrTableFromRows(rows, bounds.first_day as number, end),
    walked: new Set(rows.mrrWalk.map((r) => r.id)).size,
  };
}

/** mrrTable of the same payments. */
function jsTable(payments: readonly Payment[], end: number): MrrTable {
  const tx = readTransactions(
    payments.map(([id, date, amount]) => [id, date, amount]),
    { customerId: 0, date: 1, amount: 2 },
    sheetContext("en_US", "UTC"),
  );
  const terms = Int32Array.from(payments, (p) => (p[3] === "" ? 1 : Number(p[3])));
  return mrrTable(tx, { terms, endDay: end });
}

/** Equal cell for cell: counts exactly, money and ratios to 10 significant digits (sums in another order). */
function expectSame(ours: MrrTable, expected: MrrTable): void {
  const round = (v: unknown): unknown =>
    typeof v === "number"
      ? Number(v.toPrecision(10)) + 0
      : ArrayBuffer.isView(v)
        ? Array.from(v as Float64Array, round)
        : Array.isArray(v)
          ? v.map(round)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
            : v;
  expect(round(ours)).toEqual(round(expected));
}

describe("MRR movements in SQL", () => {
  it("give mrrTable's on the seeded subscription sample", async () => {
    const sample = generateSubscriptionSample();
    const payments = sample.payments.map(
      (p): Payment => [p.customerId, isoDay(p.day), p.amount, p.term === 1 ? "" : String(p.term)],
    );
    const source = await load(payments);
    for (const end of [sample.end, sample.end - 200]) {
      const { table } = await sqlTable(source, end);
      expectSame(table, jsTable(payments, end));
    }
  });

  it("give mrrTable's on random payments, changes under half a cent included", async () => {
    const payment = fc.tuple(
      fc.constantFrom("a", "b", "c", "d"),
      fc.integer({ min: 0, max: 900 }),
      fc.oneof(
        fc.integer({ min: -60, max: 300 }),
        // Near-equal amounts: changes of a few thousandths, which only the walk gets right.
        fc.constantFrom(100, 100.003, 100.006, 100.009, 99.996),
      ),
      fc.constantFrom("", "1", "3", "12", "7"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(payment, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        async (rows, endOffset) => {
          const start = dayNumber(2023, 1, 1);
          const payments = rows.map(
            ([id, day, amount, term]): Payment => [id, isoDay(start + day), amount, term],
          );
          const end = start + endOffset;
          if (!payments.some((p) => p[1] <= isoDay(end))) return;
          const { table } = await sqlTable(await load(payments), end);
          expectSame(table, jsTable(payments, end));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("leave a run of changes under half a cent to JavaScript, which compares them with the MRR kept", async () => {
    // a: 100 kept through 100.003, then 100.006 is 0.006 above what a kept — expansion; b: plain.
    const payments: Payment[] = [
      ["a", "2024-01-05", 100, ""],
      ["a", "2024-02-05", 100.003, ""],
      ["a", "2024-03-05", 100.006, ""],
      ["a", "2024-04-05", 100.002, ""],
      ["b", "2024-01-05", 50, "3"],
      ["b", "2024-04-05", 20, ""],
    ];
    const end = dayNumber(2024, 5, 31);
    const { table, walked } = await sqlTable(await load(payments), end);
    expect(walked).toBe(1);
    expectSame(table, jsTable(payments, end));
    expect(Array.from(table.end)).toEqual([100 + 50 / 3, 100 + 50 / 3, 100.006 + 50 / 3, 100.006 + 20, 0]);
  });

  it("count terms that are not whole months from 1 to 1200, which terms.ts refuses", async () => {
    const source = await load([
      ["a", "2024-01-01", 10, "0"],
      ["a", "2024-02-01", 10, "1.5"],
      ["b", "2024-01-01", 10, "twelve"],
      ["b", "2024-01-01", 10, " 12 "],
      ["c", "2024-01-01", 10, "1201"],
    ]);
    const [bounds] = await runQuery<BoundsRow>(duck.db, boundsQuery("duckdb", source));
    expect(unreadableRows(bounds)).toEqual<UnreadableRows>({ no_term: 4 });
  });

  it("parse as BigQuery text, values as parameters", () => {
    const source: SqlSource = {
      table: "my-project.billing.payments",
      columns: { customerId: "customer_id", date: "paid_at", amount: "amount", term: "term_months" },
      dateType: "TIMESTAMP",
      timeZone: "Europe/Berlin",
    };
    const parser = new Parser();
    for (const query of Object.values(mrrQueries("bigquery", source, dayNumber(2024, 6, 30)))) {
      expect(parser.astify(query.sql, { database: "bigquery" })).toBeTruthy();
      expect(query.sql).not.toContain("2024-06-30");
      expect(query.params.map((p: SqlParam) => p.name).sort()).toEqual([
        "end_month",
        "observation_end",
        "time_zone",
      ]);
    }
  });
});
