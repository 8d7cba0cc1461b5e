import { expect } from "vitest";
import { rfmSummary } from "../../src/core/cohorts/rfm";
import type { Transactions } from "../../src/core/cohorts/transactions";
import { DEFAULT_PURCHASE_MODEL } from "../../src/core/forecast/purchase-model";
import type { Language } from "../../src/core/language";
import { forecastClv } from "../../src/core/models/clv";
import { CLV_HORIZON_MONTHS, CLV_MONTHLY_DISCOUNT } from "../../src/core/report/customer-forecast";
import { currencyFormat, type ReportSheet } from "../../src/core/report/model";
import { predictedClvSheet, rowsForecast } from "../../src/core/report/predicted-clv";
import { wordsOf } from "../../src/core/report/words";

/**
 * Report sheets (cells by sheet name) from rows in memory as a database-computed report writes them:
 * split by segment, the same (the predicted value by channel is fitted on one row a customer); unsplit,
 * LTV-CAC has one line saying the prediction was left out instead of the block, and Summary no
 * predicted ratios.
 */
export function withoutPredicted(book: Record<string, unknown[][]>): Record<string, unknown[][]> {
  const w = wordsOf("en");
  const ltvCac = book["LTV-CAC"];
  const top = ltvCac.findIndex(
    (row) => row[0] === w.predictedTitle(true) || row[0] === w.predictedTitle(false),
  );
  expect(top).toBeGreaterThan(0);
  // Split: the chart data's rows are headed "Segment".
  const chart = ltvCac.findIndex((row, i) => i > top && row[0] === w.ltvCacChartData);
  if (ltvCac[chart + 1]?.[0] === w.segment) return book;
  return {
    ...book,
    // The block ends at the blank row before the chart's data, which a database-computed report has too.
    "LTV-CAC": [...ltvCac.slice(0, top + 1), [w.predictedNeedsRows], ...ltvCac.slice(chart - 1)],
    Summary: book.Summary.filter((row) => !String(row[0]).startsWith("Predicted")),
  };
}

/**
 * The Predicted CLV sheet of rows in memory as a database-computed report draws it: MBG/NBD (the
 * Forecast check's back-test needs the rows, so the database path does not choose) and no customer list.
 */
export function databaseClvSheet(
  transactions: Transactions,
  observationEnd: number,
  language?: Language,
): ReportSheet {
  const words = wordsOf(language);
  const rfm = rfmSummary(transactions, { endDay: observationEnd, unit: "week" });
  const options = { horizonMonths: CLV_HORIZON_MONTHS, monthlyDiscountRate: CLV_MONTHLY_DISCOUNT, margin: 1 };
  const reason = words.clvDefaultModel(words.clvInDatabase);
  const forecast = rowsForecast(rfm, forecastClv(rfm, options, DEFAULT_PURCHASE_MODEL), reason, words);
  return predictedClvSheet(
    { words, currencyFormat: currencyFormat("$", words.symbolAfter) },
    { ...forecast, top: [] },
  );
}
