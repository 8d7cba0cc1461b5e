/**
 * The Subscription (MRR) sheet: the headline numbers of a subscription business, the MRR movements
 * month by month with a stacked column chart and the MRR line (MRR_MOVEMENTS' definitions, see
 * core/subscription/mrr.ts), net and gross revenue retention by month and over the trailing twelve
 * months with a line chart, and the cohort net MRR retention heatmap (COHORT_NRR).
 */
import { type DayNumber, MS_PER_DAY } from "../cells";
import { type MrrTable, mrrTable } from "../subscription/mrr";
import { CHURN_MONTHS, subscriptionHeadline } from "../subscription/summary";
import type { ReportData } from "./data";
import { FORMATS, type LiteralValue, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

export interface SubscriptionInput {
  /** Months each transaction covers: one number for all, or one per transaction. @default 1 */
  terms?: number | Int32Array;
  /** Gross margin as a fraction of revenue, for LTV. @default 1 (LTV is revenue) */
  marginRate?: number;
}

const dayDate = (day: DayNumber) => new Date(day * MS_PER_DAY);

/** MRR of the report's transactions to its observation end. */
export function subscriptionTable(data: ReportData, input: SubscriptionInput): MrrTable {
  return mrrTable(data.transactions, { terms: input.terms, endDay: data.observationEnd });
}

export function subscriptionSheet(data: ReportData, input: SubscriptionInput = {}): ReportSheet {
  const sheet = new SheetWriter("subscription", "Subscription (MRR)");
  const t = subscriptionTable(data, input);
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
  sheet.title(row, "MRR movements");
  const movementsHeader = row + 1;
  sheet.header(movementsHeader, 1, [
    "Month",
    "New",
    "Expansion",
    "Reactivation",
    "Contraction",
    "Churned",
    "MRR at end",
    "MRR at start",
    "Customers",
    "Quick ratio",
  ]);
  const top = movementsHeader + 1;
  for (let m = 0; m < t.months; m++)
    sheet.row(top + m, 1, [
      dayDate(t.monthStart[m]),
      t.new[m],
      t.expansion[m],
      t.reactivation[m],
      t.contraction[m],
      t.churned[m],
      t.end[m],
      t.start[m],
      t.customers[m],
      t.quickRatio[m],
    ]);
  sheet.style(range(top, 1, t.months, 1), { numberFormat: FORMATS.date, horizontalAlignment: "left" });
  sheet.style(range(top, 2, t.months, 7), { numberFormat: money });
  sheet.style(range(top, 9, t.months, 1), { numberFormat: FORMATS.integer });
  sheet.style(range(top, 10, t.months, 1), { numberFormat: FORMATS.decimal });
  sheet.chart({
    type: "column",
    title: "MRR movements and MRR",
    data: range(movementsHeader, 1, t.months + 1, 7),
    seriesIn: "columns",
    anchor: { row: movementsHeader, column: 12 },
    stacked: true,
    lineSeries: 1,
    yAxisTitle: "MRR",
  });

  // Revenue retention by month.
  row = top + t.months + 1;
  sheet.title(row, "Revenue retention");
  const retentionHeader = row + 1;
  sheet.header(retentionHeader, 1, [
    "Month",
    "NRR",
    "GRR",
    "NRR, trailing 12 months",
    "GRR, trailing 12 months",
  ]);
  const rTop = retentionHeader + 1;
  for (let m = 0; m < t.months; m++)
    sheet.row(rTop + m, 1, [
      dayDate(t.monthStart[m]),
      t.nrr[m],
      t.grr[m],
      t.trailingNrr[m],
      t.trailingGrr[m],
    ]);
  sheet.style(range(rTop, 1, t.months, 1), { numberFormat: FORMATS.date, horizontalAlignment: "left" });
  sheet.style(range(rTop, 2, t.months, 4), { numberFormat: pct });
  sheet.chart({
    type: "line",
    title: "Net and gross revenue retention",
    data: range(retentionHeader, 1, t.months + 1, 5),
    seriesIn: "columns",
    anchor: { row: retentionHeader, column: 7 },
    yAxisTitle: "Share of MRR kept",
  });

  // Cohort net MRR retention: MRR in month k / MRR in month 0.
  row = rTop + t.months + 1;
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
