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
  /** A starting point on the data's scale (α, γ carry its units), as parameters, not logs. */
  start: readonly number[];
  /** The argument to blame when the data cannot identify the model. */
  arg: string;
}

// A parameter that moved more than e^±15 (a factor of 3 million) from a start on the data's scale
// has run off to a boundary: the likelihood keeps improving in that direction and has no maximum.
const MAX_DRIFT = 15;

/** Fits a model by maximum likelihood over its log-parameters. */
export function fitMaximumLikelihood<P>(model: LogLikelihoodModel<P>): Fit<P> {
  const start = model.start.map((value) => Math.log(value));
  const minimum = minimize(model.negLogLikelihood, start, { analyticGradient: model.analyticGradient });
  const drift = minimum.x.map((x, i) => x - start[i]);
  const runaway = model.names.filter((_, i) => !(Math.abs(drift[i]) < MAX_DRIFT));
  if (runaway.length > 0) {
    const ways = runaway.map((name) =>
      drift[model.names.indexOf(name)] > 0 ? `${name} grows without bound` : `${name} shrinks toward 0`,
    );
    throw new IdentificationError(
      model.arg,
      `cannot determine ${runaway.join(", ")}: the likelihood keeps improving as ${ways.join(" and ")} — the data do not identify the model`,
    );
  }
  if (!minimum.converged)
    throw new IdentificationError(
      model.arg,
      "did not let the fit converge — the data do not identify the model",
    );
  const params = {} as Record<string, number>;
  model.names.forEach((name, i) => {
    params[name] = Math.exp(minimum.x[i]);
  });
  return { params: params as P, logLikelihood: -minimum.value, iterations: minimum.iterations };
}
