/**
 * BG/NBD, MBG/NBD and Pareto/NBD behind one interface, so a back-test, a comparison or a report can take either
 * by name: both are fitted on (x, t_x, T) and predict a customer's purchases in the next t time units.
 */

import type { RfmColumns } from "../fit/condense";
import type { Fit } from "../fit/mle";
import type { NegLogLikelihood } from "../fit/std-errors";
import {
  type BgNbdParams,
  conditionalExpectedPurchases,
  customerCurve,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  purchaseCountProbabilities,
} from "../models/bg-nbd";
import {
  fitMbgNbd,
  type MbgNbdParams,
  mbgConditionalExpectedPurchases,
  mbgCustomerCurve,
  mbgExpectedPurchases,
  mbgProbabilityAlive,
  mbgPurchaseCountProbabilities,
} from "../models/mbg-nbd";
import {
  fitParetoNbd,
  type ParetoNbdParams,
  paretoConditionalExpectedPurchases,
  paretoCustomerCurve,
  paretoExpectedPurchases,
  paretoProbabilityAlive,
  paretoPurchaseCountProbabilities,
} from "../models/pareto-nbd";
import type { PurchaseCurve } from "../models/purchase-curve";
import {
  BG_NBD_ORDER,
  bgNbdNegLogLikelihood,
  mbgNbdNegLogLikelihood,
  PARETO_NBD_ORDER,
  type ParamOrder,
  paretoNbdNegLogLikelihood,
} from "../models/uncertainty";

export type PurchaseModelName = "bgnbd" | "mbgnbd" | "paretonbd";

/**
 * The model a report forecasts with when its back-test cannot choose (too little data, or a report
 * computed in a database): MBG/NBD, in which a one-time buyer can also have left — under BG/NBD every
 * customer who bought once counts as alive, whatever their recency.
 */
export const DEFAULT_PURCHASE_MODEL: PurchaseModelName = "mbgnbd";

/** Every repeat-purchase model fitted on (x, t_x, T), in the order a comparison lists them. */
export const PURCHASE_MODEL_NAMES: readonly PurchaseModelName[] = ["bgnbd", "mbgnbd", "paretonbd"];

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
  /** P(alive | x, t_x, T). */
  alive(params: P, x: number, tx: number, T: number): number;
  /** Expected purchases in (T, T + t] of a customer alive at age T after x repeat purchases. */
  curve(params: P, x: number, T: number): PurchaseCurve;
  /** P(X(t) = k) for k = 0 … upTo − 1. */
  counts(params: P, t: number, upTo: number): number[];
}

const BG_NBD: PurchaseModel<BgNbdParams> = {
  label: "BG/NBD",
  order: BG_NBD_ORDER,
  fit: fitBgNbd,
  negLogLikelihood: bgNbdNegLogLikelihood,
  conditional: conditionalExpectedPurchases,
  expected: expectedPurchases,
  alive: probabilityAlive,
  curve: customerCurve,
  counts: purchaseCountProbabilities,
};

const MBG_NBD: PurchaseModel<MbgNbdParams> = {
  label: "MBG/NBD",
  order: BG_NBD_ORDER,
  fit: fitMbgNbd,
  negLogLikelihood: mbgNbdNegLogLikelihood,
  conditional: mbgConditionalExpectedPurchases,
  expected: mbgExpectedPurchases,
  alive: mbgProbabilityAlive,
  curve: mbgCustomerCurve,
  counts: mbgPurchaseCountProbabilities,
};

const PARETO_NBD: PurchaseModel<ParetoNbdParams> = {
  label: "Pareto/NBD",
  order: PARETO_NBD_ORDER,
  fit: fitParetoNbd,
  negLogLikelihood: paretoNbdNegLogLikelihood,
  conditional: paretoConditionalExpectedPurchases,
  expected: paretoExpectedPurchases,
  alive: paretoProbabilityAlive,
  curve: paretoCustomerCurve,
  counts: paretoPurchaseCountProbabilities,
};

// biome-ignore lint/suspicious/noExplicitAny: each entry is typed by its own parameters.
export const PURCHASE_MODELS: Record<PurchaseModelName, PurchaseModel<any>> = {
  bgnbd: BG_NBD,
  mbgnbd: MBG_NBD,
  paretonbd: PARETO_NBD,
};

/**
 * Reads a model name as people type it: "bgnbd", "BG/NBD", "MBG/NBD", "Pareto/NBD", "pareto nbd";
 * `undefined` if unknown.
 */
export function parsePurchaseModel(text: string): PurchaseModelName | undefined {
  const key = text.toLowerCase().replace(/[^a-z]/g, "");
  return (PURCHASE_MODEL_NAMES as readonly string[]).includes(key) ? (key as PurchaseModelName) : undefined;
}
