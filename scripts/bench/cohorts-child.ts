/**
 * The measured side of the cohorts benchmark, run by cohorts.ts in a process of its own (plain Node,
 * compiled by esbuild: no TypeScript loader in the process), so that its peak memory is its own.
 *
 * It runs the shipped `dist/Code.js` as Apps Script does, one script whose top-level functions become
 * globals — in this process's own global scope, as a `vm` context would slow every global lookup
 * (`Math`, `Number`) through Node's interceptors — builds COHORT_REVENUE's arguments from the packed
 * columns file as Sheets passes them — three single-column 2-D arrays holding a fresh string, `Date`
 * and number per cell — and times warm calls, rows in date order and then shuffled.
 *
 * Argv: packed file, Code.js path, time zone, runs. Prints one line of JSON (ChildResult).
 */
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { runInThisContext } from "node:vm";
import { startOfDayIn } from "../../src/core/cohorts/zone";

export interface ChildResult {
  /** Per order of the rows: times of the warm calls (ms) and the matrix (as `[cohort, size, …revenue]`). */
  orders: { order: string; times: number[]; table: (number | string)[][] }[];
  /** RSS (MB) with the bundle loaded, then with the arguments (rows in date order) built. */
  baseRssMb: number;
  inputRssMb: number;
  /** The process's peak RSS (MB) through the calls on rows in date order. */
  maxRssMb: number;
}

const [file, codePath, timeZone, runsText] = process.argv.slice(2);
const runs = Number(runsText);
const mb = (bytes: number) => bytes / 2 ** 20;

/** Collects garbage, then lets the collector's background work finish before a timed call starts. */
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
const baseRssMb = mb(process.memoryUsage().rss);

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

const orders: ChildResult["orders"] = [];
let inputRssMb = 0;
let maxRssMb = 0;
for (const [order, rowOrder] of [
  ["date order", dateOrder],
  ["shuffled", shuffledOrder],
] as const) {
  let args: unknown[][][] | undefined = buildArguments(rowOrder);
  await settle();
  if (order === "date order") inputRssMb = mb(process.memoryUsage().rss);
  const times: number[] = [];
  let table: unknown[][] = [];
  for (let run = 0; run < runs; run++) {
    // Each Sheets call is a fresh execution: no garbage from the previous run is left to collect.
    await settle();
    const start = performance.now();
    table = cohortRevenue(...args);
    times.push(performance.now() - start);
  }
  if (order === "date order") maxRssMb = process.resourceUsage().maxRSS / 1024;
  args = undefined;
  orders.push({
    order,
    times,
    table: table.slice(1).map((row) => row.map((v) => (v instanceof Date ? v.getTime() : (v as number)))),
  });
}

const result: ChildResult = {
  orders,
  baseRssMb,
  inputRssMb,
  maxRssMb,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
