/**
 * COHORT_REVENUE on 1,000,000 transactions shaped as Sheets passes them (three single-column 2-D
 * arrays: id text, `Date`s at midnight in the spreadsheet's zone, numbers), against DuckDB's SQL for
 * the same matrix (cohort sizes and revenue per cohort × month) on the same data, in the same run.
 * DuckDB's load is excluded; both sides are timed warm (median of several runs, the first run shown
 * too). DuckDB runs on all cores (its default) and on one thread, as a custom function does. Our side runs in a child process, so its peak memory (`maxRSS`) is its own: the input arrays
 * Sheets would hold, plus what the formula allocates, against the 400 MB budget.
 *
 * The data is the project's seeded sample (src/core/sample/generate.ts), cut to the first 1,000,000
 * rows by date; the parent writes it once as packed columns for the child.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { DayReader, isoDay } from "../../src/core/cells";
import { startOfDayIn } from "../../src/core/cohorts/zone";
import { generateSample } from "../../src/core/sample/generate";
import { median } from "./stats";

const ROWS = 1_000_000;
const RUNS = Number(process.env.RUNS ?? 5);
const TIME_ZONE = "America/New_York";
const BUDGET_MB = 400;

interface OursResult {
  times: number[];
  maxRssMb: number;
  inputRssMb: number;
  cohorts: number;
  cells: { cohort: string; size: number; revenue: (number | string)[] }[];
}

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

/** The child: builds the Sheets-shaped arguments from the packed file and times COHORT_REVENUE. */
async function runOurs(file: string): Promise<void> {
  const buffer = readFileSync(file);
  const rows = buffer.readInt32LE(0);
  const width = buffer.readInt32LE(4);
  const ids = new Int32Array(buffer.buffer.slice(buffer.byteOffset + 8, buffer.byteOffset + 8 + rows * 4));
  const days = new Int32Array(
    buffer.buffer.slice(buffer.byteOffset + 8 + rows * 4, buffer.byteOffset + 8 + rows * 8),
  );
  const amounts = new Float64Array(
    buffer.buffer.slice(buffer.byteOffset + 8 + rows * 8, buffer.byteOffset + 8 + rows * 16),
  );
  // As Sheets passes them: a fresh string, `Date` and row array per cell.
  const midnight = new Map<number, number>();
  const customerIds: string[][] = new Array(rows);
  const dates: Date[][] = new Array(rows);
  const values: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    let time = midnight.get(days[i]);
    if (time === undefined) {
      time = startOfDayIn(days[i], TIME_ZONE).getTime();
      midnight.set(days[i], time);
    }
    customerIds[i] = [`C${String(ids[i]).padStart(width, "0")}`];
    dates[i] = [new Date(time)];
    values[i] = [amounts[i]];
  }
  (globalThis as Record<string, unknown>).SpreadsheetApp = {
    getActiveSpreadsheet: () => ({
      getSpreadsheetLocale: () => "en_US",
      getSpreadsheetTimeZone: () => TIME_ZONE,
    }),
  };
  const { COHORT_REVENUE } = await import("../../src/functions/cohorts");
  global.gc?.();
  const inputRssMb = process.memoryUsage().rss / 2 ** 20;
  const times: number[] = [];
  let table: (number | string | Date)[][] = [];
  for (let run = 0; run < RUNS; run++) {
    // Each Sheets call is a fresh execution: no garbage from the previous run is left to collect.
    global.gc?.();
    const start = performance.now();
    table = COHORT_REVENUE(customerIds, dates, values);
    times.push(performance.now() - start);
  }
  const reader = new DayReader(TIME_ZONE);
  const result: OursResult = {
    times,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    inputRssMb,
    cohorts: table.length - 1,
    cells: table.slice(1).map((row) => ({
      cohort: isoDay(reader.day(row[0] as Date)),
      size: row[1] as number,
      revenue: row.slice(2) as (number | string)[],
    })),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
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
    const file = join(dir, "tx.bin");
    const data = writeData(file);

    const child = execFileSync(
      process.execPath,
      ["--import", "tsx", "--expose-gc", fileURLToPath(import.meta.url), "--ours", file],
      { encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
    );
    const ours = JSON.parse(child.trim().split("\n").pop() as string) as OursResult;

    // DuckDB: the same rows, typed (VARCHAR, DATE, DOUBLE), loaded from a CSV (not timed).
    const csv = join(dir, "tx.csv");
    const lines = ["customer_id,day,amount"];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `C${String(data.ids[i]).padStart(data.width, "0")},${isoDay(data.days[i])},${data.amounts[i]}`,
      );
    writeFileSync(csv, lines.join("\n"));
    // On all cores (DuckDB's default) and on one, as a custom function runs.
    const duck: Record<string, { times: number[]; rows: unknown[][] }> = {};
    for (const threads of [os.availableParallelism(), 1]) {
      const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
      const connection = await instance.connect();
      await connection.run(
        `CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', header = true, columns = {'customer_id': 'VARCHAR', 'day': 'DATE', 'amount': 'DOUBLE'})`,
      );
      const times: number[] = [];
      let rows: unknown[][] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        rows = (await connection.runAndReadAll(SQL)).getRowsJS();
        times.push(performance.now() - start);
      }
      connection.closeSync();
      instance.closeSync();
      duck[threads] = { times, rows };
    }
    const duckRows = duck[1].rows;

    // The two matrices must agree, or the timing means nothing.
    const expected = new Map<string, number>();
    for (const [cohort, k, value] of duckRows) expected.set(`${cohort}|${k}`, Number(value));
    let mismatches = 0;
    let checked = 0;
    for (const row of ours.cells) {
      const cells: [number, number][] = [[-1, row.size]];
      row.revenue.forEach((v, k) => {
        if (v !== "") cells.push([k, v as number]);
      });
      for (const [k, value] of cells) {
        checked++;
        const sql = expected.get(`${row.cohort}|${k}`) ?? 0;
        if (Math.abs(sql - value) > 1e-6 * Math.max(1, Math.abs(sql))) mismatches++;
        expected.delete(`${row.cohort}|${k}`);
      }
    }
    mismatches += expected.size;

    if (process.env.SHOW) console.log(ours.times.map((t) => t.toFixed(0)).join(" "));
    const oursMs = median(ours.times);
    console.log(
      `cohorts: COHORT_REVENUE on ${ROWS.toLocaleString("en-US")} transactions (2-D arrays with Dates), median of ${RUNS} warm runs`,
    );
    console.log(
      `  ours             ${oursMs.toFixed(1)} ms (first run ${ours.times[0].toFixed(1)} ms), ${ours.cohorts} cohorts`,
    );
    for (const [threads, { times }] of Object.entries(duck).sort(([a], [b]) => Number(b) - Number(a))) {
      const ms = median(times);
      const label = `DuckDB ${threads} thread${threads === "1" ? "" : "s"}`.padEnd(17);
      console.log(
        `  ${label}${ms.toFixed(1)} ms (first run ${times[0].toFixed(1)} ms), load excluded — ours / DuckDB = ${(oursMs / ms).toFixed(2)} ${oursMs <= ms ? "(ok: ≤ 1)" : "(SLOWER)"}`,
      );
    }
    const added = ours.maxRssMb - ours.inputRssMb;
    console.log(
      `  peak memory (RSS) ${ours.maxRssMb.toFixed(0)} MB: the arguments as Sheets passes them hold ${ours.inputRssMb.toFixed(0)} MB before the call, COHORT_REVENUE adds ${added.toFixed(0)} MB — ${added <= BUDGET_MB ? "within" : "OVER"} the ${BUDGET_MB} MB budget${ours.maxRssMb <= BUDGET_MB ? " even with the arguments" : ""}`,
    );
    console.log(
      `  matrices agree: ${mismatches === 0 ? "yes" : `NO, ${mismatches} cells differ`} (${checked} cells)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ours = process.argv.indexOf("--ours");
if (ours >= 0) await runOurs(process.argv[ours + 1]);
else await main();
