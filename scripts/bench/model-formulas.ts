/**
 * Every model formula from dist/Code.js on 100,000 customers (issue 20: each must answer, a fit or
 * its plain error, in 5 s in Node), on two data sets, each formula run once:
 * - "fits": the project's seeded sample (CDNOW-shaped, BG/NBD + Gamma-Gamma customers);
 * - "does not fit": customers alike, each buying about every 60 days for as long as observed and
 *   never leaving, so no model finds heterogeneity in purchase or dropout rates to estimate.
 * BG/BB gets one row per customer (no customers column), drawn from the model or all alike; sBG a
 * cohort of 100,000 declining as the model says, or not at all. Each time is shown as a share of the
 * 5 s budget and as a ratio to the peer measured in the same run: RFM on the same cells (reading the
 * cells and summarising them, what every transaction formula starts with).
 *
 * Run alone: `npx tsx scripts/bench/model-formulas.ts` (after `npm run build`).
 */
import { fileURLToPath } from "node:url";
import { generateSample } from "../../src/core/sample/generate";
import { Random } from "../../src/core/sample/random";
import { customFunctionServices, loadBundle, type ScriptGlobals } from "../../test/helpers/bundle";

const CUSTOMERS = 100_000;
const BUDGET_MS = 5000;
const DAY_MS = 86_400_000;

type Cell = string | number | Date;

interface Case {
  ids: Cell[][];
  dates: Cell[][];
  amounts: Cell[][];
  channels: Cell[][];
  calibrationEnd: Date;
  /** BG/BB: one row per customer. */
  bgbb: { x: number[][]; tx: number[][]; n: number[][] };
  survivors: number[][];
}

function fitting(): Case {
  const sample = generateSample({ customers: CUSTOMERS, seed: 7 });
  const date = (day: number) => new Date(day * DAY_MS);
  const random = new Random(11);
  // BG/BB over 6 opportunities, drawn from α 1.2, β 0.75, γ 0.66, δ 2.8 (the donation fit's order).
  const bgbb = { x: [] as number[][], tx: [] as number[][], n: [] as number[][] };
  for (let c = 0; c < CUSTOMERS; c++) {
    const p = random.beta(1.2, 0.75);
    const theta = random.beta(0.66, 2.8);
    let [x, tx] = [0, 0];
    for (let t = 1; t <= 6 && random.next() >= theta; t++) if (random.next() < p) [x, tx] = [x + 1, t];
    bgbb.x.push([x]);
    bgbb.tx.push([tx]);
    bgbb.n.push([6]);
  }
  // sBG with α 0.7, β 1.2: S(t) = S(t − 1)(β + t − 1)/(α + β + t − 1).
  const survivors = [[CUSTOMERS]];
  for (let t = 1; t <= 12; t++)
    survivors.push([Math.round((survivors[t - 1][0] * (1.2 + t - 1)) / (1.9 + t - 1))]);
  return {
    ids: sample.purchases.map((p) => [p.customerId]),
    dates: sample.purchases.map((p) => [date(p.day)]),
    amounts: sample.purchases.map((p) => [p.amount]),
    channels: sample.purchases.map((p) => [p.channel]),
    calibrationEnd: date(Math.round((sample.start + sample.end) / 2)),
    bgbb,
    survivors,
  };
}

function notFitting(): Case {
  const random = new Random(5);
  const start = Date.UTC(2024, 0, 1);
  const rows: Case = {
    ids: [],
    dates: [],
    amounts: [],
    channels: [],
    calibrationEnd: new Date(start + 365 * DAY_MS),
    bgbb: { x: [], tx: [], n: [] },
    survivors: Array.from({ length: 13 }, () => [CUSTOMERS]),
  };
  for (let c = 0; c < CUSTOMERS; c++) {
    const first = Math.floor(random.next() * 365);
    const channel = random.next() < 0.5 ? "ads" : "email";
    const mean = 10 + 40 * random.next();
    for (let day = first; day <= 548; day += Math.max(1, Math.round(random.exponential(1 / 60)))) {
      rows.ids.push([`c${c}`]);
      rows.dates.push([new Date(start + day * DAY_MS)]);
      rows.amounts.push([Math.round(mean * (0.3 + 1.4 * random.next()))]);
      rows.channels.push([channel]);
    }
    // BG/BB: every customer transacts at each of 6 opportunities with probability ½ and never dies.
    let [x, tx] = [0, 0];
    for (let t = 1; t <= 6; t++) if (random.next() < 0.5) [x, tx] = [x + 1, t];
    rows.bgbb.x.push([x]);
    rows.bgbb.tx.push([tx]);
    rows.bgbb.n.push([6]);
  }
  return rows;
}

const FORMULAS: [string, (sheets: ScriptGlobals, c: Case) => unknown][] = [
  ["BGNBD_PARAMS", (s, c) => s.BGNBD_PARAMS(c.ids, c.dates)],
  ["PARETONBD_PARAMS", (s, c) => s.PARETONBD_PARAMS(c.ids, c.dates)],
  ["GAMMAGAMMA_PARAMS", (s, c) => s.GAMMAGAMMA_PARAMS(c.ids, c.dates, c.amounts)],
  ["PREDICTED_CLV", (s, c) => s.PREDICTED_CLV(c.ids, c.dates, c.amounts, 12)],
  ["FORECAST_CHECK", (s, c) => s.FORECAST_CHECK(c.ids, c.dates, c.calibrationEnd)],
  [
    "PREDICTED_NEW_CUSTOMER_VALUE",
    (s, c) => s.PREDICTED_NEW_CUSTOMER_VALUE(c.ids, c.dates, c.amounts, 12, "", "", c.channels),
  ],
  ["BGBB_PARAMS", (s, c) => s.BGBB_PARAMS(c.bgbb.x, c.bgbb.tx, c.bgbb.n)],
  ["BGBB_FORECAST", (s, c) => s.BGBB_FORECAST(c.bgbb.x, c.bgbb.tx, c.bgbb.n, 5)],
  ["SBG_PARAMS", (s, c) => s.SBG_PARAMS(c.survivors)],
  ["RETENTION_FORECAST", (s, c) => s.RETENTION_FORECAST(c.survivors, 12)],
];

/** What a call answered, in a few words: a fit (with a note?) or the start of its error. */
function answer(run: () => unknown): string {
  try {
    const result = run();
    const last = Array.isArray(result) ? String(result.at(-1)?.[0] ?? "") : "";
    return last.startsWith("Note:") ? `answer with "${last.slice(0, 60)}…"` : "answer";
  } catch (error) {
    return `error "${String((error as Error).message).slice(0, 90)}…"`;
  }
}

export function modelFormulas(): void {
  const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
  for (const [label, make] of [
    ["fits", fitting],
    ["does not fit", notFitting],
  ] as const) {
    const data = make();
    let start = performance.now();
    sheets.RFM(data.ids, data.dates, data.amounts);
    const peer = performance.now() - start;
    console.log(
      `models: every model formula from dist/Code.js on ${CUSTOMERS.toLocaleString("en-US")} customers' ${data.ids.length.toLocaleString("en-US")} transactions — data that ${label}; one run each`,
    );
    console.log(`  peer  RFM on the same cells (reading them): ${peer.toFixed(0)} ms`);
    for (const [name, call] of FORMULAS) {
      start = performance.now();
      const said = answer(() => call(sheets, data));
      const ms = performance.now() - start;
      console.log(
        `  ${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms = ${(ms / BUDGET_MS).toFixed(2)} of the 5 s budget (${ms <= BUDGET_MS ? "ok" : "OVER BUDGET"}), ${(ms / peer).toFixed(2)}× RFM; ${said}`,
      );
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) modelFormulas();
