/**
 * Maximum likelihood shared by the models: each model gives a negative log-likelihood over the
 * logarithms of its (positive) parameters, so the search is unconstrained; this module runs the
 * optimizer, maps back to parameters, and refuses a result the data could not determine.
 */
import { MetricError } from "../metrics/errors";
import { minimize, type Objective } from "./optimize";

/** The data cannot determine the model's parameters, e.g. nobody made a repeat purchase. */
export class IdentificationError extends MetricError {
  override name = "IdentificationError";
}

export interface Fit<P> {
  params: P;
  /** The maximised log-likelihood, in nats, including every constant term of the model. */
  logLikelihood: number;
  iterations: number;
}

export interface LogLikelihoodModel<P> {
  /** Parameter names, in the order of the log-parameter vector. */
  names: readonly (keyof P & string)[];
  /** −ln L at exp(logParams); with `gradient`, also its gradient with respect to the log-parameters. */
  negLogLikelihood: Objective;
  analyticGradient: boolean;
  /** A starting point, as parameters (not logs). */
  start: readonly number[];
  /** The argument to blame when the data cannot identify the model. */
  arg: string;
}

// Beyond e^±25 a parameter has run off to a boundary: the likelihood is flat in that direction.
const LOG_BOUND = 25;

/** Fits a model by maximum likelihood over its log-parameters. */
export function fitMaximumLikelihood<P>(model: LogLikelihoodModel<P>): Fit<P> {
  const minimum = minimize(
    model.negLogLikelihood,
    model.start.map((value) => Math.log(value)),
    { analyticGradient: model.analyticGradient },
  );
  const runaway = model.names.filter((_, i) => !(Math.abs(minimum.x[i]) < LOG_BOUND));
  if (runaway.length > 0 || !minimum.converged) {
    throw new IdentificationError(
      model.arg,
      runaway.length > 0
        ? `cannot determine ${runaway.join(", ")}: the likelihood keeps improving as ${runaway.length === 1 ? "it runs" : "they run"} to ${minimum.x[model.names.indexOf(runaway[0])] > 0 ? "infinity" : "zero"} — the data do not identify the model`
        : "did not let the fit converge — the data do not identify the model",
    );
  }
  const params = {} as Record<string, number>;
  model.names.forEach((name, i) => {
    params[name] = Math.exp(minimum.x[i]);
  });
  return { params: params as P, logLikelihood: -minimum.value, iterations: minimum.iterations };
}
