/**
 * The command line's workbook in Korean or Russian has no English left (its console output is
 * English by design; the workbook follows `--language`): every text cell of the workbook, from the
 * rows in memory with too few customers to fit well, from DuckDB, and from a GA4 export, holds only
 * the user's data and the tokens of test/helpers/latin.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { dayNumber } from "../../src/core/cells";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { runCli } from "../helpers/cli";
import { testDuckDb } from "../helpers/duckdb";
import { generateGa4Sample, writeGa4Parquet } from "../helpers/ga4-sample";
import { latinLeft } from "../helpers/latin";

const dir = mkdtempSync(join(tmpdir(), "cohort-words-"));
const csv = (rows: readonly string[][]) => `${rows.map((row) => row.join(",")).join("\n")}\n`;

const few = generateSample({ customers: 30, seed: 3 });
const fewRows = purchaseTable(few);
const fewSpend = spendTable(few);
writeFileSync(join(dir, "few.csv"), csv(fewRows));
writeFileSync(join(dir, "few-spend.csv"), csv(fewSpend));

const duck = testDuckDb("cohort-words-");
const ga4 = generateGa4Sample(dayNumber(2024, 1, 1), 120, 300, 7, {
  lastClickFrom: dayNumber(2024, 2, 10),
  channelGroupFrom: dayNumber(2024, 3, 11),
});
const ga4Folder = join(dir, "analytics_123456");
beforeAll(async () => {
  mkdirSync(ga4Folder);
  await writeGa4Parquet(duck.db, ga4, ga4Folder);
}, 120_000);

const SHEETS = "retention,revenue,ltv-cac,summary,predicted-clv,payback";

/** Every text cell of the workbook, with its sheet names. */
async function texts(path: string): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const out: string[] = [];
  for (const sheet of book.worksheets) {
    out.push(sheet.name);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") out.push(cell.value);
        else if (cell.value && typeof cell.value === "object" && "richText" in cell.value)
          out.push(cell.value.richText.map((r) => r.text).join(""));
        if (typeof cell.note === "string") out.push(cell.note);
      }),
    );
  }
  return out;
}

/** Builds the workbook and returns the English it has left beside the `data`'s own words. */
async function english(name: string, data: Set<string>, ...args: string[]): Promise<string[]> {
  const out = `${name}.xlsx`;
  const run = runCli(dir, ...args, "--out", out);
  expect([run.stderr, run.code]).toEqual(["", 0]);
  return (await texts(join(dir, out))).flatMap((text) => latinLeft(text, data));
}

const words = (rows: readonly string[][]) => new Set(rows.flat());

describe.each(["ko", "ru"])("the workbook in %s", (language) => {
  it.each(["js", "duckdb"])("has no English from too few customers, computed by %s", async (engine) => {
    const data = words([...fewRows, ...fewSpend]);
    const left = await english(
      `few-${language}-${engine}`,
      data,
      "few.csv",
      "--spend",
      "few-spend.csv",
      "--sheets",
      engine === "js" ? `${SHEETS},forecast-check,customers` : SHEETS,
      "--engine",
      engine,
      "--language",
      language,
    );
    expect(left).toEqual([]);
  });

  it("has no English from a GA4 export", async () => {
    const data = words(ga4.flat);
    data.add("Unassigned").add(ga4Folder);
    const left = await english(`ga4-${language}`, data, "--ga4", ga4Folder, "--language", language);
    expect(left).toEqual([]);
  });
});
