/**
 * The Forecast check sheet from the command line: `--sheets forecast-check` with `--calibration-end`,
 * on the CDNOW sample, and a calibration end that is no date refused as a wrong command line.
 */
import { join } from "node:path";
import { expect } from "vitest";
import { itWithReferenceData, referencePath } from "../helpers/reference-data";
import { cli, dir, open, sheetOf } from "./cli-helpers";

const SPAWNS = 120_000;
const cdnow = referencePath("cdnow_sample.csv");

itWithReferenceData(
  "writes the Forecast check split at --calibration-end",
  async () => {
    const run = cli(
      cdnow,
      "--sheets",
      "forecast-check",
      "--calibration-end",
      "1997-09-30",
      "--out",
      "fc.xlsx",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const book = await open(join(dir, "fc.xlsx"));
    expect(book.worksheets.map((s) => s.name)).toEqual(["Forecast check"]);
    const sheet = sheetOf(book, "Forecast check");
    expect(sheet.getCell("A2").value).toBe(
      "Fitted on purchases to 1997-09-30, then compared with what the customers first seen by then bought to 1998-06-30.",
    );
    expect(sheet.getCell("A5").value).toBe("Repeat purchases in calibration");
  },
  SPAWNS,
);

itWithReferenceData(
  "refuses a --calibration-end that is no date",
  () => {
    const run = cli(cdnow, "--sheets", "forecast-check", "--calibration-end", "1997-13-01");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --calibration-end is "1997-13-01" — expected a date/);
  },
  SPAWNS,
);
