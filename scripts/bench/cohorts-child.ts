/**
 * The measured side of the cohorts benchmark, run by cohorts.ts in a process of its own (plain Node,
 * compiled by esbuild: no TypeScript loader in the process), so that its peak memory is its own.
 *
 * It runs the shipped `dist/Code.js` as Apps Script does, one script whose top-level functions become
 * globals — in this process's own global scope, as a `vm` context would slow every global lookup
 * (`Math`, `Number`) through Node's interceptors — builds COHORT_REVENUE's arguments from the packed
 * columns file as Sheets passes them — three single-column 2-D arrays holding a fresh string, `Date`
 * and number per cell — and times calls when the parent asks, so that the parent can alternate our
 * calls with DuckDB's queries and both sides meet the same state of the machine.
 *
 * Argv: packed file, Code.js path, time zone. Speaks a line of JSON for each line read: `build <order>`
 * (rows in "date order" or "shuffled"), `run` (one timed call), `report` (the last call's matrix and
 * the peak memory so far); it starts by saying the RSS with the bundle loaded.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { runInThisContext } from "node:vm";
import { startOfDayIn } from "../../src/core/cohorts/zone";

/** The child's answers, by request. */
export interface ChildAnswers {
  start: { baseRssMb: number };
  build: { rssMb: number };
  run: { ms: number };
  report: { maxRssMb: number; table: (number | string)[][] };
}

const [file, codePath, timeZone] = process.argv.slice(2);
const mb = (bytes: number) => bytes / 2 ** 20;
const say = (answer: object) => process.stdout.write(`${JSON.stringify(answer)}\n`);

/** Collects garbage, then lets the collector's background work finish. */
async function settle(): Promise<void> {
  global.gc?.();
  await sleep(300);
}

Object.assign(globalThis, {
  SpreadsheetApp: {
    getActiveSpreadsheet: () => ({
      getSpreadsheetLocale: () => "en_US",
      getSpreadsheetTimeZone: () => timeZone,
    }),
  },
});
runInThisContext(readFileSync(codePath, "utf8"), { filename: "Code.js" });
const cohortRevenue = runInThisContext("COHORT_REVENUE") as (...args: unknown[]) => unknown[][];
await settle();
say({ baseRssMb: mb(process.memoryUsage().rss) });

/**
 * The arguments for the rows in `order` (row numbers into the packed columns), built in that order
 * as Sheets would build them: a shuffled sheet's cells are as fresh and as close together in memory
 * as a sorted one's. In a function of its own, so that the packed columns are garbage once it returns.
 */
function buildArguments(order: (rows: number) => Int32Array): unknown[][][] {
  const buffer = readFileSync(file);
  const rows = buffer.readInt32LE(0);
  const width = buffer.readInt32LE(4);
  const column = (at: number) => buffer.subarray(8 + at * rows * 4);
  const idColumn = column(0);
  const dayColumn = column(1);
  const amountColumn = column(2);
  const midnight = new Map<number, number>();
  const ids: string[][] = new Array(rows);
  const dates: Date[][] = new Array(rows);
  const amounts: number[][] = new Array(rows);
  const rowOrder = order(rows);
  for (let i = 0; i < rows; i++) {
    const row = rowOrder[i];
    const day = dayColumn.readInt32LE(row * 4);
    let time = midnight.get(day);
    if (time === undefined) {
      time = startOfDayIn(day, timeZone).getTime();
      midnight.set(day, time);
    }
    ids[i] = [`C${String(idColumn.readInt32LE(row * 4)).padStart(width, "0")}`];
    dates[i] = [new Date(time)];
    amounts[i] = [amountColumn.readDoubleLE(row * 8)];
  }
  return [ids, dates, amounts];
}

const dateOrder = (rows: number) => Int32Array.from({ length: rows }, (_, i) => i);

/** A seeded shuffle of the row numbers. */
function shuffledOrder(rows: number): Int32Array {
  const out = dateOrder(rows);
  let state = 12345;
  for (let i = rows - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) | 0;
    const j = (state >>> 1) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

let args: unknown[][][] = [];
let table: unknown[][] = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line.startsWith("build ")) {
    args = [];
    args = buildArguments(line === "build shuffled" ? shuffledOrder : dateOrder);
    await settle();
    say({ rssMb: mb(process.memoryUsage().rss) });
  } else if (line === "run") {
    // Each Sheets call is a fresh execution: no garbage from the previous run is left to collect.
    await settle();
    const start = performance.now();
    table = cohortRevenue(...args);
    const ms = performance.now() - start;
    // Collect this call's garbage now, not on a second core while DuckDB runs next.
    await settle();
    say({ ms });
  } else if (line === "report") {
    say({
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      table: table.slice(1).map((row) => row.map((v) => (v instanceof Date ? v.getTime() : (v as number)))),
    });
  } else break;
}
