/**
 * Exact arithmetic for reference values: a double is a rational m·2^e exactly, so sums, products and
 * quotients of inputs are exact BigInt fractions, and ln is computed in fixed point with 300 bits
 * (atanh series after reducing the argument to [0.75, 1.5]) — independent of Math's functions.
 */

/** A fraction num / den with den > 0. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double. */
export function exact(x: number): Fraction {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const sign = hi >>> 31 ? -1n : 1n;
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (exponent !== 0) mantissa |= 1n << 52n;
  const e = (exponent === 0 ? 1 : exponent) - 1075;
  return e >= 0
    ? { num: sign * (mantissa << BigInt(e)), den: 1n }
    : { num: sign * mantissa, den: 1n << BigInt(-e) };
}

export const add = (p: Fraction, q: Fraction): Fraction => ({
  num: p.num * q.den + q.num * p.den,
  den: p.den * q.den,
});
export const sub = (p: Fraction, q: Fraction): Fraction => add(p, { num: -q.num, den: q.den });
export const mul = (p: Fraction, q: Fraction): Fraction => ({ num: p.num * q.num, den: p.den * q.den });
export const div = (p: Fraction, q: Fraction): Fraction =>
  q.num < 0n ? { num: -p.num * q.den, den: -q.num * p.den } : { num: p.num * q.den, den: q.num * p.den };

const BITS = 300n;
const ONE = 1n << BITS;

/** atanh(n/d)·2^BITS for |n/d| ≤ 1/3. */
function atanh(n: bigint, d: bigint): bigint {
  let power = (n << BITS) / d; // (n/d)^(2k+1)
  const square = ((n * n) << BITS) / (d * d);
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = (power * square) / ONE; // truncates toward 0, so a negative power reaches 0 too
  }
  return sum;
}

const LN2 = 2n * atanh(1n, 3n);

/** ln(n) · 2^BITS for a positive integer n. */
function lnInteger(n: bigint): bigint {
  let k = BigInt(n.toString(2).length) - 1n; // n = 2^k · f, f in [1, 2)
  const top = n;
  let bottom = 1n << k;
  if (3n * top > 4n * bottom) {
    // f in [4/3, 2): use f / 2 in [2/3, 1) so that (f − 1)/(f + 1) stays within 1/5
    k += 1n;
    bottom <<= 1n;
  }
  return k * LN2 + 2n * atanh(top - bottom, top + bottom);
}

/** ln(p) as a Fraction over 2^300 (absolute error about 1e-88), for p > 0. */
export function ln(p: Fraction): Fraction {
  if (p.num <= 0n) throw new RangeError("ln of a non-positive number");
  return { num: lnInteger(p.num) - lnInteger(p.den), den: ONE };
}

/** |x − p| / |p| as a double, exactly computed before the final rounding. */
export function relativeError(x: number, p: Fraction): number {
  const difference = sub(exact(x), p);
  const magnitude = (v: bigint) => (v < 0n ? -v : v);
  const scaled = (magnitude(difference.num) * p.den * 10n ** 30n) / (difference.den * magnitude(p.num));
  return Number(scaled) / 1e30;
}
