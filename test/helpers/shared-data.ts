/**
 * The public reference data in ../shared/data/ (beside the checkout; CI always has it). Tests that
 * need it use `describeWithSharedData`, which skips them with a plain message when it is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe } from "vitest";

export const sharedDataDir = join(import.meta.dirname, "..", "..", "..", "shared", "data");
export const hasSharedData = existsSync(sharedDataDir);

export function sharedDataPath(file: string): string {
  return join(sharedDataDir, file);
}

/** The rows of a CSV from ../shared/data/ (simple CSV: no quoted commas), header first. */
export function readSharedCsv(file: string): string[][] {
  return readFileSync(sharedDataPath(file), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
}

/** `describe`, skipped with a message saying why when ../shared/data/ is not there. */
export function describeWithSharedData(name: string, body: () => void): void {
  if (!hasSharedData) {
    console.warn(`SKIPPED "${name}": ${sharedDataDir} is missing (it is beside the checkout in CI).`);
  }
  describe.skipIf(!hasSharedData)(name, body);
}
