/**
 * The workbook `npm start` writes, recalculated by another spreadsheet program: spend changed in the
 * LTV-CAC sheet, LibreOffice (headless, told to recalculate .xlsx files on load) recomputes, and
 * Summary's CAC, LTV:CAC and payback read what the LTV-CAC sheet reads. One case: LibreOffice takes
 * ~20 s to start on a shared machine.
 */
import { expect, it } from "vitest";
import { built, recalculatedCopy, result } from "../helpers/libreoffice";
import { PAYBACK_PURCHASES, PAYBACK_SPEND } from "../helpers/payback";
import { SPEND, sheetOf, TRANSACTIONS } from "./cli-helpers";

it("keeps Summary in step with spend typed into LTV-CAC, recalculated by LibreOffice", async () => {
  const book = await built("lo", TRANSACTIONS, SPEND, "--end", "2024-03-31");
  // January's spend 90 → 300: blended CAC = (300 + 80) / (3 + 1 customers of the cohorts with spend) = 95.
  sheetOf(book, "LTV-CAC").getCell("C4").value = 300;
  const recalculated = await recalculatedCopy(book, "lo-edited.xlsx");
  const ltvCac = sheetOf(recalculated, "LTV-CAC");
  const summary = sheetOf(recalculated, "Summary");
  expect(result(ltvCac, "D7")).toBeCloseTo(95, 9);
  expect(summary.getCell("A12").value).toBe("Blended CAC");
  expect(result(summary, "B12")).toBeCloseTo(95, 9);
  expect(result(summary, "B13")).toEqual(result(ltvCac, "J7"));
  expect(result(summary, "B14")).toEqual(result(ltvCac, "K7"));
  // January's own CAC moved too: 300 / 3.
  expect(result(ltvCac, "D4")).toBeCloseTo(100, 9);
});

it("moves the Payback sheet's break-even and median with spend typed into LTV-CAC, recalculated by LibreOffice", async () => {
  const csv = (header: string, rows: (string | number)[][]) =>
    [header, ...rows.map((r) => r.join(","))].join("\n");
  const book = await built(
    "lo-payback",
    csv("Customer,Date,Amount", PAYBACK_PURCHASES),
    csv("Month,Spend", PAYBACK_SPEND),
    "--sheets",
    "payback",
  );
  // January pays back in month 3, February not yet: the median of {3, not yet} is not yet.
  expect(result(sheetOf(book, "Payback"), "D4")).toBe(3);
  expect(result(sheetOf(book, "Payback"), "D10")).toBe("not yet");

  // February's spend 100 → 10: CAC 10, 10 / 10 = 1 in month 0; the median of {3, 0} is 1.5.
  sheetOf(book, "LTV-CAC").getCell("C5").value = 10;
  const payback = sheetOf(await recalculatedCopy(book, "lo-payback-edited.xlsx"), "Payback");
  expect(result(payback, "C5")).toBeCloseTo(10, 9);
  expect([result(payback, "F5"), result(payback, "G5")]).toEqual([1, 1.5]);
  // Break-even 0 (exceljs reads a cached 0 as no result), so the median of {3, 0} is 1.5.
  expect([result(payback, "B10"), result(payback, "C10"), result(payback, "D10")]).toEqual([2, 2, 1.5]);
  expect(result(payback, "D4")).toBe(3);
});
