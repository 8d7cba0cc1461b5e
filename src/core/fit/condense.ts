/**
 * Customers with the same (frequency, recency, T) contribute the same likelihood term, so the models
 * evaluate each distinct row once, weighted by how many customers share it: a million customers
 * observed in days become a few hundred thousand rows, and a cohort observed in weeks far fewer.
 */

/** Frequency x (repeat purchases), recency t_x (age at the last purchase) and age T, per customer. */
export interface RfmColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Customers each row stands for (a summary computed in a database, core/sql); @default 1 each. */
  weight?: ArrayLike<number>;
}

export interface CondensedRfm {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers sharing each row. */
  weight: Float64Array;
  /** For each input customer, the index of its row. */
  rowOf: Int32Array;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const { ceil, imul, max } = Math;

/** Mixes the two 32-bit halves of a double into a hash (multiply-xorshift steps). */
function mix(hash: number, value: number): number {
  bits[0] = value + 0; // -0 and 0 hash alike
  let h = imul(hash ^ words[0], 0x9e3779b1);
  h = imul(h ^ (h >>> 16) ^ words[1], 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Groups identical (x, t_x, T) rows, in order of first appearance. An open-addressing hash table over
 * typed arrays: a million customers take a few tens of MB, where a Map of keys would take hundreds.
 */
export function condenseRfm(data: RfmColumns): CondensedRfm {
  const n = data.x.length;
  const rowOf = new Int32Array(n);
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i];
    const txi = data.tx[i];
    const Ti = data.T[i];
    const wi = data.weight ? data.weight[i] : 1;
    let slot = mix(mix(mix(0, xi), txi), Ti) & mask;
    for (;;) {
      const row = slots[slot];
      if (row < 0) {
        slots[slot] = rows;
        x[rows] = xi;
        tx[rows] = txi;
        T[rows] = Ti;
        weight[rows] = wi;
        rowOf[i] = rows++;
        break;
      }
      if (x[row] === xi && tx[row] === txi && T[row] === Ti) {
        weight[row] += wi;
        rowOf[i] = row;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return {
    x: x.slice(0, rows),
    tx: tx.slice(0, rows),
    T: T.slice(0, rows),
    weight: weight.slice(0, rows),
    rowOf,
  };
}

/**
 * `column[indexes[k]]` for every k. A plain loop: `Float64Array.from(indexes, (i) => column[i])` goes
 * through the iterator protocol and a call per element, about 20 times slower on 100,000 rows.
 */
export function gather(column: ArrayLike<number>, indexes: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indexes.length);
  for (let k = 0; k < indexes.length; k++) out[k] = column[indexes[k]];
  return out;
}

/** 0, 1, …, n − 1 (a loop, for the reason {@link gather} gives). */
export function positions(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i);
  return out;
}

/**
 * The distinct rows sorted by x, then t_x, then T (without `rowOf`): a fit's sums then run in the same
 * order however the rows came — from customers in memory or from a summary condensed in a database —
 * so both give the same estimates to the last bits.
 */
export function sortedRows(rows: Omit<CondensedRfm, "rowOf">): Omit<CondensedRfm, "rowOf"> {
  const order = rowOrder(rows, positions(rows.x.length));
  const pick = (column: Float64Array) => gather(column, order);
  return { x: pick(rows.x), tx: pick(rows.tx), T: pick(rows.T), weight: pick(rows.weight) };
}

/** Distinct rows above which a fit searches a coarser copy first (mle.ts `pilot`). */
export const PILOT_ROWS = 3000;

// The grid of the coarse copy: t_x and T in 32 steps of the longest T. x is kept: the models' terms
// depend on it most, and it takes few values.
const PILOT_LEVELS = 32;

/**
 * A coarser copy of distinct rows for a pilot search, sorted: t_x and T rounded up to the grid (so
 * t_x ≤ T and T > 0 still hold, and t_x stays 0 with no repeat purchase), rows condensed again; every
 * customer kept, so the likelihood has the data's scale and, near its maximum, its shape. `undefined`
 * when the rows are already few enough to search directly.
 */
export function coarseRows(rows: RfmColumns): Omit<CondensedRfm, "rowOf"> | undefined {
  if (rows.x.length <= PILOT_ROWS) return undefined;
  let longest = 0;
  for (let i = 0; i < rows.T.length; i++) longest = max(longest, rows.T[i]);
  const step = longest / PILOT_LEVELS;
  const up = (v: ArrayLike<number>) => {
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = max(0, ceil(v[i] / step - 1e-9)) * step;
    return out;
  };
  return sortedRows(condenseRfm({ x: rows.x, tx: up(rows.tx), T: up(rows.T), weight: rows.weight }));
}

/** The `indexes` of rows sorted by x, then t_x, then T. */
export function rowOrder(rows: Omit<RfmColumns, "weight">, indexes: number[]): number[] {
  // Typed copies: the comparator runs n log n times, and stays fast on one kind of array.
  const [x, tx, T] = [rows.x, rows.tx, rows.T].map((column) => Float64Array.from(column));
  return indexes.sort((i, j) => x[i] - x[j] || tx[i] - tx[j] || T[i] - T[j]);
}

/**
 * The customers a fit can learn from: one first seen at the very end of observation (T = 0) has
 * likelihood 1 whatever the parameters (nothing could have happened yet), and the models refuse T = 0.
 */
export function observedCustomers(data: RfmColumns): RfmColumns {
  const keep: number[] = [];
  for (let i = 0; i < data.T.length; i++) if (data.T[i] > 0) keep.push(i);
  if (keep.length === data.T.length) return data;
  const { weight } = data;
  return {
    x: gather(data.x, keep),
    tx: gather(data.tx, keep),
    T: gather(data.T, keep),
    ...(weight && { weight: gather(weight, keep) }),
  };
}
