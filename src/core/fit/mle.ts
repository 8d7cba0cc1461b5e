/**
 * Maximum likelihood shared by the models: each model gives a negative log-likelihood over the
 * logarithms of its (positive) parameters, so the search is unconstrained; this module runs the
 * optimizer, maps back to parameters, and refuses a result the data could not determine.
 */
import { MetricError } from "../metrics/errors";
import { type MinimizeOptions, type Minimum, minimize, nearlyFlat, type Objective } from "./optimize";

/**
 * Why the data cannot determine a model's parameters, for a report to say in its own language:
 * "no-repeat" nobody made a repeat purchase (or, for spend, no usable repeat spend), "no-maximum" the
 * likelihood runs to a boundary of the model, "other" anything else.
 */
export type IdentificationKind = "no-repeat" | "no-maximum" | "other";

/**
 * Where a likelihood without a maximum runs, for the report's words: the limits of the model's
 * {@link Limit} table that matched, and every parameter that ran off ("r+" grows without bound,
 * "a-" shrinks toward 0).
 */
export interface Boundary {
  limits: LimitKey[];
  runaway: string[];
}

/** The data cannot determine the model's parameters, e.g. nobody made a repeat purchase. */
export class IdentificationError extends MetricError {
  override name = "IdentificationError";
  constructor(
    arg: string,
    detail: string,
    readonly kind: IdentificationKind = "other",
    readonly boundary?: Boundary,
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
  /** The boundaries in plain words (see {@link describeLimits}), when `explain` is not given. */
  limits?: readonly Limit[];
  /**
   * The same objective over a coarser summary of the data (fit/condense `coarseRows`), given when
   * the data have so many distinct rows that searching over them would take too long: the starts
   * are searched on it, and only the best point is refined on the data, so a fit — or the finding
   * that the likelihood has no maximum — costs a few passes over the data rather than hundreds.
   */
  pilot?: Objective;
}

// A parameter that moved more than e^±15 (a factor of 3 million) from a start on the data's scale
// has run off to a boundary: the likelihood keeps improving in that direction and has no maximum.
const MAX_DRIFT = 15;

// Further starts, in log-parameter offsets from the data's scale, tried only when the first does not
// reach an interior maximum: a flat or multimodal likelihood can stall one start and not another.
const RESTARTS = [2, -2].flatMap((step) => [[step], [step, -step]]);

// A search is stopped once a parameter has drifted this much further than MAX_DRIFT: it has run off,
// and on a likelihood that keeps improving ever more slowly it would otherwise wander for hundreds
// of steps (PARETONBD_PARAMS took 19 s on 63,434 customers so, issue 20). The margin lets parameters
// that run off together all pass MAX_DRIFT before the search stops, so the verdict names them all.
const ESCAPE = MAX_DRIFT + 5;

// A search that has not converged after this many evaluations is stuck, not slow: healthy fits take a
// few hundred at most, while one creeping along a wall of the parameters (Pareto/NBD's) backtracked
// 13,885 times in 500 steps on 100,000 customers. The next start is tried instead.
const SEARCH_EVALUATIONS = 1000;

// The refinement on the data after a pilot search starts near the optimum with the pilot's curvature:
// a few steps, each one pass over the distinct rows. It may not take more passes than this.
const REFINE_EVALUATIONS = 60;

/**
 * The boundaries the models' limits name (report/words.ts says each in every language): purchase
 * rates alike or without limit apart, dropout alike, absent or right after a purchase (BG/NBD,
 * MBG/NBD), mean order values alike or without limit apart, one order value per customer (Gamma-Gamma).
 */
export type LimitKey =
  | "sameRate"
  | "ratesApart"
  | "sameDropout"
  | "noDropout"
  | "quickDropout"
  | "sameMean"
  | "meansApart"
  | "oneValue";

/** A boundary of a model's parameters in plain words: when every one of `when` ran off ("a+", "b-"). */
export interface Limit {
  when: readonly string[];
  key: LimitKey;
  say: string;
}

/** The limits that match `runaway` (each parameter used once), and the parameters left over. */
export function matchLimits(
  runaway: string[],
  limits: readonly Limit[],
): { matched: Limit[]; others: string[] } {
  const left = new Set(runaway);
  const matched: Limit[] = [];
  for (const limit of limits) {
    if (!limit.when.every((r) => left.has(r))) continue;
    matched.push(limit);
    for (const r of limit.when) left.delete(r);
  }
  return { matched, others: [...left] };
}

/** {@link matchLimits} as an error carries it. */
function boundaryOf(runaway: string[], limits: readonly Limit[]): Boundary {
  return { limits: matchLimits(runaway, limits).matched.map((limit) => limit.key), runaway };
}

/**
 * Explains a runaway in the plain words of the first limits that match (each parameter used once),
 * the rest by name: "— the model has no best fit: every customer seems to …; the likelihood keeps improving …"
 * (a dash, not a verb, after the argument's name: "frequency" and "dates" both read right).
 */
export function describeLimits(runaway: string[], limits: readonly Limit[]): string {
  const { matched, others } = matchLimits(runaway, limits);
  const phrases = matched.map((limit) => limit.say);
  for (const r of others)
    phrases.push(`${r.slice(0, -1)} ${r.endsWith("+") ? "grows without bound" : "shrinks toward 0"}`);
  return `— the model has no best fit: ${phrases.join("; ")}; the likelihood keeps improving toward that limit, so there is no estimate to report (more customers or a longer history may give one)`;
}

/**
 * The pilot's best point carried to the data. A runaway on the pilot is reported when the data's
 * likelihood, too, improves as the parameters that ran off go on (one evaluation); otherwise the
 * point is refined on the data from there, with the pilot's curvature, in at most
 * REFINE_EVALUATIONS evaluations — converged when the gradient is within a numeric gradient's
 * rounding (1e-6 of the value) by then.
 */
function refine<P>(
  model: LogLikelihoodModel<P>,
  start: readonly number[],
  pilot: Minimum,
  options: MinimizeOptions,
): Minimum | undefined {
  const drift = pilot.x.map((xi, i) => xi - start[i]);
  if (drift.some((d) => Math.abs(d) >= MAX_DRIFT)) {
    // With a numeric gradient (2n evaluations) the refinement below decides instead.
    const gradient = new Array<number>(start.length).fill(0);
    const value = model.analyticGradient ? model.negLogLikelihood(pilot.x, gradient) : Number.NaN;
    // The slope of −ln L with every parameter that ran off moving on together, the way it went.
    const slope = drift.reduce(
      (sum, d, i) => (Math.abs(d) < MAX_DRIFT ? sum : sum + gradient[i] * Math.sign(d)),
      0,
    );
    if (Number.isFinite(value) && slope < 0) return { ...pilot, value, gradient };
  }
  try {
    const refined = minimize(model.negLogLikelihood, pilot.x, {
      ...options,
      inverseHessian: pilot.inverseHessian,
      maxEvaluations: REFINE_EVALUATIONS,
    });
    return refined.converged || !nearlyFlat(refined.gradient, refined.value)
      ? refined
      : { ...refined, converged: true };
  } catch {
    return undefined;
  }
}

/** Fits a model by maximum likelihood over its log-parameters. */
export function fitMaximumLikelihood<P>(model: LogLikelihoodModel<P>): Fit<P> {
  const start = model.start.map((value) => Math.log(value));
  const runawayOf = (minimum: Minimum) =>
    model.names.flatMap((name, i) => {
      const drift = minimum.x[i] - start[i];
      return Math.abs(drift) < MAX_DRIFT ? [] : [`${name}${drift > 0 ? "+" : "-"}`];
    });
  const options = {
    analyticGradient: model.analyticGradient,
    maxEvaluations: SEARCH_EVALUATIONS,
    runaway: (x: readonly number[]) => x.some((xi, i) => Math.abs(xi - start[i]) > ESCAPE),
  };
  let best: Minimum | undefined;
  for (const offsets of [[0], ...RESTARTS]) {
    const from = start.map((x, i) => x + offsets[i % offsets.length]);
    let minimum: Minimum;
    try {
      minimum = minimize(model.pilot ?? model.negLogLikelihood, from, options);
    } catch {
      continue; // the likelihood is not finite at this start
    }
    if (!best || minimum.value < best.value) best = minimum;
    if (best.converged && runawayOf(best).length === 0) break;
  }
  if (best && model.pilot) best = refine(model, start, best, options);
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
        (model.limits && describeLimits(runaway, model.limits)) ??
        `cannot determine ${names.join(", ")}: the likelihood keeps improving as ${ways.join(" and ")} — the data do not identify the model`,
      "no-maximum",
      model.limits && boundaryOf(runaway, model.limits),
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
