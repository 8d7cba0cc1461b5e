/**
 * MRR_MOVEMENTS on 1,000,000 payment rows shaped as Sheets passes them (four single-column 2-D
 * arrays: id text, `Date`s at midnight in the spreadsheet's zone, amounts, terms), against DuckDB's
 * SQL computing the same table (the payments spread over their terms, each customer's MRR month by
 * month, the movements) on the same data, in the same run. DuckDB's load is excluded; both sides are
 * timed warm, the median of RUNS runs after a first, cold one, taking turns. DuckDB runs on all cores
 * (its default) and on one thread, as a custom function does.
 *
 * The data: 100,000 customers over three years, a fifth on yearly plans (ten months' price for
 * twelve), the rest monthly with cancellations, upgrades and refunds; 1,000,000 of those rows, the rest
 * left out at random (missed payments).
 * Prices are whole dollars, so no customer's MRR moves by less than half a cent and SQL's plain
 * comparisons apply the same definitions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runInThisContext } from "node:vm";
import { DuckDBInstance } from "@duckdb/node-api";
import { dayNumber, isoDay } from "../../src/core/cells";
import { periodIndex } from "../../src/core/cohorts/periods";
import { startOfDayIn } from "../../src/core/cohorts/zone";
import { Random } from "../../src/core/sample/random";
import { median } from "./stats";

const ROWS = 1_000_000;
const CUSTOMERS = 100_000;
const MONTHS = 36;
const RUNS = 5;
const TIME_ZONE = "America/New_York";
const CODE = fileURLToPath(new URL("../../dist/Code.js", import.meta.url));
const PRICES = [29, 79, 199];
const START = dayNumber(2022, 1, 1);

interface Payment {
  id: number;
  day: number;
  amount: number;
  term: number;
}

function payments(): Payment[] {
  const random = new Random(7);
  const rows: Payment[] = [];
  const monthDay = (month: number, dom: number) => dayNumber(2022, 1 + month, dom);
  for (let id = 0; id < CUSTOMERS; id++) {
    const yearly = random.next() < 0.2;
    let plan = Math.floor(random.next() * 3);
    const dom = 1 + Math.floor(random.next() * 28);
    for (let m = Math.floor(random.next() * MONTHS); m < MONTHS; m += yearly ? 12 : 1) {
      const amount = yearly ? PRICES[plan] * 10 : PRICES[plan];
      rows.push({ id, day: monthDay(m, dom), amount, term: yearly ? 12 : 1 });
      if (random.next() < 0.01)
        rows.push({ id, day: monthDay(m, dom) + 2, amount: -amount, term: yearly ? 12 : 1 });
      if (random.next() < (yearly ? 0.25 : 0.03)) break;
      if (!yearly && random.next() < 0.02) plan = Math.min(2, plan + 1);
    }
  }
  // Down to ROWS by leaving out rows at random (missed payments), keeping all customers and months.
  const keys = Float64Array.from(rows, () => random.next());
  const kept = rows
    .map((row, i) => ({ row, key: keys[i] }))
    .sort((a, b) => a.key - b.key)
    .slice(0, ROWS)
    .map(({ row }) => row);
  return kept.sort((a, b) => a.day - b.day);
}

const sql = (last: number) => `
  WITH spread AS (
    SELECT customer_id, datediff('month', DATE '${isoDay(START)}', day) + unnest(range(term)) AS m, amount / term AS share FROM tx
  ), mrr AS (
    SELECT customer_id, m, sum(share) AS v FROM spread WHERE m <= ${last} GROUP BY ALL
  ), firsts AS (
    SELECT customer_id, unnest(range(min(m), ${last + 1})) AS m FROM mrr GROUP BY customer_id
  ), grid AS (
    SELECT f.customer_id, f.m, CASE WHEN x.v > 1e-9 THEN x.v ELSE 0 END AS v
    FROM firsts f LEFT JOIN mrr x USING (customer_id, m)
  ), lagged AS (
    SELECT m, v, coalesce(lag(v) OVER w, 0) AS prev,
      coalesce(max(v) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM grid WINDOW w AS (PARTITION BY customer_id ORDER BY m)
  ), moves AS (
    SELECT m, sum(prev) AS start,
      sum(CASE WHEN prev = 0 AND v > 0 AND before = 0 THEN v ELSE 0 END) AS new,
      sum(CASE WHEN prev > 0 AND v - prev >= 0.005 THEN v - prev ELSE 0 END) AS expansion,
      sum(CASE WHEN prev = 0 AND v > 0 AND before > 0 THEN v ELSE 0 END) AS reactivation,
      sum(CASE WHEN prev > 0 AND v > 0 AND prev - v >= 0.005 THEN v - prev ELSE 0 END) AS contraction,
      sum(CASE WHEN prev > 0 AND v = 0 THEN -prev ELSE 0 END) AS churned,
      sum(v) AS "end", count(*) FILTER (WHERE v > 0)::DOUBLE AS customers
    FROM lagged GROUP BY m
  )
  SELECT *, (start + expansion + contraction + churned) / nullif(start, 0) AS nrr,
    (start + contraction + churned) / nullif(start, 0) AS grr,
    (new + expansion + reactivation) / nullif(-(contraction + churned), 0) AS quick
  FROM moves ORDER BY m`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-mrr-"));
  try {
    const rows = payments();
    const customers = new Set(rows.map((r) => r.id)).size;
    const lastMonth = periodIndex("month", rows[rows.length - 1].day) - periodIndex("month", START);
    const csv = join(dir, "tx.csv");
    writeFileSync(
      csv,
      [
        "customer_id,day,amount,term",
        ...rows.map((r) => `C${r.id},${isoDay(r.day)},${r.amount},${r.term}`),
      ].join("\n"),
    );
    const duckdbs = [];
    for (const threads of [os.availableParallelism(), 1]) {
      const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
      const connection = await instance.connect();
      await connection.run(
        `CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'day': 'DATE', 'amount': 'DOUBLE', 'term': 'INTEGER'})`,
      );
      duckdbs.push({ threads, instance, connection, times: [] as number[] });
    }

    // Ours: the shipped bundle in this process, with the arguments as Sheets passes them.
    Object.assign(globalThis, {
      SpreadsheetApp: {
        getActiveSpreadsheet: () => ({
          getSpreadsheetLocale: () => "en_US",
          getSpreadsheetTimeZone: () => TIME_ZONE,
        }),
      },
    });
    runInThisContext(readFileSync(CODE, "utf8"), { filename: "Code.js" });
    const movements = runInThisContext("MRR_MOVEMENTS") as (...args: unknown[]) => unknown[][];
    const midnight = new Map<number, number>();
    const time = (day: number) => {
      let t = midnight.get(day);
      if (t === undefined) {
        t = startOfDayIn(day, TIME_ZONE).getTime();
        midnight.set(day, t);
      }
      return t;
    };
    const args = [
      rows.map((r) => [`C${r.id}`]),
      rows.map((r) => [new Date(time(r.day))]),
      rows.map((r) => [r.amount]),
      rows.map((r) => [r.term]),
    ];

    const ours: number[] = [];
    let table: unknown[][] = [];
    let duckRows: unknown[][] = [];
    for (let run = 0; run <= RUNS; run++) {
      const start = performance.now();
      table = movements(...args);
      ours.push(performance.now() - start);
      for (const duck of duckdbs) {
        const t0 = performance.now();
        duckRows = (await duck.connection.runAndReadAll(sql(lastMonth))).getRowsJS();
        duck.times.push(performance.now() - t0);
      }
    }
    for (const { instance, connection } of duckdbs) {
      connection.closeSync();
      instance.closeSync();
    }

    // The tables must agree, or the timing means nothing: amounts to a cent, ratios to 1e-9.
    let mismatches = 0;
    const body = table.slice(1);
    if (body.length !== duckRows.length) mismatches += Math.abs(body.length - duckRows.length);
    body.forEach((row, m) => {
      const expected = duckRows[m]?.slice(1) ?? [];
      row.slice(1).forEach((value, c) => {
        const sqlValue = expected[c] === null ? "" : Number(expected[c]);
        const tolerance = c < 8 ? 0.01 : 1e-9;
        if (
          value === "" || sqlValue === ""
            ? value !== sqlValue
            : Math.abs((value as number) - sqlValue) > tolerance
        ) {
          if (mismatches++ < 5)
            console.log(`  month ${m}, column ${c + 2}: ours ${value}, DuckDB ${sqlValue}`);
        }
      });
    });

    const oursMs = median(ours.slice(1));
    console.log(
      `mrr: MRR_MOVEMENTS (dist/Code.js) on ${rows.length.toLocaleString("en-US")} payments of ${customers.toLocaleString("en-US")} customers, ${body.length} months (2-D arrays with Dates), median of ${RUNS} warm runs`,
    );
    console.log(`  ours            ${oursMs.toFixed(1)} ms (first run ${ours[0].toFixed(1)} ms)`);
    for (const { threads, times } of duckdbs) {
      const ms = median(times.slice(1));
      console.log(
        `    DuckDB, ${`${threads} thread${threads === 1 ? "" : "s"}`.padEnd(10)}${ms.toFixed(1)} ms (first run ${times[0].toFixed(1)} ms), load excluded — ours / DuckDB = ${(oursMs / ms).toFixed(2)} ${oursMs <= ms ? "(ok: ≤ 1)" : "(SLOWER)"}`,
      );
    }
    console.log(
      `  tables agree with DuckDB's: ${mismatches === 0 ? "yes" : `NO, ${mismatches} cells differ`} (${body.length} months × 11 columns)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
