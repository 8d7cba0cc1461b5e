/**
 * What a BigQuery query costs: the bytes it scans. On-demand pricing bills $6.25 per TiB scanned
 * (the first TiB each month is free), at least 10 MB per query; prices vary by region and capacity
 * (slot) pricing bills otherwise. Source: https://cloud.google.com/bigquery/pricing
 */

/** US on-demand price per TiB (2^40 bytes) scanned. */
export const USD_PER_TIB = 6.25;

/** BigQuery bills at least this much per query. */
export const MIN_BILLED_BYTES = 10 * 2 ** 20;

/** Bytes in binary units as BigQuery bills them: `950 B`, `12.3 MiB`, `3.2 GiB`. */
export function bytesText(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The on-demand price, in US dollars, of queries scanning these bytes each (minimum billing included). */
export function onDemandUsd(bytesPerQuery: readonly number[]): number {
  const billed = bytesPerQuery.reduce((sum, bytes) => sum + Math.max(bytes, MIN_BILLED_BYTES), 0);
  return (billed / 2 ** 40) * USD_PER_TIB;
}
