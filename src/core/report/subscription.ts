/**
 * The Subscription (MRR) sheet: the headline numbers of a subscription business, the MRR movements
 * month by month with a stacked column chart and the MRR line (MRR_MOVEMENTS' definitions, see
 * core/subscription/mrr.ts), net and gross revenue retention by month and over the trailing twelve
 * months with a line chart, and the cohort net MRR retention heatmap (COHORT_NRR).
 */
import { type DayNumber, MS_PER_DAY } from "../cells";
import { MOVEMENTS, type MrrTable } from "../subscription/mrr";
import { CHURN_MONTHS, subscriptionHeadline } from "../subscription/summary";
import type { ReportData } from "./data";
import { type CellRange, FORMATS, type LiteralValue, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

export interface SubscriptionInput {
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
  month: string,
  columns: MonthColumn[],
): CellRange {
  sheet.title(row, title);
  sheet.header(row + 1, 1, [month, ...columns.map(([header]) => header)]);
  const top = row + 2;
  for (let m = 0; m < t.months; m++)
    sheet.row(top + m, 1, [dayDate(t.monthStart[m]), ...columns.map(([, value]) => value(m))]);
  sheet.style(range(top, 1, t.months, 1), { numberFormat: FORMATS.date, horizontalAlignment: "left" });
  columns.forEach(([, , format], i) => {
    sheet.style(range(top, 2 + i, t.months, 1), { numberFormat: format });
  });
  return range(row + 1, 1, t.months + 1, columns.length + 1);
}

/** The sheet of an MRR table, however it was computed: from rows in memory (mrrTable) or in a database (core/sql/mrr.ts). */
export function subscriptionSheet(data: ReportData, t: MrrTable, input: SubscriptionInput = {}): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("subscription", w.sheets.subscription);
  const money = data.currencyFormat;
  const margin = input.marginRate ?? 1;
  sheet.title(1, w.mrrTitle, w.mrrNote);
  const h = subscriptionHeadline(t, margin);
  if (!h) {
    sheet.set(3, 1, w.mrrNone);
    return sheet.build();
  }

  sheet.header(3, 1, [w.metric, w.value, w.meaning]);
  const pct = FORMATS.percent;
  const named = w.mrrMetrics(CHURN_MONTHS, Math.round(margin * 1000) / 10);
  const metrics: [keyof typeof named, string][] = [
    ["mrr", money],
    ["arr", money],
    ["customers", FORMATS.integer],
    ["nrr", pct],
    ["grr", pct],
    ["trailingNrr", pct],
    ["trailingGrr", pct],
    ["quickRatio", FORMATS.decimal],
    ["arpa", money],
    ["churnRate", pct],
    ["ltv", money],
  ];
  let row = 4;
  for (const [key, format] of metrics) {
    const [name, meaning] = named[key];
    const value: LiteralValue = h[key];
    sheet.row(row, 1, [name, value, meaning]);
    sheet.style(range(row, 2), { numberFormat: format, horizontalAlignment: "right" });
    if (value === null) sheet.note(row, 2, w.notEnough);
    row++;
  }
  sheet.style(range(4, 3, metrics.length, 1), { color: COLORS.muted });

  // Movements: month and the five movements side by side (the stacked columns), then MRR (the line).
  row += 1;
  const movements = monthTable(sheet, t, row, w.movementsTitle, w.month, [
    ...MOVEMENTS.map(([key]): MonthColumn => [w.movements[key], (m) => t[key][m], money]),
    [w.mrrEnd, (m) => t.end[m], money],
    [w.mrrStart, (m) => t.start[m], money],
    [w.customers, (m) => t.customers[m], FORMATS.integer],
    [w.quickRatio, (m) => t.quickRatio[m], FORMATS.decimal],
  ]);
  sheet.chart({
    type: "column",
    title: w.movementsChart,
    data: { ...movements, columns: MOVEMENTS.length + 2 },
    seriesIn: "columns",
    anchor: { row: movements.row, column: movements.columns + 2 },
    stacked: true,
    lineSeries: 1,
    yAxisTitle: "MRR",
  });

  row = movements.row + movements.rows + 1;
  const retention = monthTable(sheet, t, row, w.mrrRetention, w.month, [
    ["NRR", (m) => t.nrr[m], pct],
    ["GRR", (m) => t.grr[m], pct],
    [named.trailingNrr[0], (m) => t.trailingNrr[m], pct],
    [named.trailingGrr[0], (m) => t.trailingGrr[m], pct],
  ]);
  sheet.chart({
    type: "line",
    title: w.mrrRetentionChart,
    data: retention,
    seriesIn: "columns",
    anchor: { row: retention.row, column: retention.columns + 2 },
    yAxisTitle: w.mrrKept,
  });

  row = retention.row + retention.rows + 1;
  // Cohort net MRR retention: MRR in month k / MRR in month 0.
  sheet.title(row, w.cohortNrr, w.cohortNrrNote);
  const cohortHeader = row + 2;
  const width = t.cohorts.reduce((n, c) => Math.max(n, c.retention.length), 0);
  sheet.header(cohortHeader, 1, [
    w.cohortHeader.month,
    w.customers,
    w.mrrMonth0,
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
