/**
 * Spend whose channel matches no cohort channel, on the LTV-CAC sheet under the totals and counted in
 * the blended CAC: typed over there, LibreOffice (headless, recalculating .xlsx on load) moves the
 * All cohorts CAC and Summary's with it. One case: LibreOffice takes ~20 s to start on a shared machine.
 */
import type ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { built, recalculatedCopy, result } from "../helpers/libreoffice";
import { sheetOf } from "./cli-helpers";

/** The row (1-based) whose column A holds `text`. */
function rowOf(sheet: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === text) return r;
  throw new Error(`no row ${text}`);
}

const TRANSACTIONS = `Customer ID,Order date,Amount,Channel
A,2024-01-05,100,Search
B,2024-01-20,40,Social
E,2024-01-21,10,Search
C,2024-02-03,60,Search
A,2024-02-10,50,Search
D,2024-02-10,25,Social
B,2024-03-15,30,Social
`;
// "search " and "SEARCH" are Search; "Facebook Ads" is no channel of the data.
const SPEND =
  "Month,Channel,Spend\n2024-01-01,search ,90\n2024-01-01,Facebook Ads,30\n2024-02-01,SEARCH,80\n2024-02-01,Facebook Ads,20\n";

it("counts unmatched spend in the blended CAC, and moves it with spend typed there, recalculated by LibreOffice", async () => {
  const book = await built("unmatched", TRANSACTIONS, SPEND);
  const ltvCac = sheetOf(book, "LTV-CAC");
  const summary = sheetOf(book, "Summary");
  const all = rowOf(ltvCac, "All cohorts");
  const facebook = rowOf(ltvCac, "Facebook Ads");
  const blended = rowOf(summary, "Blended CAC");
  // (90 + 80 matched + 50 unmatched) / 5 new customers of the months with spend.
  expect(result(ltvCac, `E${all}`)).toBeCloseTo(44, 9);
  expect(result(summary, `B${blended}`)).toBeCloseTo(44, 9);
  expect(ltvCac.getCell(`D${facebook}`).value).toBe(50);

  ltvCac.getCell(`D${facebook}`).value = 100;
  const recalculated = await recalculatedCopy(book, "unmatched-edited.xlsx");
  expect(result(sheetOf(recalculated, "LTV-CAC"), `E${all}`)).toBeCloseTo(54, 9);
  expect(result(sheetOf(recalculated, "Summary"), `B${blended}`)).toBeCloseTo(54, 9);
});
