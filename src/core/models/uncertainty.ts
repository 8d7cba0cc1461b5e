/**
 * Each model's −ln L as a function of its natural parameters in their published order, so that
 * `fit/std-errors` can take the observed information of any fit; and a fitted model's standard errors.
 */
import type { RfmColumns } from "../fit/condense";
import type { Fit } from "../fit/mle";
import { type NegLogLikelihood, standardErrors } from "../fit/std-errors";
import { type BgBbData, type BgBbParams, bgBbLogLikelihoodOf } from "./bg-bb";
import { type BgNbdParams, betaGeoLogLikelihoodOf, bgNbdLogLikelihoodOf } from "./bg-nbd";
import { type GammaGammaParams, gammaGammaLogLikelihoodOf, type SpendColumns } from "./gamma-gamma";
import { type ParetoNbdParams, paretoNbdLogLikelihoodOf } from "./pareto-nbd";
import { type SbgParams, sbgLogLikelihood } from "./sbg";

/** A model's parameters in their published order, and back. */
export interface ParamOrder<P> {
  names: readonly (keyof P & string)[];
}

export const SBG_ORDER: ParamOrder<SbgParams> = { names: ["alpha", "beta"] };
export const BG_NBD_ORDER: ParamOrder<BgNbdParams> = { names: ["r", "alpha", "a", "b"] };
export const PARETO_NBD_ORDER: ParamOrder<ParetoNbdParams> = { names: ["r", "alpha", "s", "beta"] };
export const BG_BB_ORDER: ParamOrder<BgBbParams> = { names: ["alpha", "beta", "gamma", "delta"] };
export const GAMMA_GAMMA_ORDER: ParamOrder<GammaGammaParams> = { names: ["p", "q", "gamma"] };

export function toValues<P>(order: ParamOrder<P>, params: P): number[] {
  return order.names.map((name) => params[name] as number);
}

export function fromValues<P>(order: ParamOrder<P>, values: readonly number[]): P {
  return Object.fromEntries(order.names.map((name, i) => [name, values[i]])) as P;
}

/** −ln L over the parameter values in `order`, from a log-likelihood over parameter objects. */
export function negLogLikelihoodOf<P>(
  order: ParamOrder<P>,
  logLikelihood: (params: P) => number,
): NegLogLikelihood {
  return (values) => -logLikelihood(fromValues(order, values));
}

export const sbgNegLogLikelihood = (curves: readonly (readonly number[])[]) =>
  negLogLikelihoodOf(SBG_ORDER, (p) => sbgLogLikelihood(p, curves));

// Each prepares (condenses, sorts) its data once, not at every evaluation of the Hessian.
export const bgNbdNegLogLikelihood = (data: RfmColumns) =>
  negLogLikelihoodOf(BG_NBD_ORDER, bgNbdLogLikelihoodOf(data));

export const mbgNbdNegLogLikelihood = (data: RfmColumns) =>
  negLogLikelihoodOf(BG_NBD_ORDER, betaGeoLogLikelihoodOf(data, 1));

export const paretoNbdNegLogLikelihood = (data: RfmColumns) => {
  const logLikelihood = paretoNbdLogLikelihoodOf(data);
  return negLogLikelihoodOf(PARETO_NBD_ORDER, (p) => logLikelihood(p));
};

export const bgBbNegLogLikelihood = (data: BgBbData) =>
  negLogLikelihoodOf(BG_BB_ORDER, bgBbLogLikelihoodOf(data));

export const gammaGammaNegLogLikelihood = (data: SpendColumns) =>
  negLogLikelihoodOf(GAMMA_GAMMA_ORDER, gammaGammaLogLikelihoodOf(data));

/** The standard errors of a fit's parameters, in `order`; `undefined` when the data do not pin them. */
export function fitStandardErrors<P>(
  order: ParamOrder<P>,
  fit: Fit<P>,
  negLogLikelihood: NegLogLikelihood,
): number[] | undefined {
  return standardErrors(negLogLikelihood, toValues(order, fit.params));
}
