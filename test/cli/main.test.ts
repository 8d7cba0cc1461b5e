/**
 * The command line end to end: spawned as a user runs it, writing into a temporary folder; the
 * workbook is opened with exceljs and checked sheet by sheet.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { describeWithReferenceData, referencePath } from "../helpers/reference-data";

const dir = mkdtempSync(join(tmpdir(), "cohort-cli-"));
const cli = (...args: string[]) => runCli(dir, ...args);

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Conditional formats as exceljs reads them back (not in its type declarations). */
function rulesOf(sheet: ExcelJS.Worksheet) {
  const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
    .conditionalFormattings;
  return formats.flatMap((f) => f.rules.map((rule) => ({ ref: f.ref, ...rule })));
}

// The hand-worked case of test/core/report/build.test.ts, as a semicolon CSV with a BOM and quotes.
const TRANSACTIONS = `\ufeffCustomer ID;Order date;Amount;Channel
A;2024-01-05;100;Search
"=IMPORTXML(""http://x"")";2024-01-07;10;Search
B;2024-01-20;40;Social
C;2024-02-03;60;Search
C;2024-02-04;-10;Search
A;2024-02-10;50;Search
D;2024-03-10;25;Social
B;2024-03-15;30;Social
`;
const SPEND = "Month,Spend\n2024-01-01,90\n2024-02-01,80\n";

describe("npm start -- transactions.csv", () => {
  let book: ExcelJS.Workbook;
  let run: ReturnType<typeof cli>;

  beforeAll(async () => {
    const out = join(dir, "small.xlsx");
    run = cli(
      file("small.csv", TRANSACTIONS),
      "--spend",
      file("spend.csv", SPEND),
      "--margin",
      "50%",
      "--end",
      "2024-03-31",
      "--no-split",
      "--out",
      out,
    );
    book = await open(out);
  });

  it("prints the everyday metrics and where the workbook went", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Customers            5");
    expect(run.stdout).toMatch(/Average order value +\$43\.57/);
    expect(run.stdout).toMatch(/Repeat rate +40\.0%/);
    expect(run.stdout).toMatch(/Blended CAC +\$42\.50/);
    expect(run.stdout).toContain("small.xlsx: Retention, Revenue & LTV, LTV-CAC, Summary.");
  });

  it("writes the four sheets with values, formats and frozen headers", () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]);
    const retention = sheetOf(book, "Retention");
    expect(retention.getCell("A4").value).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(retention.getCell("B4").value).toBe(3);
    expect(retention.getCell("D4").value).toBeCloseTo(1 / 3, 12);
    expect(retention.getCell("D4").numFmt).toBe("0.0%");
    expect(retention.views[0]).toMatchObject({ state: "frozen", ySplit: 3, xSplit: 2 });
    expect(rulesOf(retention).map((r) => r.type)).toEqual(["colorScale", "colorScale"]);
    const revenue = sheetOf(book, "Revenue & LTV");
    expect(revenue.getCell("B4").value).toBe(150);
    expect(revenue.getCell("B4").numFmt).toBe('"$"#,##0.00');
  });

  it("writes live LTV:CAC formulas with cached values, editable spend and the 3:1 rule", () => {
    const sheet = sheetOf(book, "LTV-CAC");
    expect(sheet.getCell("C4").value).toBe(90);
    expect(sheet.getCell("C4").fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(sheet.getCell("D4").value).toEqual({ formula: 'IF(OR(C4="",B4=0),"",C4/B4)', result: 30 });
    const ratio = sheet.getCell("H4").value as ExcelJS.CellFormulaValue;
    expect(ratio.formula).toBe('IF(OR(E4="",D4="",D4=0),"",E4/D4)');
    expect(ratio.result).toBeCloseTo(115 / 90, 9);
    expect(sheet.getCell("H4").numFmt).toBe('0.00"x"');
    expect(sheet.getCell("K4").value).toMatchObject({ result: 1 });
    expect(rulesOf(sheet)).toEqual([
      expect.objectContaining({ ref: "H4:J7", type: "expression", formulae: ["AND(ISNUMBER(H4),H4<3)"] }),
      expect.objectContaining({ ref: "H4:J7", type: "expression", formulae: ["AND(ISNUMBER(H4),H4>=3)"] }),
    ]);
  });

  it("keeps an id or segment that looks like a formula as text", async () => {
    const split = join(dir, "split.xlsx");
    expect(cli(join(dir, "small.csv"), "--out", split).code).toBe(0);
    const retention = sheetOf(await open(split), "Retention");
    const texts: string[] = [];
    retention.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula)
          throw new Error(`formula in Retention at ${cell.address}`);
        if (typeof cell.value === "string") texts.push(cell.value);
      });
    });
    expect(texts).toContain("Search");
  });
});

/** Text as Russian Excel saves it: CP1251 (ASCII as is; А–я at 0xC0–0xFF). */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => (ch >= "А" && ch <= "я" ? ch.charCodeAt(0) - 0x350 : ch.charCodeAt(0))),
  );
}

describe("npm start -- a Russian Excel export", () => {
  it("reads CP1251, semicolons, decimal commas and day-first dates", async () => {
    const csv =
      "ID клиента;Дата;Сумма;Канал\r\n00004;14.03.2024;1 234,50;Контекст\r\n00004;02.04.2024;100,25;Контекст\r\n";
    const out = join(dir, "ru.xlsx");
    const run = cli(file("ru.csv", cp1251(csv)), "--currency", "₽", "--out", out);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("windows-1251");
    expect(run.stdout).toMatch(/Revenue +₽1,334\.75/);
    const retention = sheetOf(await open(out), "Retention");
    expect(retention.getCell("A4").value).toEqual(new Date(Date.UTC(2024, 2, 1)));
    expect(retention.getCell("B4").value).toBe("Контекст");
  });
});

describe("npm start (the built-in sample)", () => {
  it("builds the full report of the seeded sample and prints the summary", async () => {
    const out = join(dir, "out", "report.xlsx");
    const run = cli();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const label of [
      "Customers",
      "Orders",
      "Revenue",
      "Average order value",
      "Purchase frequency",
      "Repeat rate",
      "Monthly churn",
      "LTV, 12 months",
      "Blended CAC",
      "LTV:CAC, 12 months",
      "Payback",
    ]) {
      expect(run.stdout).toContain(label);
    }
    const book = await open(out);
    const sheet = sheetOf(book, "LTV-CAC");
    expect(sheet.getCell("B3").value).toBe("Segment");
    expect(String(sheet.getCell("A2").value)).toContain("Spend comes from the spend table");
  });
});

describe("npm start -- --sheets customers", () => {
  it("writes the Customers sheet of the sample: segment summary, customers under a filter", async () => {
    const out = join(dir, "customers.xlsx");
    const run = cli("--sheets", "customers", "--out", out);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const book = await open(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Customers"]);
    const sheet = sheetOf(book, "Customers");
    expect(sheet.getCell("A7").value).toBe("Champions");
    expect(sheet.getCell("A18").value).toBe("Total");
    expect(sheet.getCell("B20").value).toBe("Segment");
    expect(sheet.autoFilter).toBe(`A20:J${20 + Number(sheet.getCell("B18").value)}`);
    expect(sheet.getCell("G21").value).toBeInstanceOf(Date);
  });
});

describe("bad input", () => {
  it.each([
    [
      "a date that is not a date",
      "Customer ID,Order date,Amount\nA,2024-01-05,100\nB,2024-13-01,40\n",
      /^error: .*bad\.csv, line 3: Transactions: date column "Order date" is "2024-13-01" — expected a date such as 2024-03-14\n$/,
    ],
    [
      "an amount that is not a number",
      "Customer ID,Date,Amount\nA,2024-01-05,abc\n",
      /line 2: Transactions: amount column "Amount" is "abc" — expected a number/,
    ],
    ["no date column", "Customer,Note\nA,x\n", /no date column: the headers are "Customer", "Note"/],
    ["an unclosed quote", 'id,date,amount\n1,"2024-01-05,3\n', /line 2: a quoted field is never closed/],
  ])("%s: one clear line and exit code 1", (_, text, message) => {
    const run = cli(file("bad.csv", text));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("--help prints the usage", () => {
    const run = cli("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:\n {2}npm start /);
  });

  it("a missing file and a wrong option", () => {
    expect(cli("nope.csv").stderr).toBe("error: nope.csv: can't read it: no such file or folder (ENOENT)\n");
    const run = cli("--period", "year");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --period is "year" — expected week, month or quarter\n\nUsage:/);
  });
});

describeWithReferenceData("npm start -- cdnow_sample.csv", () => {
  it("reads the real export and its matrices add up", async () => {
    const out = join(dir, "cdnow.xlsx");
    const run = cli(referencePath("cdnow_sample.csv"), "--period", "quarter", "--out", out);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/Customers +2,357\n/);
    expect(run.stdout).toMatch(/Orders +6,919\n/);
    expect(run.stdout).toMatch(/LTV, 12 quarters +— \(needs 12 complete quarters\)/);
    const lines = readFileSync(referencePath("cdnow_sample.csv"), "utf8").trim().split("\n").slice(1);
    const total = lines.reduce((sum, line) => sum + Number(line.split(",")[3]), 0);
    const revenue = sheetOf(await open(out), "Revenue & LTV");
    // Every CDNOW customer's first purchase is in Q1 1997: one cohort, quarters 0 … 5.
    expect(revenue.getCell("A4").value).toEqual(new Date(Date.UTC(1997, 0, 1)));
    let sum = 0;
    for (let column = 2; column <= 7; column++) sum += Number(revenue.getCell(4, column).value);
    expect(sum).toBeCloseTo(total, 6);
  });
});
