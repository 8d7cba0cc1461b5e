/**
 * A split the Forecast check cannot use is said once, in the report's language, naming the control the
 * reader sets the calibration end with: the sidebar's field by default, `--calibration-end` on the
 * command line (the formula names its own argument, calibration_end: test/functions/forecast-check).
 */
import { expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts";
import { reportFromTable } from "../../../src/core/report/build";
import { compareModels } from "../../../src/core/report/forecast-check";
import { wordsOf } from "../../../src/core/report/words";
import { itWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
const context = sheetContext("en_US", "UTC");

itWithReferenceData(
  "names the command line's option, once for the three models, in Korean and Russian too",
  () => {
    const tx = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, context);
    const early = dayNumber(1997, 1, 1);
    const end = dayNumber(1998, 6, 30);
    const en = compareModels(tx, end, early, wordsOf("en"), "--calibration-end");
    expect(en.ranked).toEqual([]);
    expect(en.failures).toHaveLength(1);
    expect(en.failures[0]).toMatch(
      /^none of the [\d,]+ customers first seen by the calibration end 1997-01-01 bought again by then, so the models cannot be fitted; set --calibration-end to a later date\.$/,
    );
    const ko = compareModels(tx, end, early, wordsOf("ko"), "--calibration-end");
    expect(ko.failures[0]).toContain("--calibration-end에 더 늦은 날짜를 넣으세요");
    expect(ko.failures[0]).not.toContain("calibration_end");
    const ru = compareModels(tx, end, early, wordsOf("ru"));
    expect(ru.failures[0]).toContain("укажите более позднюю дату: поле «Прогнозы: подбирать по покупкам до»");
  },
);

itWithReferenceData(
  "the report's Forecast check names the sidebar's field by default, and the option when the command line sets it",
  () => {
    const sentence = (calibrationControl?: string) => {
      const { report } = reportFromTable({
        rows: [header, ...rows],
        spend: null,
        context,
        options: { sheets: ["forecast-check"], calibrationEnd: dayNumber(1997, 1, 1), calibrationControl },
      });
      return report.sheets[0].cells[2][0] as string;
    };
    expect(sentence()).toContain('set the "Forecasts: fit on purchases up to" date to a later date.');
    expect(sentence("--calibration-end")).toContain("set --calibration-end to a later date.");
    expect(sentence()).toMatch(/^The models could not be checked on these transactions: none of the/);
  },
);

it("says in the report's language why the models could not be fitted, without the formula's argument names", () => {
  const text = (language: "en" | "ko" | "ru") => {
    const { report } = reportFromTable({
      rows: [
        ["customer", "date", "amount"],
        ["a", "2024-01-01", "10"],
        ["b", "2024-02-01", "20"],
        ["c", "2024-03-01", "30"],
      ],
      spend: null,
      context,
      options: { sheets: ["predicted-clv"], language },
    });
    return report.sheets[0].cells.flat().join(" ");
  };
  expect(text("en")).toContain(
    "nobody made a repeat purchase, so the purchase and spend models have nothing to learn from",
  );
  expect(text("ko")).toContain("재구매한 고객이 없어 구매·지출 모델이 배울 것이 없습니다");
  expect(text("ru")).toContain("никто не купил повторно");
  for (const language of ["ko", "ru"] as const) expect(text(language)).not.toMatch(/frequency|nobody/);
});
