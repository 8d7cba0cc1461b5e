/**
 * The report in Korean and Russian: every word on the sheets from the words table, the same sheet
 * keys and formulas whatever the language, and number and date formats as the language writes them.
 * The fit notes on the Forecast check and Predicted CLV are in the report's language too (the
 * formulas keep them in English).
 */
import { describe, expect, it } from "vitest";
import { sheetContext } from "../../../src/core/cells";
import type { Language } from "../../../src/core/language";
import { reportFromTable } from "../../../src/core/report/build";
import { currencyFormat, isFormula, type Report } from "../../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../../src/core/sample/generate";

const context = sheetContext("en_US", "UTC");
const sample = generateSample({ customers: 300 });
const rows = purchaseTable(sample);

function built(language: Language, currency = "$") {
  return reportFromTable({
    rows,
    spend: spendTable(sample),
    context,
    options: {
      language,
      currency,
      splitBySegment: true,
      source: "data",
      sheets: [
        "retention",
        "revenue",
        "ltv-cac",
        "summary",
        "predicted-clv",
        "forecast-check",
        "subscription",
      ],
    },
  });
}
const report = (language: Language, currency = "$"): Report => built(language, currency).report;

/** Every text the sheets show that is not the user's data. */
function words(r: Report): Set<string> {
  const data = new Set(rows.flat().map(String));
  const out = new Set<string>();
  for (const sheet of r.sheets) {
    out.add(sheet.name);
    for (const cell of sheet.cells.flat()) if (typeof cell === "string" && !data.has(cell)) out.add(cell);
    for (const note of sheet.notes ?? []) out.add(note.text);
    for (const chart of sheet.charts) out.add(chart.title);
  }
  for (const [name, value] of Object.entries(r.settings)) out.add(name).add(String(value));
  return out;
}

const en = report("en");
// Names, symbols and model names read the same in every language.
const SHARED = new Set([
  "LTV-CAC",
  "CAC",
  "MRR",
  "ARR",
  "ARPA",
  "NRR",
  "GRR",
  "LTV",
  "Quick ratio",
  "BG/NBD",
  "MBG/NBD",
  "Pareto/NBD",
  "Gamma-Gamma",
  "r",
  "a",
  "b",
  "p",
  "q",
  "γ",
  "data",
  "$",
  "0",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7+",
]);

describe("report language", () => {
  it.each([
    ["ko", ["리텐션", "매출 및 LTV", "LTV-CAC", "요약", "예측 CLV", "예측 점검", "구독 (MRR)"], "코호트 월"],
    [
      "ru",
      [
        "Удержание",
        "Выручка и LTV",
        "LTV-CAC",
        "Сводка",
        "Прогноз CLV",
        "Проверка прогноза",
        "Подписки (MRR)",
      ],
      "Месяц когорты",
    ],
  ] as const)("writes %s sheets with no English word left", (language, names, cohort) => {
    const r = report(language);
    expect(r.sheets.map((s) => s.name)).toEqual(names);
    expect(r.sheets.map((s) => s.key)).toEqual(en.sheets.map((s) => s.key));
    expect(r.sheets[0].cells[2][0]).toBe(cohort);
    const english = words(en);
    const left = [...words(r)].filter(
      (w) => english.has(w) && !SHARED.has(w) && !/^\d{4}-\d\d-\d\d$/.test(w),
    );
    expect(left).toEqual([]);
  });

  it("heads the Subscription sheet's tables in Korean", () => {
    const sheet = report("ko").sheets.find((s) => s.key === "subscription");
    const header = (first: string) => sheet?.cells.find((row) => row[0] === first && row.length > 1);
    expect(header("지표")).toEqual(["지표", "값", "의미"]);
    expect(header("월")?.slice(0, 6)).toEqual(["월", "신규", "확장", "재활성화", "축소", "이탈"]);
    expect(header("코호트 월")?.slice(0, 4)).toEqual(["코호트 월", "고객 수", "MRR, 0개월 차", 0]);
  });

  it("keeps formulas and cached numbers, only the words change", () => {
    const ru = report("ru");
    const formulas = (r: Report) =>
      r.sheets
        .flatMap((s) => s.cells.flat().filter(isFormula))
        .map((f) => (typeof f.value === "number" ? f.value : f.formula.length > 0));
    expect(formulas(ru)).toEqual(formulas(en));
    const payback = ru.sheets[2].cells.flat().find((c) => isFormula(c) && c.formula.includes("MATCH"));
    expect(payback !== undefined && isFormula(payback) && payback.formula).toContain('"ещё нет"');
  });

  it("formats money and dates as the language writes them", () => {
    expect(currencyFormat("$")).toBe('"$"#,##0.00');
    expect(currencyFormat("₩")).toBe('"₩"#,##0');
    expect(currencyFormat("₽", true)).toBe('#,##0.00 "₽"');
    const styles = (r: Report) => r.sheets.flatMap((s) => s.styles.map((x) => x.numberFormat));
    expect(styles(report("ru", "₽"))).toEqual(expect.arrayContaining(['#,##0.00 "₽"', "dd.mm.yyyy"]));
    expect(styles(report("ko", "₩"))).toEqual(expect.arrayContaining(['"₩"#,##0', "yyyy. m. d"]));
    expect(styles(en)).toEqual(expect.arrayContaining(['"$"#,##0.00', "yyyy-mm-dd"]));
  });

  it("says a Russian count of periods in the right case", () => {
    const ltvCac = report("ru").sheets[2].cells[2];
    expect(ltvCac).toEqual(
      expect.arrayContaining([
        "LTV по выручке, 3 месяца",
        "LTV по выручке, 6 месяцев",
        "LTV:CAC по выручке, 12 месяцев",
      ]),
    );
  });
});
