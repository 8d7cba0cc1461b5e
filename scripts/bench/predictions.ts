/**
 * Issue 22's formulas on 100,000 customers, from dist/Code.js as Sheets calls them (columns of cells),
 * each as a share of the 5-second budget and as a ratio to a peer measured in the same run:
 * 1. MBGNBD_PARAMS against BGNBD_PARAMS on the same 100,000 customers' transactions (the project's seeded
 *    sample): MBG/NBD runs on the same condensed rows and analytic gradient, so the ratio should be near 1.
 * 2. FIT_PURCHASE_MODEL for each model on those customers' summary (frequency, recency, T in weeks),
 *    against BG/NBD's.
 * 3. P_ALIVE, EXPECTED_PURCHASES (conditional, 52 weeks) and PROB_PURCHASES (n = 2 in 52 weeks) on the
 *    100,000 rows, each model against BG/NBD's P_ALIVE.
 */

import { isoDay, sheetContext } from "../../src/core/cells";
import { rfmSummary } from "../../src/core/cohorts/rfm";
import { readTransactions } from "../../src/core/cohorts/transactions";
import { generateSample } from "../../src/core/sample/generate";
import { customFunctionServices, loadBundle } from "../../test/helpers/bundle";
import { median } from "./stats";

const BUDGET_MS = 5000;
const sheets = loadBundle(customFunctionServices("en_US", "UTC"));

function time(runs: number, body: () => unknown): number {
  return median(
    Array.from({ length: runs }, () => {
      const start = performance.now();
      body();
      return performance.now() - start;
    }),
  );
}

function report(title: string, ours: number, peerTitle: string, peer: number): void {
  console.log(`predictions: ${title}`);
  console.log(
    `  ours  ${ours.toFixed(0)} ms median: ${((ours / BUDGET_MS) * 100).toFixed(1)}% of the 5 s budget: ${ours < BUDGET_MS ? "ok" : "OVER BUDGET"}`,
  );
  console.log(`  peer  ${peerTitle}: ${peer.toFixed(0)} ms median`);
  console.log(`  ratio ${(ours / peer).toFixed(2)}`);
}

const sample = generateSample({ customers: 100_000, seed: 7 });
const ids = sample.purchases.map((p) => [p.customerId]);
const dates = sample.purchases.map((p) => [new Date(p.day * 86_400_000)]);
const bg = time(3, () => sheets.BGNBD_PARAMS(ids, dates));
report(
  `MBGNBD_PARAMS on 100,000 customers' ${ids.length.toLocaleString("en-US")} transactions`,
  time(3, () => sheets.MBGNBD_PARAMS(ids, dates)),
  "BGNBD_PARAMS on the same cells",
  bg,
);

const tx = readTransactions(
  sample.purchases.map((p) => [p.customerId, isoDay(p.day)]),
  { customerId: 0, date: 1 },
  sheetContext("en_US", "UTC"),
);
const rfm = rfmSummary(tx, { unit: "week" });
const column = (values: ArrayLike<number>) => Array.from(values, (v) => [v]);
const [frequency, recency, T] = [rfm.frequency, rfm.recency, rfm.T].map(column);
const fits = new Map<string, (string | number)[]>();
const fitTime = (model: string) =>
  time(1, () => fits.set(model, sheets.FIT_PURCHASE_MODEL(model, frequency, recency, T)[1]));
const bgFit = fitTime("BG/NBD");
for (const model of ["MBG/NBD", "Pareto/NBD"])
  report(
    `FIT_PURCHASE_MODEL("${model}") on a summary of ${rfm.length.toLocaleString("en-US")} customers`,
    fitTime(model),
    'FIT_PURCHASE_MODEL("BG/NBD") on the same summary',
    bgFit,
  );

const params = (model: string) => [fits.get(model) as (string | number)[]];
const alive = time(3, () => sheets.P_ALIVE("BG/NBD", params("BG/NBD"), frequency, recency, T));
for (const model of ["BG/NBD", "MBG/NBD", "Pareto/NBD"]) {
  const p = params(model);
  report(
    `P_ALIVE("${model}") on 100,000 rows`,
    time(3, () => sheets.P_ALIVE(model, p, frequency, recency, T)),
    'P_ALIVE("BG/NBD")',
    alive,
  );
  report(
    `EXPECTED_PURCHASES("${model}", 52 weeks, history) on 100,000 rows`,
    time(3, () => sheets.EXPECTED_PURCHASES(model, p, 52, frequency, recency, T)),
    'P_ALIVE("BG/NBD")',
    alive,
  );
}
const twos = column(new Float64Array(rfm.length).fill(2));
for (const model of ["BG/NBD", "MBG/NBD", "Pareto/NBD"])
  report(
    `PROB_PURCHASES("${model}", n = 2, 52 weeks) on 100,000 rows`,
    time(1, () => sheets.PROB_PURCHASES(model, params(model), twos, 52)),
    'P_ALIVE("BG/NBD")',
    alive,
  );
