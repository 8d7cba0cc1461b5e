/** Runs the command line as a user does, in a temporary folder, and opens what it writes. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";

export const root = join(import.meta.dirname, "..", "..");
export const dir = mkdtempSync(join(tmpdir(), "cohort-cli-"));

/** `npm start -- args` in this test's folder. */
export function cli(...args: string[]) {
  return runCli(dir, ...args);
}

export function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export async function open(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

export function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

export const TRANSACTIONS = `Customer ID,Order date,Amount
A,2024-01-05,100
B,2024-01-20,40
E,2024-01-21,10
C,2024-02-03,60
A,2024-02-10,50
D,2024-03-10,25
B,2024-03-15,30
`;
export const SPEND = "Month,Spend\n2024-01-01,90\n2024-02-01,80\n";
