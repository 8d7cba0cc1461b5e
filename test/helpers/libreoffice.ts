/** The workbook `npm start` writes, opened, saved with edits, and recalculated by LibreOffice. */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type ExcelJS from "exceljs";
import { expect } from "vitest";
import { cli, dir, file, open } from "../cli/cli-helpers";

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

export const result = (sheet: ExcelJS.Worksheet, address: string) =>
  (sheet.getCell(address).value as ExcelJS.CellFormulaValue).result;

/** The workbook `npm start` writes from the transactions and spend CSV texts, with further options. */
export async function built(name: string, transactions: string, spend: string, ...options: string[]) {
  const written = join(dir, `${name}.xlsx`);
  const run = cli(
    file(`${name}.csv`, transactions),
    "--spend",
    file(`${name}-spend.csv`, spend),
    ...options,
    "--out",
    written,
  );
  expect(run.code).toBe(0);
  return open(written);
}

/** The workbook saved as `name`, opened and recalculated by LibreOffice, and read back. */
export async function recalculatedCopy(book: ExcelJS.Workbook, name: string): Promise<ExcelJS.Workbook> {
  const edited = join(dir, name);
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
    { encoding: "utf8", timeout: 600_000 },
  );
  expect(lo.status, lo.stderr).toBe(0);
  return open(join(out, name));
}
