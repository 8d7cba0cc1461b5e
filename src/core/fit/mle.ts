/**
 * Maximum likelihood shared by the models: each model gives a negative log-likelihood over the
 * logarithms of its (positive) parameters, so the search is unconstrained; this module runs the
 * optimizer, maps back to parameters, and refuses a result the data could not determine.
 */
import { MetricError } from "../metrics/errors";
import { type Minimum, minimize, type Objective } from "./optimize";

/**
 * Why the data cannot determine a model's parameters, for a report to say in its own language:
 * "no-repeat" nobody made a repeat purchase (or, for spend, no usable repeat spend), "no-maximum" the
 * likelihood runs to a boundary of the model, "other" anything else.
 */
export type IdentificationKind = "no-repeat" | "no-maximum" | "other";

/** The data cannot determine the model's parameters, e.g. nobody made a repeat purchase. */
export class IdentificationError extends MetricError {
  override name = "IdentificationError";
  constructor(
    arg: string,
    detail: string,
    readonly kind: IdentificationKind = "other",
  ) {
    super(arg, detail);
  }
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
  /**
   * Plain words for a boundary the likelihood runs to, given the parameters that ran off as
   * "name+" (grows without bound) or "name-" (shrinks toward 0) in the order of `names`.
   */
  explain?: (runaway: string[]) => string | undefined;
}

// A parameter that moved more than e^±15 (a factor of 3 million) from a start on the data's scale
// has run off to a boundary: the likelihood keeps improving in that direction and has no maximum.
const MAX_DRIFT = 15;

// Further starts, in log-parameter offsets from the data's scale, tried only when the first does not
// reach an interior maximum: a flat or multimodal likelihood can stall one start and not another.
const RESTARTS = [2, -2].flatMap((step) => [[step], [step, -step]]);

/** A boundary of a model's parameters in plain words: when every one of `when` ran off ("a+", "b-"). */
export interface Limit {
  when: readonly string[];
  say: string;
}

/**
 * Explains a runaway in the plain words of the first limits that match (each parameter used once),
 * the rest by name: "— the model has no best fit: every customer seems to …; the likelihood keeps improving …"
 * (a dash, not a verb, after the argument's name: "frequency" and "dates" both read right).
 */
export function describeLimits(runaway: string[], limits: readonly Limit[]): string {
  const left = new Set(runaway);
  const phrases: string[] = [];
  for (const limit of limits) {
    if (!limit.when.every((r) => left.has(r))) continue;
    phrases.push(limit.say);
    for (const r of limit.when) left.delete(r);
  }
  for (const r of left)
    phrases.push(`${r.slice(0, -1)} ${r.endsWith("+") ? "grows without bound" : "shrinks toward 0"}`);
  return `— the model has no best fit: ${phrases.join("; ")}; the likelihood keeps improving toward that limit, so there is no estimate to report (more customers or a longer history may give one)`;
}

/** Fits a model by maximum likelihood over its log-parameters. */
export function fitMaximumLikelihood<P>(model: LogLikelihoodModel<P>): Fit<P> {
  const start = model.start.map((value) => Math.log(value));
  const runawayOf = (minimum: Minimum) =>
    model.names.flatMap((name, i) => {
      const drift = minimum.x[i] - start[i];
      return Math.abs(drift) < MAX_DRIFT ? [] : [`${name}${drift > 0 ? "+" : "-"}`];
    });
  let best: Minimum | undefined;
  for (const offsets of [[0], ...RESTARTS]) {
    const from = start.map((x, i) => x + offsets[i % offsets.length]);
    let minimum: Minimum;
    try {
      minimum = minimize(model.negLogLikelihood, from, { analyticGradient: model.analyticGradient });
    } catch {
      continue; // the likelihood is not finite at this start
    }
    if (!best || minimum.value < best.value) best = minimum;
    if (best.converged && runawayOf(best).length === 0) break;
  }
  if (!best) throw new IdentificationError(model.arg, "gives a likelihood that cannot be evaluated");
  const runaway = runawayOf(best);
  if (runaway.length > 0) {
    const names = runaway.map((r) => r.slice(0, -1));
    const ways = runaway.map(
      (r) => `${r.slice(0, -1)} ${r.endsWith("+") ? "grows without bound" : "shrinks toward 0"}`,
    );
    throw new IdentificationError(
      model.arg,
      model.explain?.(runaway) ??
        `cannot determine ${names.join(", ")}: the likelihood keeps improving as ${ways.join(" and ")} — the data do not identify the model`,
      "no-maximum",
    );
  }
  if (!best.converged)
    throw new IdentificationError(
      model.arg,
      "did not let the fit converge — the data do not identify the model",
      "no-maximum",
    );
  const params = {} as Record<string, number>;
  model.names.forEach((name, i) => {
    params[name] = Math.exp((best as Minimum).x[i]);
  });
  return { params: params as P, logLikelihood: -best.value, iterations: best.iterations };
}
