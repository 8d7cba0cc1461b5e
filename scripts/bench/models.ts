/**
 * The forecast models against their budgets, each with a peer measured in the same run:
 * 1. BG/NBD + Gamma-Gamma fit on the CDNOW sample (budget 100 ms), against SciPy's BFGS on the same
 *    two likelihoods written in NumPy — the way `lifetimes` fits them — when python3 has SciPy.
 * 2. The same fit on 1,000,000 simulated customers (budget 3 s, peak memory 400 MB), in a child
 *    process so its `maxRSS` is its own; the peer is one plain pass of the BG/NBD likelihood over
 *    every customer (what each step of an optimizer costs without condensing rows).
 * 3. PREDICTED_CLV from dist/Code.js on 100,000 customers' raw transactions (the project's seeded
 *    sample, as Sheets passes the cells), against the 30-second custom-function limit; the peer is
 *    RFM on the same cells, the summary the forecast starts from.
 * 4. The CLV forecast at the longest horizon (1,200 months) for 10,000 simulated customers whose
 *    (x, T) all differ (ages in fractions of a week), against the BG/NBD fit on the same customers:
 *    the cost grows with distinct (x, T) × months, and should stay a small multiple of the fit.
 * 5. Every model formula from dist/Code.js on 100,000 customers, on data the models fit and on data
 *    they do not, against the 5-second budget of issue 20 and RFM on the same cells
 *    (./model-formulas.ts).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { logBeta, logGamma } from "../../src/core/fit/special";
import { fitBgNbd } from "../../src/core/models/bg-nbd";
import { MAX_HORIZON_MONTHS, predictClv, repeatSpend } from "../../src/core/models/clv";
import { fitGammaGamma } from "../../src/core/models/gamma-gamma";
import { generateSample } from "../../src/core/sample/generate";
import { Random } from "../../src/core/sample/random";
import { customFunctionServices, loadBundle } from "../../test/helpers/bundle";
import { modelFormulas } from "./model-formulas";
import { median } from "./stats";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..");
// Public reference data beside the repository (never copied in): ../shared/data.
const referenceData = join(root, "..", "shared", "data");

function timeRuns(runs: number, body: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  return times;
}

const verdict = (ok: boolean) => (ok ? "ok" : "OVER BUDGET");

interface Rfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  zbar: Float64Array;
}

function fitBoth(data: Rfm) {
  const bgNbd = fitBgNbd(data);
  const gammaGamma = fitGammaGamma(
    repeatSpend({ frequency: data.x, recency: data.tx, T: data.T, monetary: data.zbar, unitDays: 7 }),
  );
  return { bgNbd, gammaGamma };
}

// The peer for the CDNOW fit: BG/NBD (FHL 2005 eq. 6) and Gamma-Gamma likelihoods in NumPy, fitted by
// scipy.optimize.minimize's BFGS from the same start, as lifetimes' fitters do (with numeric gradients).
const SCIPY_PEER = `
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, betaln
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
x, tx, T, z = d[:, 1], d[:, 2], d[:, 3], d[:, 4]
rep = x > 0
xr, zr = x[rep], z[rep]
def bgnbd(lp):
    r, al, a, b = np.exp(lp)
    base = gammaln(r + x) - gammaln(r) + r * np.log(al)
    alive = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(al + T)
    drop = np.where(rep, betaln(a + 1, np.where(rep, b + x - 1, 1.0)) - betaln(a, b) - (r + x) * np.log(al + tx), -np.inf)
    return -np.sum(base + np.logaddexp(alive, drop))
def gg(lp):
    p, q, g = np.exp(lp)
    px = p * xr
    return -np.sum(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + (px - 1) * np.log(zr) + px * np.log(xr) - (px + q) * np.log(xr * zr + g))
times = []
for _ in range(7):
    t0 = time.perf_counter()
    a = minimize(bgnbd, np.log([1, T.sum() / x.sum(), 1, 1]), method="BFGS")
    b = minimize(gg, np.log([1, 2, zr.mean()]), method="BFGS")
    times.append((time.perf_counter() - t0) * 1000)
print(json.dumps({"times": times, "bgnbd": list(np.exp(a.x)), "ll": -a.fun, "gg": list(np.exp(b.x))}))
`;

function cdnow(): void {
  const file = join(referenceData, "cdnow_sample_rfm.csv");
  if (!existsSync(file)) {
    console.log(`models: CDNOW fit SKIPPED — ${referenceData} is missing`);
    return;
  }
  const rows = readFileSync(file, "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",").map(Number));
  const data: Rfm = {
    x: Float64Array.from(rows, (r) => r[1]),
    tx: Float64Array.from(rows, (r) => r[2]),
    T: Float64Array.from(rows, (r) => r[3]),
    zbar: Float64Array.from(rows, (r) => r[4]),
  };
  let fit = fitBoth(data);
  const times = timeRuns(21, () => {
    fit = fitBoth(data);
  });
  const ours = median(times);
  console.log(`models: BG/NBD + Gamma-Gamma fit on the CDNOW sample (${rows.length} customers, 39 weeks)`);
  console.log(
    `  ours  ${ours.toFixed(1)} ms median of 21 (first ${times[0].toFixed(1)} ms); budget 100 ms: ${verdict(ours < 100)}`,
  );
  const { r, alpha, a, b } = fit.bgNbd.params;
  console.log(
    `        r ${r.toFixed(3)}, α ${alpha.toFixed(3)}, a ${a.toFixed(3)}, b ${b.toFixed(3)}, LL ${fit.bgNbd.logLikelihood.toFixed(1)}`,
  );
  try {
    const out = execFileSync("python3", ["-c", SCIPY_PEER, file], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const peer = JSON.parse(out) as { times: number[]; bgnbd: number[]; ll: number };
    const scipy = median(peer.times);
    console.log(
      `  SciPy ${scipy.toFixed(1)} ms median of 7 (BFGS, NumPy likelihoods; r ${peer.bgnbd[0].toFixed(3)}, LL ${peer.ll.toFixed(1)})`,
    );
    console.log(`  ratio ours / SciPy = ${(ours / scipy).toFixed(3)}`);
  } catch {
    console.log("  SciPy peer SKIPPED — python3 with numpy and scipy is not available");
  }
}

/**
 * Customers drawn from BG/NBD + Gamma-Gamma with the sample generator's CDNOW-like parameters, in
 * whole days over 548 days of observation with acquisition spread over the first 365, summarised
 * straight into (x, t_x, T, zbar) in weeks: the input a million-customer RFM summary would give.
 */
function simulate(customers: number, seed: number): Rfm {
  const random = new Random(seed);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const zbar = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const first = Math.floor(random.next() * 365);
    const age = 548 - first;
    const lambda = random.gamma(0.25, 4.5);
    const dropout = random.beta(0.8, 2.4);
    const nu = random.gamma(3.75, 15.5);
    let days = 0;
    let lastDay = 0;
    let spend = 0;
    for (let weeks = random.exponential(lambda); ; weeks += random.exponential(lambda)) {
      const day = Math.floor(weeks * 7);
      if (day > age) break;
      if (day === lastDay) continue;
      days++;
      lastDay = day;
      spend += random.gamma(6.25, nu);
      if (random.next() < dropout) break;
    }
    x[i] = days;
    tx[i] = lastDay / 7;
    T[i] = age / 7;
    zbar[i] = days > 0 ? spend / days : 0;
  }
  return { x, tx, T, zbar };
}

/** One pass of the BG/NBD log-likelihood over every customer, without condensing: the peer. */
function plainLogLikelihood(data: Rfm, p: { r: number; alpha: number; a: number; b: number }): number {
  let sum = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const base = logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha);
    const alive = logBeta(p.a, p.b + x) - logBeta(p.a, p.b) - (p.r + x) * Math.log(p.alpha + data.T[i]);
    if (x === 0) {
      sum += base + alive;
      continue;
    }
    const dropped =
      logBeta(p.a + 1, p.b + x - 1) - logBeta(p.a, p.b) - (p.r + x) * Math.log(p.alpha + data.tx[i]);
    const top = Math.max(alive, dropped);
    sum += base + top + Math.log(Math.exp(alive - top) + Math.exp(dropped - top));
  }
  return sum;
}

interface MillionResult {
  times: number[];
  peer: number[];
  maxRssMb: number;
  inputRssMb: number;
  params: number[];
}

const CUSTOMERS = 1_000_000;

/** The child: simulates, fits, and reports its own peak memory. */
function million(): void {
  const data = simulate(CUSTOMERS, 42);
  global.gc?.();
  const inputRssMb = process.memoryUsage().rss / 2 ** 20;
  let fit = fitBoth(data);
  const times = timeRuns(3, () => {
    fit = fitBoth(data);
  });
  const peer = timeRuns(3, () => plainLogLikelihood(data, fit.bgNbd.params));
  const { r, alpha, a, b } = fit.bgNbd.params;
  const result: MillionResult = {
    times,
    peer,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    inputRssMb,
    params: [r, alpha, a, b, fit.gammaGamma.params.p, fit.gammaGamma.params.q, fit.gammaGamma.params.gamma],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function millionInChild(): void {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", fileURLToPath(import.meta.url), "--million"],
    { encoding: "utf8" },
  );
  const result = JSON.parse(out.trim().split("\n").pop() as string) as MillionResult;
  const ours = median(result.times);
  const peer = median(result.peer);
  const [r, alpha, a, b, p, q, gamma] = result.params.map((v) => v.toFixed(3));
  console.log(`models: BG/NBD + Gamma-Gamma fit on ${CUSTOMERS.toLocaleString("en-US")} simulated customers`);
  console.log(
    `  ours  ${ours.toFixed(0)} ms median of 3 (first ${result.times[0].toFixed(0)} ms); budget 3000 ms: ${verdict(ours < 3000)}`,
  );
  console.log(
    `        drawn with r 0.25, α 4.5, a 0.8, b 2.4 / p 6.25, q 3.75, γ 15.5; fitted r ${r}, α ${alpha}, a ${a}, b ${b} / p ${p}, q ${q}, γ ${gamma}`,
  );
  console.log(
    `  peer  one plain BG/NBD likelihood pass over every customer: ${peer.toFixed(0)} ms median of 3`,
  );
  console.log(`  ratio fit / one plain pass = ${(ours / peer).toFixed(2)}`);
  console.log(
    `  peak memory ${result.maxRssMb.toFixed(0)} MB of the 400 MB budget (${result.inputRssMb.toFixed(0)} MB with the input alone): ${verdict(result.maxRssMb < 400)}`,
  );
}

function predictedClv(): void {
  const sample = generateSample({ customers: 100_000, seed: 7 });
  // As Sheets passes a column: one row array per cell; dates at midnight (the spreadsheet is in UTC).
  const ids = sample.purchases.map((p) => [p.customerId]);
  const dates = sample.purchases.map((p) => [new Date(p.day * 86_400_000)]);
  const amounts = sample.purchases.map((p) => [p.amount]);
  const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
  let rows = 0;
  const times = timeRuns(3, () => {
    rows = sheets.PREDICTED_CLV(ids, dates, amounts, 12).length - 1;
  });
  const peer = timeRuns(3, () => sheets.RFM(ids, dates, amounts));
  const ours = median(times);
  const rfm = median(peer);
  console.log(
    `models: PREDICTED_CLV (12 months) from dist/Code.js on ${rows.toLocaleString("en-US")} customers' ${ids.length.toLocaleString("en-US")} transactions`,
  );
  console.log(
    `  ours  ${ours.toFixed(0)} ms median of 3 (first ${times[0].toFixed(0)} ms): ${((ours / 30_000) * 100).toFixed(1)}% of the 30 s custom-function limit: ${verdict(ours < 30_000)}`,
  );
  console.log(`  peer  RFM on the same cells: ${rfm.toFixed(0)} ms median of 3`);
  console.log(`  ratio PREDICTED_CLV / RFM = ${(ours / rfm).toFixed(2)}`);
}

function longHorizon(): void {
  const data = simulate(10_000, 11);
  for (let i = 0; i < data.T.length; i++) data.T[i] += i * 1e-6; // every (x, T) distinct
  let fit = fitBoth(data);
  const fitTimes = timeRuns(3, () => {
    fit = fitBoth(data);
  });
  const options = {
    horizonMonths: MAX_HORIZON_MONTHS,
    monthlyDiscountRate: 0.01,
    margin: 1,
    unitsPerMonth: 365.25 / 12 / 7,
  };
  const times = timeRuns(3, () => predictClv(fit.bgNbd.params, fit.gammaGamma.params, options, data));
  const ours = median(times);
  const peer = median(fitTimes);
  console.log(
    `models: CLV forecast over ${MAX_HORIZON_MONTHS} months for 10,000 customers with distinct (x, T)`,
  );
  console.log(
    `  ours  ${ours.toFixed(0)} ms median of 3: ${((ours / 30_000) * 100).toFixed(1)}% of the 30 s limit: ${verdict(ours < 30_000)}`,
  );
  console.log(`  peer  BG/NBD + Gamma-Gamma fit on the same customers: ${peer.toFixed(0)} ms median of 3`);
  console.log(`  ratio forecast / fit = ${(ours / peer).toFixed(2)}`);
}

if (process.argv.includes("--million")) {
  million();
} else {
  cdnow();
  millionInChild();
  predictedClv();
  longHorizon();
  modelFormulas();
}
