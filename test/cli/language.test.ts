/**
 * `npm start -- … --language ko|ru`: the workbook in Korean or Russian, opened with exceljs — sheet
 * names, headers and the Summary's words; formulas still reach the LTV-CAC sheet by its name; the
 * subscription sample's Subscription (MRR) sheet.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, dir, file, open, SPEND, sheetOf, TRANSACTIONS } from "./cli-helpers";

const transactions = file("language.csv", TRANSACTIONS);
const spend = file("language-spend.csv", SPEND);

async function workbook(name: string, ...options: string[]) {
  const out = join(dir, name);
  const run = cli(transactions, "--spend", spend, "--end", "2024-03-31", ...options, "--out", out);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return open(out);
}

describe("--language", () => {
  it("writes the workbook in Korean", async () => {
    const book = await workbook("ko.xlsx", "--language", "ko");
    expect(book.worksheets.map((s) => s.name)).toEqual(["리텐션", "매출 및 LTV", "LTV-CAC", "요약"]);
    const retention = sheetOf(book, "리텐션");
    expect(retention.getCell("A1").value).toBe("코호트별 리텐션");
    expect(retention.getRow(3).values).toEqual([undefined, "코호트 월", "고객 수", 0, 1, 2]);
    expect(retention.getCell("A4").numFmt).toBe("yyyy. m. d");
    const summary = sheetOf(book, "요약");
    expect(summary.getRow(3).values).toEqual([undefined, "지표", "값", "의미"]);
    expect(summary.getCell("A12").value).toBe("통합 CAC");
    expect(summary.getCell("B12").value).toMatchObject({ formula: "'LTV-CAC'!$D$7", result: 42.5 });
    expect(sheetOf(book, "LTV-CAC").getRow(3).values).toContain("신규 고객");
  });

  it("writes the workbook in Russian, the default of a Russian --locale", async () => {
    const book = await workbook("ru.xlsx", "--locale", "ru_RU", "--currency", "₽");
    expect(book.worksheets.map((s) => s.name)).toEqual(["Удержание", "Выручка и LTV", "LTV-CAC", "Сводка"]);
    const ltvCac = sheetOf(book, "LTV-CAC");
    expect(ltvCac.getRow(3).values).toEqual(
      expect.arrayContaining(["Месяц когорты", "Новые клиенты", "Расходы", "LTV по выручке, 3 месяца"]),
    );
    expect(ltvCac.getCell("C4").numFmt).toBe('#,##0.00 "₽"');
    expect(ltvCac.getCell("A4").numFmt).toBe("dd.mm.yyyy");
    const summary = sheetOf(book, "Сводка");
    expect(summary.getCell("A1").value).toBe("Отчёт LTV по когортам");
    expect(summary.getCell("A12").value).toBe("Общий CAC");
  });

  it("writes the Subscription (MRR) sheet of the subscription sample in Russian", async () => {
    const out = join(dir, "mrr-ru.xlsx");
    const run = cli("--sample", "subscription", "--sheets", "subscription", "--language", "ru", "--out", out);
    expect(run.code).toBe(0);
    const sheet = sheetOf(await open(out), "Подписки (MRR)");
    expect(sheet.getCell("A1").value).toBe("Выручка подписок (MRR)");
    expect(sheet.getRow(3).values).toEqual([undefined, "Показатель", "Значение", "Что означает"]);
    expect(sheet.getCell("A4").value).toBe("MRR сейчас");
    const headers = sheet.getSheetValues().map((row) => (Array.isArray(row) ? row[1] : undefined));
    const movements = sheet.getRow(headers.indexOf("Движение MRR") + 1).values;
    expect(movements).toEqual(
      expect.arrayContaining(["Месяц", "Новый", "Расширение", "Реактивация", "Сокращение", "Отток"]),
    );
    expect(headers).toContain("Месяц когорты");
  });

  it("refuses a language it does not speak", () => {
    const run = cli(transactions, "--language", "de");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--language is "de" — expected en, ko, ru');
  });
});
