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

/** Groups identical (x, t_x, T) rows, in order of first appearance. */
export function condenseRfm(data: RfmColumns): CondensedRfm {
  const n = data.x.length;
  const rowOf = new Int32Array(n);
  // Keyed by T, then t_x, then x: number keys hash faster than a joined string.
  const index = new Map<number, Map<number, Map<number, number>>>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    let byRecency = index.get(data.T[i]);
    if (!byRecency) {
      byRecency = new Map();
      index.set(data.T[i], byRecency);
    }
    let byFrequency = byRecency.get(data.tx[i]);
    if (!byFrequency) {
      byFrequency = new Map();
      byRecency.set(data.tx[i], byFrequency);
    }
    let row = byFrequency.get(data.x[i]);
    if (row === undefined) {
      row = x.length;
      byFrequency.set(data.x[i], row);
      x.push(data.x[i]);
      tx.push(data.tx[i]);
      T.push(data.T[i]);
      weight.push(0);
    }
    weight[row]++;
    rowOf[i] = row;
  }
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    rowOf,
  };
}
