/**
 * The workbook `npm start` writes, recalculated by another spreadsheet program: spend changed in the
 * LTV-CAC sheet, LibreOffice (headless, told to recalculate .xlsx files on load) recomputes, and
 * Summary's CAC, LTV:CAC and payback read what the LTV-CAC sheet reads. One case: LibreOffice takes
 * ~20 s to start on a shared machine.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { cli, dir, file, open, SPEND, sheetOf, TRANSACTIONS } from "./cli-helpers";

/** A LibreOffice user profile whose only setting is "recalculate Excel 2007+ files: always". */
function recalculatingProfile(): string {
  const profile = join(dir, "lo-profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(
    join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return pathToFileURL(profile).href;
}

const result = (sheet: ExcelJS.Worksheet, address: string) =>
  (sheet.getCell(address).value as ExcelJS.CellFormulaValue).result;

it("keeps Summary in step with spend typed into LTV-CAC, recalculated by LibreOffice", async () => {
  const written = join(dir, "lo.xlsx");
  const run = cli(
    file("lo.csv", TRANSACTIONS),
    "--spend",
    file("lo-spend.csv", SPEND),
    "--end",
    "2024-03-31",
    "--out",
    written,
  );
  expect(run.code).toBe(0);

  // January's spend 90 → 300: blended CAC = (300 + 80) / (3 + 1 customers of the cohorts with spend) = 95.
  const book = await open(written);
  sheetOf(book, "LTV-CAC").getCell("C4").value = 300;
  const edited = join(dir, "lo-edited.xlsx");
  await book.xlsx.writeFile(edited);
  const out = join(dir, "recalculated");
  const lo = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=${recalculatingProfile()}`,
      "--headless",
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      edited,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(lo.status, lo.stderr).toBe(0);

  const recalculated = await open(join(out, "lo-edited.xlsx"));
  const ltvCac = sheetOf(recalculated, "LTV-CAC");
  const summary = sheetOf(recalculated, "Summary");
  expect(result(ltvCac, "D7")).toBeCloseTo(95, 9);
  expect(summary.getCell("A12").value).toBe("Blended CAC");
  expect(result(summary, "B12")).toBeCloseTo(95, 9);
  expect(result(summary, "B13")).toEqual(result(ltvCac, "J7"));
  expect(result(summary, "B14")).toEqual(result(ltvCac, "K7"));
  // January's own CAC moved too: 300 / 3.
  expect(result(ltvCac, "D4")).toBeCloseTo(100, 9);
}, 180_000);
