/**
 * COHORT_REVENUE on 1,000,000 transactions shaped as Sheets passes them (three single-column 2-D
 * arrays: id text, `Date`s at midnight in the spreadsheet's zone, numbers), against DuckDB's SQL for
 * the same matrix (cohort sizes and revenue per cohort × month) on the same data, in the same run.
 * DuckDB's load is excluded; both sides are timed warm: the median of RUNS runs after a first, cold
 * one (shown too). DuckDB runs on all cores (its default) and on one thread, as a custom function does.
 *
 * Our side is the shipped `dist/Code.js`, run in a child process (cohorts-child.ts, plain Node) so
 * that its peak memory (`maxRSS`) is its own: the arguments Sheets would hold, plus what the formula
 * allocates, against the 400 MB budget. It is timed on the rows in date order, as exports and logs
 * usually are, and shuffled; its calls alternate with DuckDB's queries.
 *
 * The data is the project's seeded sample (src/core/sample/generate.ts), cut to the first 1,000,000
 * rows by date; the parent writes it once as packed columns for the child.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { build } from "esbuild";
import { DayReader, isoDay } from "../../src/core/cells";
import { generateSample } from "../../src/core/sample/generate";
import type { ChildAnswers } from "./cohorts-child";
import { median } from "./stats";

const ROWS = 1_000_000;
const RUNS = 9;
const TIME_ZONE = "America/New_York";
const BUDGET_MB = 400;
const CODE = fileURLToPath(new URL("../../dist/Code.js", import.meta.url));

/** Packed columns: customer number (Int32), day (Int32), amount (Float64). */
function writeData(file: string): {
  ids: Int32Array;
  days: Int32Array;
  amounts: Float64Array;
  width: number;
} {
  let customers = Math.ceil(ROWS / 2.4);
  let purchases = generateSample({ customers, seed: 42 }).purchases;
  while (purchases.length < ROWS) {
    customers = Math.ceil(customers * 1.1);
    purchases = generateSample({ customers, seed: 42 }).purchases;
  }
  const ids = new Int32Array(ROWS);
  const days = new Int32Array(ROWS);
  const amounts = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    ids[i] = Number(purchases[i].customerId.slice(1));
    days[i] = purchases[i].day;
    amounts[i] = purchases[i].amount;
  }
  const width = purchases[0].customerId.length - 1;
  const header = Buffer.alloc(8);
  header.writeInt32LE(ROWS, 0);
  header.writeInt32LE(width, 4);
  writeFileSync(
    file,
    Buffer.concat([header, Buffer.from(ids.buffer), Buffer.from(days.buffer), Buffer.from(amounts.buffer)]),
  );
  return { ids, days, amounts, width };
}

/** The child (cohorts-child.ts), compiled to plain JavaScript and started on the packed file. */
async function startOurs(dir: string, file: string) {
  const script = join(dir, "child.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL("./cohorts-child.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: script,
    logLevel: "warning",
  });
  const child = spawn(process.execPath, ["--expose-gc", script, file, CODE, TIME_ZONE], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const { value, done } = await answers.next();
    if (done) throw new Error("the benchmark's child process stopped early");
    return JSON.parse(value) as T;
  };
  const ask = <K extends keyof ChildAnswers>(request: string): Promise<ChildAnswers[K]> => {
    child.stdin.write(`${request}\n`);
    return next<ChildAnswers[K]>();
  };
  const start = await next<ChildAnswers["start"]>();
  return { start, ask, stop: () => child.stdin.end() };
}

const SQL = `
  WITH firsts AS (
    SELECT customer_id, date_trunc('month', min(day)) AS cohort
    FROM tx WHERE amount >= 0 GROUP BY customer_id
  )
  SELECT strftime(cohort, '%Y-%m-%d') AS cohort, -1 AS k, count(*)::DOUBLE AS value FROM firsts GROUP BY cohort
  UNION ALL
  SELECT strftime(f.cohort, '%Y-%m-%d'), datediff('month', f.cohort, t.day), sum(t.amount)
  FROM tx t JOIN firsts f USING (customer_id)
  WHERE t.day >= f.cohort
  GROUP BY ALL
  ORDER BY 1, 2`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-cohorts-"));
  try {
    if (!existsSync(CODE)) throw new Error("dist/Code.js is missing — run `npm run build` first");
    const file = join(dir, "tx.bin");
    const data = writeData(file);

    // DuckDB: the same rows, typed (VARCHAR, DATE, DOUBLE), loaded from a CSV (not timed), on all
    // cores (DuckDB's default) and on one, as a custom function runs.
    const csv = join(dir, "tx.csv");
    const lines = ["customer_id,day,amount"];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `C${String(data.ids[i]).padStart(data.width, "0")},${isoDay(data.days[i])},${data.amounts[i]}`,
      );
    writeFileSync(csv, lines.join("\n"));
    const duckdbs = [];
    for (const threads of [os.availableParallelism(), 1]) {
      const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
      const connection = await instance.connect();
      await connection.run(
        `CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'day': 'DATE', 'amount': 'DOUBLE'})`,
      );
      duckdbs.push({ threads, instance, connection });
    }

    // Our calls and DuckDB's queries take turns, so that both sides meet the same state of the
    // machine (on a shared one it drifts); DuckDB's first run in each order counts as cold too.
    const ours = await startOurs(dir, file);
    const orders: {
      order: string;
      times: number[];
      table: (number | string)[][];
      duck: Map<number, number[]>;
    }[] = [];
    let inputRssMb = 0;
    let maxRssMb = 0;
    let duckRows: unknown[][] = [];
    for (const order of ["date order", "shuffled"]) {
      const built = await ours.ask<"build">(`build ${order}`);
      if (order === "date order") inputRssMb = built.rssMb;
      const times: number[] = [];
      const duck = new Map<number, number[]>(duckdbs.map(({ threads }) => [threads, []]));
      for (let run = 0; run <= RUNS; run++) {
        times.push((await ours.ask<"run">("run")).ms);
        for (const { threads, connection } of duckdbs) {
          const start = performance.now();
          duckRows = (await connection.runAndReadAll(SQL)).getRowsJS();
          duck.get(threads)?.push(performance.now() - start);
        }
      }
      const report = await ours.ask<"report">("report");
      if (order === "date order") maxRssMb = report.maxRssMb;
      orders.push({ order, times, table: report.table, duck });
    }
    ours.stop();
    for (const { instance, connection } of duckdbs) {
      connection.closeSync();
      instance.closeSync();
    }

    // The matrices must agree, or the timing means nothing.
    const reader = new DayReader(TIME_ZONE);
    let mismatches = 0;
    let checked = 0;
    for (const { table } of orders) {
      const expected = new Map<string, number>();
      for (const [cohort, k, value] of duckRows) expected.set(`${cohort}|${k}`, Number(value));
      for (const [start, size, ...revenue] of table) {
        const cohort = isoDay(reader.day(new Date(start as number)));
        const cells: [number, number][] = [[-1, size as number]];
        revenue.forEach((v, k) => {
          if (v !== "") cells.push([k, v as number]);
        });
        for (const [k, value] of cells) {
          checked++;
          const sql = expected.get(`${cohort}|${k}`) ?? 0;
          if (Math.abs(sql - value) > 1e-6 * Math.max(1, Math.abs(sql))) mismatches++;
          expected.delete(`${cohort}|${k}`);
        }
      }
      mismatches += expected.size;
    }

    console.log(
      `cohorts: COHORT_REVENUE (dist/Code.js) on ${ROWS.toLocaleString("en-US")} transactions (2-D arrays with Dates), median of ${RUNS} warm runs`,
    );
    for (const { order, times, table, duck } of orders) {
      const oursMs = median(times.slice(1));
      console.log(
        `  ours, ${order.padEnd(11)} ${oursMs.toFixed(1)} ms (first run ${times[0].toFixed(1)} ms), ${table.length} cohorts`,
      );
      for (const [threads, duckTimes] of duck) {
        const ms = median(duckTimes.slice(1));
        console.log(
          `    DuckDB, ${`${threads} thread${threads === 1 ? "" : "s"}`.padEnd(10)}${ms.toFixed(1)} ms (first run ${duckTimes[0].toFixed(1)} ms), load excluded — ours / DuckDB = ${(oursMs / ms).toFixed(2)} ${oursMs <= ms ? "(ok: ≤ 1)" : "(SLOWER)"}`,
        );
      }
    }
    const added = maxRssMb - inputRssMb;
    console.log(
      `  memory (RSS): ${ours.start.baseRssMb.toFixed(0)} MB with the bundle loaded, ${inputRssMb.toFixed(0)} MB with the arguments as Sheets passes them, peak ${maxRssMb.toFixed(0)} MB — COHORT_REVENUE adds ${added.toFixed(0)} MB; the ${BUDGET_MB} MB budget is ${maxRssMb <= BUDGET_MB ? "met by the whole process" : added <= BUDGET_MB ? "met by the call, not by the whole process (the arguments alone exceed it)" : "EXCEEDED"}`,
    );
    console.log(
      `  matrices agree with DuckDB's: ${mismatches === 0 ? "yes" : `NO, ${mismatches} cells differ`} (${checked} cells, both orders)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
