/**
 * Public reference data (real data sets with published results) lives beside the repository, in
 * `../shared/data/` (see its README for each file's source): it is other people's data, so it is
 * read there and never copied in. On a fresh clone with nothing beside it, the suites that need it
 * are skipped, each saying why; CI always has `../shared` beside the checkout.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "vitest";

export const referenceDataDir = resolve(import.meta.dirname, "..", "..", "..", "shared", "data");

/** Whether `../shared/data` is there (checked on the file every reference suite reads). */
export const haveReferenceData = existsSync(join(referenceDataDir, "cdnow_sample.csv"));

export function referencePath(file: string): string {
  return join(referenceDataDir, file);
}

/**
 * The rows of a reference CSV (simple CSV: no quoted commas), header first. Without the data it is
 * one empty header row, so a file's top level may read it; the suites using it are skipped then.
 */
export function readReferenceCsv(file: string): string[][] {
  if (!haveReferenceData) return [[]];
  return readFileSync(referencePath(file), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
}

/**
 * `describe` for a suite that needs the reference data. Without it the suite's body is not run at
 * all (vitest runs a skipped suite's body to collect its tests, and these bodies read and fit the
 * data): one skipped test stands for it, and the reason is printed.
 */
export function describeWithReferenceData(name: string, body: () => void): void {
  if (haveReferenceData) {
    describe(name, body);
    return;
  }
  const reason = `reference data ${referenceDataDir} not found`;
  console.log(`skipped "${name}": ${reason} (put the shared data beside the repository to run it)`);
  describe(name, () => {
    it.skip(reason, () => {});
  });
}

/** `it` for a test that needs the reference data: skipped, with the reason printed, without it. */
export function itWithReferenceData(name: string, fn: () => unknown, timeout?: number): void {
  if (haveReferenceData) {
    it(name, fn, timeout);
    return;
  }
  const reason = `reference data ${referenceDataDir} not found`;
  console.log(`skipped "${name}": ${reason} (put the shared data beside the repository to run it)`);
  it.skip(`${name} (${reason})`, () => {});
}
