/**
 * BG/NBD and Pareto/NBD behind one interface, so a back-test, a comparison or a report can take either
 * by name: both are fitted on (x, t_x, T) and predict a customer's purchases in the next t time units.
 */
import type { RfmColumns } from "../fit/condense";
import type { Fit } from "../fit/mle";
import type { NegLogLikelihood } from "../fit/std-errors";
import {
  type BgNbdParams,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
} from "../models/bg-nbd";
import {
  fitParetoNbd,
  type ParetoNbdParams,
  paretoConditionalExpectedPurchases,
  paretoExpectedPurchases,
} from "../models/pareto-nbd";
import {
  BG_NBD_ORDER,
  bgNbdNegLogLikelihood,
  PARETO_NBD_ORDER,
  type ParamOrder,
  paretoNbdNegLogLikelihood,
} from "../models/uncertainty";

export type PurchaseModelName = "bgnbd" | "paretonbd";

export interface PurchaseModel<P> {
  /** The model's name as people write it. */
  label: string;
  order: ParamOrder<P>;
  fit(data: RfmColumns): Fit<P>;
  negLogLikelihood(data: RfmColumns): NegLogLikelihood;
  /** E[Y(t) | x, t_x, T]: expected purchases in the next t time units. */
  conditional(params: P, t: number, x: number, tx: number, T: number): number;
  /** E[X(t)]: expected repeat purchases of a new customer in the first t time units. */
  expected(params: P, t: number): number;
}

const BG_NBD: PurchaseModel<BgNbdParams> = {
  label: "BG/NBD",
  order: BG_NBD_ORDER,
  fit: fitBgNbd,
  negLogLikelihood: bgNbdNegLogLikelihood,
  conditional: conditionalExpectedPurchases,
  expected: expectedPurchases,
};

const PARETO_NBD: PurchaseModel<ParetoNbdParams> = {
  label: "Pareto/NBD",
  order: PARETO_NBD_ORDER,
  fit: fitParetoNbd,
  negLogLikelihood: paretoNbdNegLogLikelihood,
  conditional: paretoConditionalExpectedPurchases,
  expected: paretoExpectedPurchases,
};

// biome-ignore lint/suspicious/noExplicitAny: each entry is typed by its own parameters.
export const PURCHASE_MODELS: Record<PurchaseModelName, PurchaseModel<any>> = {
  bgnbd: BG_NBD,
  paretonbd: PARETO_NBD,
};

/** Reads a model name as people type it: "bgnbd", "BG/NBD", "Pareto/NBD", "pareto nbd"; `undefined` if unknown. */
export function parsePurchaseModel(text: string): PurchaseModelName | undefined {
  const key = text.toLowerCase().replace(/[^a-z]/g, "");
  return key === "bgnbd" || key === "paretonbd" ? key : undefined;
}

/**
 * The customers a fit can learn from: one first seen at the very end of observation (T = 0) has
 * likelihood 1 whatever the parameters (nothing could have happened yet), and the models refuse T = 0.
 */
export function observedCustomers(data: RfmColumns): RfmColumns {
  const keep: number[] = [];
  for (let i = 0; i < data.T.length; i++) if (data.T[i] > 0) keep.push(i);
  if (keep.length === data.T.length) return data;
  return {
    x: Float64Array.from(keep, (i) => data.x[i]),
    tx: Float64Array.from(keep, (i) => data.tx[i]),
    T: Float64Array.from(keep, (i) => data.T[i]),
  };
}
