/**
 * The four repeat-purchase models' predictions at given parameters — P(alive), a new customer's and a
 * known customer's expected purchases, the chance of exactly n purchases — behind one interface, so an
 * analyst can build scenarios from a fitted parameter row (functions/predictions.ts). Definitions and
 * conventions are those of the `lifetimes` package's fitters (BetaGeoFitter, ModifiedBetaGeoFitter,
 * ParetoNBDFitter, BetaGeoBetaBinomFitter).
 */
import { MetricError } from "../metrics/errors";
import { MAX_OPPORTUNITIES } from "../models/bg-bb";
import {
  bgBbConditional,
  bgBbCountProbability,
  bgBbExpected,
  bgBbProbabilityAlive,
} from "../models/bg-bb-predictions";
import { PURCHASE_MODELS, type PurchaseModelName, parsePurchaseModel } from "./purchase-model";

export type PredictorName = PurchaseModelName | "bgbb";

export interface Predictor {
  /** As people write it: "BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB". */
  label: string;
  /** The parameters in the order of the model's `_PARAMS` row. */
  names: readonly string[];
  /** What the T argument means for this model. */
  ageName: string;
  /** Checks a history; throws MetricError naming frequency, recency or T. */
  checkHistory(x: number, tx: number, T: number): void;
  /** Checks a horizon t; throws MetricError naming `arg`. */
  checkSpan(t: number, arg: string): void;
  alive(params: number[], x: number, tx: number, T: number): number;
  expected(params: number[], t: number): number;
  conditional(params: number[], t: number, x: number, tx: number, T: number): number;
  /** P(exactly n purchases in (0, t]) for a new customer. */
  probability(params: number[], n: number, t: number): number;
}

const whole = (v: number) => Number.isInteger(v) && v >= 0;

/** x whole ≥ 0, 0 ≤ t_x ≤ T, and t_x = 0 when x = 0 (lifetimes' `_check_inputs`). */
function checkContinuous(x: number, tx: number, T: number): void {
  if (!whole(x))
    throw new MetricError("frequency", `is ${x} — expected a whole number of repeat purchases, 0 or more`);
  if (!(T >= 0)) throw new MetricError("T", `is ${T} — expected an age of 0 or more`);
  if (!(tx >= 0 && tx <= T))
    throw new MetricError("recency", `is ${tx} — expected an age from 0 to T (${T})`);
  if (x === 0 && tx !== 0)
    throw new MetricError("recency", `is ${tx} with no repeat purchase (frequency 0) — expected 0`);
}

function checkTime(t: number, arg: string): void {
  if (!(t >= 0))
    throw new MetricError(arg, `is ${t} — expected a time of 0 or more, in the parameters' unit`);
}

function rfmPredictor(name: PurchaseModelName): Predictor {
  const model = PURCHASE_MODELS[name];
  const of = (values: number[]) =>
    Object.fromEntries(model.order.names.map((n: string, i: number) => [n, values[i]]));
  return {
    label: model.label,
    names: model.order.names,
    ageName: "T",
    checkHistory: checkContinuous,
    checkSpan: checkTime,
    alive: (p, x, tx, T) => model.alive(of(p), x, tx, T),
    expected: (p, t) => model.expected(of(p), t),
    conditional: (p, t, x, tx, T) => model.conditional(of(p), t, x, tx, T),
    probability: (p, n, t) => (t === 0 ? (n === 0 ? 1 : 0) : model.counts(of(p), t, n + 1)[n]),
  };
}

const BG_BB: Predictor = {
  label: "BG/BB",
  names: ["alpha", "beta", "gamma", "delta"],
  ageName: "periods",
  checkHistory(x, tx, n) {
    if (!(whole(n) && n <= MAX_OPPORTUNITIES))
      throw new MetricError(
        "T",
        `is ${n} — expected a whole number of opportunities (periods), 0 to ${MAX_OPPORTUNITIES}`,
      );
    if (!(whole(x) && x <= n))
      throw new MetricError(
        "frequency",
        `is ${x} — expected a whole number of transactions from 0 to periods (${n})`,
      );
    if (!(whole(tx) && tx <= n && (x === 0 ? tx === 0 : tx >= x)))
      throw new MetricError(
        "recency",
        `is ${tx} — expected the opportunity of the last transaction, from frequency (${x}) to periods (${n}); 0 when frequency is 0`,
      );
  },
  checkSpan(t, arg) {
    if (!(whole(t) && t <= MAX_OPPORTUNITIES))
      throw new MetricError(
        arg,
        `is ${t} — expected a whole number of opportunities, 0 to ${MAX_OPPORTUNITIES}`,
      );
  },
  alive: ([alpha, beta, gamma, delta], x, tx, n) =>
    bgBbProbabilityAlive({ alpha, beta, gamma, delta }, x, tx, n),
  expected: ([alpha, beta, gamma, delta], t) => bgBbExpected({ alpha, beta, gamma, delta }, t),
  conditional: ([alpha, beta, gamma, delta], t, x, tx, n) =>
    bgBbConditional({ alpha, beta, gamma, delta }, t, x, tx, n),
  probability: ([alpha, beta, gamma, delta], k, t) =>
    bgBbCountProbability({ alpha, beta, gamma, delta }, t, k),
};

export const PREDICTORS: Record<PredictorName, Predictor> = {
  bgnbd: rfmPredictor("bgnbd"),
  mbgnbd: rfmPredictor("mbgnbd"),
  paretonbd: rfmPredictor("paretonbd"),
  bgbb: BG_BB,
};

/** "BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB" as people type them; `undefined` if unknown. */
export function parsePredictor(text: string): PredictorName | undefined {
  return text.toLowerCase().replace(/[^a-z]/g, "") === "bgbb" ? "bgbb" : parsePurchaseModel(text);
}
