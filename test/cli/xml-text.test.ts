/**
 * One character cannot corrupt the workbook (issue 21): text with characters XML does not allow —
 * U+FFFE, U+FFFF, lone surrogates, C0 controls — from a CSV field or an option is written with
 * U+FFFD in their place, and every XML part of the written file parses strictly.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reportWorkbook } from "../../src/cli/xlsx";
import { xmlText } from "../../src/cli/xml-text";
import { sheetContext } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import { runCli } from "../helpers/cli";
import { xmlProblems } from "../helpers/xlsx-xml";

/** Each character XML 1.0 does not allow, as a CSV could bring it. */
const BAD = ["\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u0001", "\u000B", "\u001F", "\u0000"];

describe("xmlText", () => {
  it("replaces each character XML does not allow, and keeps every other", () => {
    for (const bad of BAD) expect(xmlText(`a${bad}b`)).toBe("a\uFFFDb");
    const fine = "tab\tline\nreturn\r 한글 кириллица 😀 \uFFFD \uE000 \u{10FFFF}";
    expect(xmlText(fine)).toBe(fine);
    expect(xmlText("\uDC00\uD800")).toBe("\uFFFD\uFFFD"); // a pair in the wrong order is two lone halves
  });
});

describe("a workbook from hostile text is well-formed", () => {
  it("segments, ids, the currency and the source with bad characters", async () => {
    const rows = [
      ["Customer", "Date", "Amount", "Channel"],
      ...Array.from({ length: 60 }, (_, i) => [
        `C${i % 20}${BAD[i % BAD.length]}`,
        `2024-0${1 + (i % 6)}-1${i % 10}`,
        String(10 + i),
        `Paid${BAD[i % BAD.length]}search ${i % 3}`,
      ]),
    ];
    const { report } = reportFromTable({
      rows,
      spend: null,
      context: sheetContext("en_US"),
      options: { period: "month", currency: "\uFFFE$", source: `orders\uFFFF\uD800.csv` },
    });
    const workbook = reportWorkbook(report);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await xmlProblems(bytes)).toEqual([]);
    // The texts are there, each bad character shown as U+FFFD.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text ?? "")))),
    );
    expect(texts).toContain("orders\uFFFD\uFFFD.csv");
    expect(texts).toContain("\uFFFD$");
  });

  it("through the command line: the file written with U+FFFE parses as XML", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohort-xml-"));
    const lines = Array.from(
      { length: 40 },
      (_, i) => `C${i % 12},2024-0${1 + (i % 5)}-0${1 + (i % 9)},${5 + i},Social\uFFFE${i % 2}`,
    );
    writeFileSync(join(dir, "orders.csv"), `Customer,Date,Amount,Channel\n${lines.join("\n")}\n`);
    const run = runCli(dir, "orders.csv", "--currency", "\uFFFF₩", "--out", "report.xlsx");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await xmlProblems(readFileSync(join(dir, "report.xlsx")))).toEqual([]);
  });
});
