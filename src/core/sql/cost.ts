/**
 * What a BigQuery query costs: the bytes it scans. On-demand pricing bills $6.25 per TiB scanned
 * (the first TiB each month is free), at least 10 MB per query; prices vary by region and capacity
 * (slot) pricing bills otherwise. Source: https://cloud.google.com/bigquery/pricing
 */

/** US on-demand price per TiB (2^40 bytes) scanned. */
export const USD_PER_TIB = 6.25;

/**
 * BigQuery bills at least this much per query, and per table a query reads: 10 MB, which it counts
 * as 10 MiB (a cap under it is refused with "10485760 or higher required").
 */
export const MIN_BILLED_BYTES = 10 * 2 ** 20;

const MIB = 2 ** 20;

/** Growth allowed between a job's dry run and the job itself, seconds apart: a hundredth of the dry run. */
const JOB_GROWTH = 0.01;

/**
 * The `maximumBytesBilled` of a job whose dry run said it scans `dryRunBytes` over `tables` tables:
 * the dry run and a hundredth more, rounded up to the MiB, plus one minimum a table. On-demand
 * "charges are rounded up to the nearest MB, with a minimum 10 MB data processed per table referenced
 * by the query, and with a minimum 10 MB data processed per query"
 * (https://cloud.google.com/bigquery/pricing, "On-demand compute pricing"), so a table of b bytes
 * bills at most b + 10 MiB: a job whose tables have not grown is never refused, and one whose tables
 * grew bills at most 1% and the minimums more than its dry run said.
 */
export function jobBytesCap(dryRunBytes: number, tables = 1): number {
  return Math.ceil((dryRunBytes * (1 + JOB_GROWTH)) / MIB) * MIB + Math.max(1, tables) * MIN_BILLED_BYTES;
}

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

const UNIT_POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

/**
 * Bytes from a size as people write it: `500MB`, `50 GiB`, `1.5TB`, `1048576`. `KiB`, `MiB`… are
 * binary (as BigQuery bills), `KB`, `MB`… decimal; undefined for anything else, zero or a fraction of a byte.
 */
export function parseBytesText(text: string): number | undefined {
  const size = /^(\d+(?:\.\d+)?)\s*(?:([kmgtp])(i?)b?|b)?$/i.exec(text.trim());
  if (!size) return undefined;
  const [, number, prefix, binary] = size;
  const unit = prefix ? (binary ? 1024 : 1000) ** UNIT_POWERS[prefix.toLowerCase()] : 1;
  const bytes = Math.round(Number(number) * unit);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
