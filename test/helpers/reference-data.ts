/**
 * The public reference data committed under test/fixtures/reference/ (sources in its README), so a
 * fresh clone runs every test with nothing beside it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const referenceDataDir = join(import.meta.dirname, "..", "fixtures", "reference");

export function referencePath(file: string): string {
  return join(referenceDataDir, file);
}

/** The rows of a reference CSV (simple CSV: no quoted commas), header first. */
export function readReferenceCsv(file: string): string[][] {
  return readFileSync(referencePath(file), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
}
