/**
 * Errors the metric formulas raise about their inputs. The formula layer adds the function name and
 * the cell; a zero denominator is its own kind because a range call turns it into a blank cell.
 */

export class MetricError extends Error {
  constructor(
    readonly arg: string,
    readonly detail: string,
  ) {
    super(`${arg} ${detail}`);
    this.name = "MetricError";
  }
}

/** A denominator of zero: undefined in a single call, a blank cell inside a range. */
export class ZeroDenominatorError extends MetricError {
  override name = "ZeroDenominatorError";
}

/** Divides, raising a {@link ZeroDenominatorError} that names the denominator and why it matters. */
export function ratio(numerator: number, denominator: number, arg: string, why: string): number {
  if (denominator === 0) throw new ZeroDenominatorError(arg, `is 0 — ${why}`);
  return numerator / denominator;
}
