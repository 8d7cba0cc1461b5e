/**
 * Errors the metric formulas raise about their inputs, and the arithmetic that keeps their results
 * finite and exact to a few units in the last place. The formula layer adds the function name and the
 * cell; a zero denominator is its own kind because a range call turns it into a blank cell.
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

const { abs, exp, log } = Math;
const MIN_NORMAL = 2 ** -1022;

/**
 * ∏ top / ∏ bottom with no overflow or underflow on the way unless the result itself has one: when a
 * partial result leaves the normal range it is taken through logarithms instead (relative error under
 * 1e-12 even there: at most 745 · 2⁻⁵² per logarithm). Factors are finite; a zero in `bottom` is the
 * caller's to rule out.
 */
export function quotient(top: readonly number[], bottom: readonly number[] = []): number {
  if (top.includes(0)) return 0;
  let value = 1;
  let normal = true;
  const step = (next: number) => {
    value = next;
    normal &&= abs(value) >= MIN_NORMAL && abs(value) <= Number.MAX_VALUE;
  };
  for (const f of top) step(value * f);
  for (const f of bottom) step(value / f);
  if (normal) return value;
  let lnValue = 0;
  let sign = 1;
  for (const f of top) {
    lnValue += log(abs(f));
    if (f < 0) sign = -sign;
  }
  for (const f of bottom) {
    lnValue -= log(abs(f));
    if (f < 0) sign = -sign;
  }
  return sign * exp(lnValue);
}

/**
 * `value`, or an error naming the inputs when it overflowed: a result beyond ±1.8e308 has no number
 * in a spreadsheet. `arg` is the argument the message starts with, `expression` the rest of it.
 */
export function finite(value: number, arg: string, expression: string): number {
  if (Number.isFinite(value)) return value;
  throw new MetricError(
    arg,
    `${expression} is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds`,
  );
}

/** Divides, raising a {@link ZeroDenominatorError} that names the denominator and why it matters. */
export function ratio(
  numerator: number,
  denominator: number,
  [top, arg]: readonly [string, string],
  why: string,
): number {
  if (denominator === 0) throw new ZeroDenominatorError(arg, `is 0 — ${why}`);
  return finite(numerator / denominator, top, `(${numerator}) / ${arg} (${denominator})`);
}
