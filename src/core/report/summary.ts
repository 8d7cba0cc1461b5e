/**
 * The Summary sheet: the everyday metrics of the whole data set (customers, orders, revenue, AOV,
 * purchase frequency, repeat rate, period churn), LTV at 12 periods, blended CAC, LTV:CAC and
 * payback with a verdict against 3:1, the predicted 12-month LTV:CAC of each channel, then the
 * settings the report was built with. Each metric says what it means.
 */

import { aov, purchaseFrequency } from "../metrics/ltv";
import { PREDICTED_HORIZONS } from "./channel-value";
import { blendedAt, blendedCurve, HORIZONS, type ReportData } from "./data";
import { allCohortsCells, HEALTHY_LTV_CAC, NOT_YET, predictedRatioCells, totalRow } from "./ltv-cac";
import { FORMATS, type ReportCell, type ReportSheet, sheetRef } from "./model";
import { COLORS, formula, quoted, range, SheetWriter } from "./sheet";

/** The headline numbers, as the Summary sheet and the command line show them. */
export interface Headline {
  customers: number;
  orders: number;
  revenue: number;
  aov: number | null;
  purchaseFrequency: number | null;
  repeatRate: number | null;
  periodChurn: number | null;
  /** Cumulative revenue per customer over the longest horizon (12 periods). */
  ltv: number | null;
  /** The same in margin, when a margin is given. */
  marginLtv: number | null;
  /** Whether LTV:CAC and payback are on margin (else revenue: no margin was given). */
  hasMargin: boolean;
  cac: number | null;
  ltvCac: number | null;
  payback: number | string | null;
}

export function headline(data: ReportData): Headline {
  const longest = HORIZONS[HORIZONS.length - 1];
  const total = totalRow(data, data.cohorts);
  return {
    customers: data.customers,
    orders: data.orders,
    revenue: data.revenue,
    aov: data.orders ? aov(data.revenue, data.orders) : null,
    purchaseFrequency: data.customers ? purchaseFrequency(data.orders, data.customers) : null,
    repeatRate: data.repeatRate,
    periodChurn: data.periodChurn,
    ltv: blendedAt(
      blendedCurve(data.cohorts, data.periods, (c) => c.ltv),
      longest,
    ),
    marginLtv: data.hasMargin ? total.ltv[HORIZONS.length - 1] : null,
    hasMargin: data.hasMargin,
    cac: total.cac,
    ltvCac: total.ratio[HORIZONS.length - 1],
    payback: total.payback,
  };
}

/**
 * The Summary sheet. With the LTV-CAC sheet in the report, CAC, LTV:CAC and payback are live
 * references to its "All cohorts" row (one truth: spend typed there moves Summary too), and the
 * verdict is a formula over the ratio.
 */
export function summarySheet(data: ReportData, live: boolean): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("summary", w.sheets.summary);
  const u = data.period;
  const longest = HORIZONS[HORIZONS.length - 1];
  const h = headline(data);
  const money = data.currencyFormat;
  const margin = data.hasMargin;
  const source = data.settings[w.settings.source];

  sheet.title(1, w.summaryTitle, `${String(source ?? w.transactions)} · ${w.cohorts[u]}`);
  sheet.header(3, 1, [w.metric, w.value, w.meaning]);
  sheet.frozenRows = 3;
  sheet.onePage = true;

  const cells = allCohortsCells(data);
  const ltvCac = (cell: string, value: number | string | null): ReportCell =>
    live ? formula(`=${sheetRef("ltv-cac")}!${cell}`, value) : value;
  const payback = h.payback === NOT_YET ? w.notYet : h.payback;
  const first = 4;
  const metrics = [
    withValue(w.metrics.customers, h.customers, FORMATS.integer),
    withValue(w.metrics.orders, h.orders, FORMATS.integer),
    withValue(w.metrics.revenue, h.revenue, money),
    withValue(w.metrics.aov, h.aov, money),
    withValue(w.metrics.frequency, h.purchaseFrequency, FORMATS.decimal),
    withValue(w.metrics.repeat, h.repeatRate, FORMATS.percent),
    withValue(w.churn(u), h.periodChurn, FORMATS.percent),
    withValue(w.ltv(false, longest, u), h.ltv, money),
  ];
  if (margin) metrics.push(withValue(w.ltv(true, longest, u), h.marginLtv, money));
  metrics.push(withValue(w.metrics.cac, ltvCac(cells.cac, h.cac), money));
  const ratioRow = first + metrics.length;
  metrics.push(withValue(w.ratio(margin, longest, u), ltvCac(cells.ratio, h.ltvCac), FORMATS.ratio));
  metrics.push(withValue(w.payback(u), ltvCac(cells.payback, payback), FORMATS.integer));
  metrics.push(withValue(w.verdict, verdict(data, `B${ratioRow}`, h.ltvCac), "@"));
  // Per channel, the predicted 12-month LTV:CAC: the horizon of the historical ratio above (in a
  // monthly report) and the least extrapolated.
  const channelRow = first + metrics.length;
  const predicted = predictedRatioCells(data);
  for (const { channel, cell, ratio } of predicted) {
    const name = w.predictedRatio(margin, PREDICTED_HORIZONS[0], channel.segment, channel.pooled);
    metrics.push(withValue(name, ltvCac(cell, ratio), FORMATS.ratio));
  }

  let row = first;
  for (const [name, value, format, meaning] of metrics) {
    sheet.row(row, 1, [name, value, meaning]);
    // Numbers right, words (the verdict, "not yet") left and wrapped inside the column.
    const words = format === "@";
    sheet.style(range(row, 2), {
      numberFormat: format,
      horizontalAlignment: words ? "left" : "right",
      wrap: words,
    });
    if (value === null) sheet.note(row, 2, w.notEnough);
    row++;
  }
  sheet.threshold(range(ratioRow, 2), HEALTHY_LTV_CAC);
  sheet.threshold(range(channelRow, 2, predicted.length), HEALTHY_LTV_CAC);
  if (!margin) sheet.note(ratioRow, 1, w.revenueBased);
  sheet.style(range(first, 3, metrics.length, 1), { color: COLORS.muted, wrap: true });

  row++;
  sheet.header(row, 1, [w.setting, w.value]);
  row++;
  for (const [name, value] of Object.entries(data.settings)) {
    sheet.row(row, 1, [name, value]);
    sheet.style(range(row, 2), { horizontalAlignment: "left" });
    row++;
  }

  sheet.columnWidths[1] = 190;
  sheet.columnWidths[2] = 130;
  sheet.columnWidths[3] = 520;
  return sheet.build();
}

function withValue(
  [name, meaning]: readonly [string, string],
  value: ReportCell,
  format: string,
): [string, ReportCell, string, string] {
  return [name, value, format, meaning];
}

/** "at or above / below the 3:1 rule of thumb", marked revenue-based without a margin, live over the ratio cell. */
function verdict(data: ReportData, ratio: string, value: number | null): ReportCell {
  const w = data.words;
  const suffix = data.hasMargin ? "" : w.onRevenue;
  const at = w.atOrAbove + suffix;
  const below = w.below + suffix;
  return formula(
    `=IF(ISNUMBER(${ratio}),IF(${ratio}>=${HEALTHY_LTV_CAC},${quoted(at)},${quoted(below)}),"")`,
    value === null ? null : value >= HEALTHY_LTV_CAC ? at : below,
  );
}
