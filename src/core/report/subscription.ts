/**
 * The Subscription (MRR) sheet: the headline numbers of a subscription business, the MRR movements
 * month by month with a stacked column chart and the MRR line (MRR_MOVEMENTS' definitions, see
 * core/subscription/mrr.ts), net and gross revenue retention by month and over the trailing twelve
 * months with a line chart, and the cohort net MRR retention heatmap (COHORT_NRR).
 */
import { type DayNumber, MS_PER_DAY } from "../cells";
import { MOVEMENTS, type MrrTable, mrrTable } from "../subscription/mrr";
import { CHURN_MONTHS, subscriptionHeadline } from "../subscription/summary";
import type { ReportData } from "./data";
import { type CellRange, FORMATS, type LiteralValue, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

export interface SubscriptionInput {
  /** Months each transaction covers: one number for all, or one per transaction. @default 1 */
  terms?: number | Int32Array;
  /** Gross margin as a fraction of revenue, for LTV. @default 1 (LTV is revenue) */
  marginRate?: number;
}

const dayDate = (day: DayNumber) => new Date(day * MS_PER_DAY);

/** A column of a month-by-month table: header, value of month m, number format. */
type MonthColumn = [string, (m: number) => number | null, string];

/**
 * A titled table of one row per month, month start first, under a header; returns the range of the
 * header and the rows (a chart's data).
 */
function monthTable(
  sheet: SheetWriter,
  t: MrrTable,
  row: number,
  title: string,
  columns: MonthColumn[],
): CellRange {
  sheet.title(row, title);
  sheet.header(row + 1, 1, ["Month", ...columns.map(([header]) => header)]);
  const top = row + 2;
  for (let m = 0; m < t.months; m++)
    sheet.row(top + m, 1, [dayDate(t.monthStart[m]), ...columns.map(([, value]) => value(m))]);
  sheet.style(range(top, 1, t.months, 1), { numberFormat: FORMATS.date, horizontalAlignment: "left" });
  columns.forEach(([, , format], i) => {
    sheet.style(range(top, 2 + i, t.months, 1), { numberFormat: format });
  });
  return range(row + 1, 1, t.months + 1, columns.length + 1);
}

export function subscriptionSheet(data: ReportData, input: SubscriptionInput = {}): ReportSheet {
  const sheet = new SheetWriter("subscription", data.words.sheets.subscription);
  const t = mrrTable(data.transactions, { terms: input.terms, endDay: data.observationEnd });
  const money = data.currencyFormat;
  const margin = input.marginRate ?? 1;
  sheet.title(
    1,
    "Subscription revenue (MRR)",
    "A payment of A covering n months adds A / n to each of its n calendar months; a customer's MRR in a month is the sum (0 or less: none). Movements follow ChartMogul's definitions.",
  );
  const h = subscriptionHeadline(t, margin);
  if (!h) {
    sheet.set(3, 1, "No payments on or before the observation end.");
    return sheet.build();
  }

  sheet.header(3, 1, ["Metric", "Value", "What it means"]);
  const pct = FORMATS.percent;
  const metrics: [string, LiteralValue, string, string][] = [
    ["MRR now", h.mrr, money, "Monthly recurring revenue in the last month."],
    ["ARR", h.arr, money, "Annual run rate: 12 × MRR now."],
    ["Customers with MRR", h.customers, FORMATS.integer, "Customers with MRR in the last month."],
    ["NRR, last month", h.nrr, pct, "(MRR at start + expansion + contraction + churned) / MRR at start."],
    ["GRR, last month", h.grr, pct, "(MRR at start + contraction + churned) / MRR at start."],
    [
      "NRR, trailing 12 months",
      h.trailingNrr,
      pct,
      "MRR now of the customers who had MRR twelve months ago / their MRR then.",
    ],
    [
      "GRR, trailing 12 months",
      h.trailingGrr,
      pct,
      "The same, each customer's MRR now capped at their MRR then (expansion left out).",
    ],
    [
      "Quick ratio, last month",
      h.quickRatio,
      FORMATS.decimal,
      "(New + expansion + reactivation) / −(contraction + churned); above 4 is efficient growth.",
    ],
    ["ARPA", h.arpa, money, "Average revenue per account: MRR now / customers with MRR."],
    [
      "Customer churn rate",
      h.churnRate,
      pct,
      `Customers churned / customers with MRR at the start of the month, over the last ${CHURN_MONTHS} months.`,
    ],
    [
      "LTV",
      h.ltv,
      money,
      `ARPA × margin (${Math.round(margin * 1000) / 10}%) / customer churn rate, as the SaaS tools define it.`,
    ],
  ];
  let row = 4;
  for (const [name, value, format, meaning] of metrics) {
    sheet.row(row, 1, [name, value, meaning]);
    sheet.style(range(row, 2), { numberFormat: format, horizontalAlignment: "right" });
    if (value === null) sheet.note(row, 2, "Not enough data: see the meaning.");
    row++;
  }
  sheet.style(range(4, 3, metrics.length, 1), { color: COLORS.muted });

  // Movements: month and the five movements side by side (the stacked columns), then MRR (the line).
  row += 1;
  const movements = monthTable(sheet, t, row, "MRR movements", [
    ...MOVEMENTS.map(([key, label]): MonthColumn => [label, (m) => t[key][m], money]),
    ["MRR at end", (m) => t.end[m], money],
    ["MRR at start", (m) => t.start[m], money],
    ["Customers", (m) => t.customers[m], FORMATS.integer],
    ["Quick ratio", (m) => t.quickRatio[m], FORMATS.decimal],
  ]);
  sheet.chart({
    type: "column",
    title: "MRR movements and MRR",
    data: { ...movements, columns: MOVEMENTS.length + 2 },
    seriesIn: "columns",
    anchor: { row: movements.row, column: movements.columns + 2 },
    stacked: true,
    lineSeries: 1,
    yAxisTitle: "MRR",
  });

  row = movements.row + movements.rows + 1;
  const retention = monthTable(sheet, t, row, "Revenue retention", [
    ["NRR", (m) => t.nrr[m], pct],
    ["GRR", (m) => t.grr[m], pct],
    ["NRR, trailing 12 months", (m) => t.trailingNrr[m], pct],
    ["GRR, trailing 12 months", (m) => t.trailingGrr[m], pct],
  ]);
  sheet.chart({
    type: "line",
    title: "Net and gross revenue retention",
    data: retention,
    seriesIn: "columns",
    anchor: { row: retention.row, column: retention.columns + 2 },
    yAxisTitle: "Share of MRR kept",
  });

  row = retention.row + retention.rows + 1;
  // Cohort net MRR retention: MRR in month k / MRR in month 0.
  sheet.title(
    row,
    "Net MRR retention by cohort",
    "Each cohort's MRR in its month k over its MRR in month 0.",
  );
  const cohortHeader = row + 2;
  const width = t.cohorts.reduce((n, c) => Math.max(n, c.retention.length), 0);
  sheet.header(cohortHeader, 1, [
    "Cohort month",
    "Customers",
    "MRR, month 0",
    ...Array.from({ length: width }, (_, k) => k),
  ]);
  const cTop = cohortHeader + 1;
  t.cohorts.forEach((c, i) => {
    sheet.row(cTop + i, 1, [dayDate(c.start), c.customers, c.mrr[0], ...c.retention]);
  });
  const cohorts = t.cohorts.length;
  sheet.style(range(cTop, 1, cohorts, 1), { numberFormat: FORMATS.date, horizontalAlignment: "left" });
  sheet.style(range(cTop, 2, cohorts, 1), { numberFormat: FORMATS.integer });
  sheet.style(range(cTop, 3, cohorts, 1), { numberFormat: money });
  sheet.style(range(cTop, 4, cohorts, width), { numberFormat: pct });
  // Month 0 is 100% by definition: left out of the scale.
  sheet.colorScale(range(cTop, 5, cohorts, width - 1));
  sheet.frozenColumns = 1;

  sheet.columnWidths[1] = 180;
  sheet.columnWidths[3] = 110;
  return sheet.build();
}
