/**
 * The Summary sheet: the everyday metrics of the whole data set (customers, orders, revenue, AOV,
 * purchase frequency, repeat rate, period churn), LTV at 12 periods, blended CAC, LTV:CAC and
 * payback, then the settings the report was built with. Each metric says what it means.
 */

import { PERIOD_WORDS } from "../cohorts";
import { aov, purchaseFrequency } from "../metrics/ltv";
import { HORIZONS, ltvAt, type ReportData, weightedAverage } from "./data";
import { HEALTHY_LTV_CAC, totalRow } from "./ltv-cac";
import { FORMATS, type LiteralValue, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

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
    ltv: weightedAverage(
      data.cohorts.map((c) => ({ size: c.size, value: ltvAt(c.ltv, c.partialIndex, longest) })),
    ),
    marginLtv: data.hasMargin ? total.ltv[HORIZONS.length - 1] : null,
    cac: total.cac,
    ltvCac: total.ratio[HORIZONS.length - 1],
    payback: total.payback,
  };
}

export function summarySheet(data: ReportData): ReportSheet {
  const sheet = new SheetWriter("summary", "Summary");
  const unit = PERIOD_WORDS[data.period];
  const longest = HORIZONS[HORIZONS.length - 1];
  const h = headline(data);
  const money = data.currencyFormat;

  sheet.title(
    1,
    "Cohort LTV report",
    `${String(data.settings.Source ?? "Transactions")} · ${unit.one}ly cohorts`,
  );
  sheet.header(3, 1, ["Metric", "Value", "What it means"]);
  sheet.frozenRows = 3;

  const metrics: [string, LiteralValue, string, string][] = [
    ["Customers", h.customers, FORMATS.integer, "Distinct customers with at least one purchase."],
    ["Orders", h.orders, FORMATS.integer, "Purchases; refunds (negative amounts) are not orders."],
    ["Revenue", h.revenue, money, "Sum of all amounts, refunds subtracted."],
    ["Average order value", h.aov, money, "Revenue / orders."],
    [
      "Purchase frequency",
      h.purchaseFrequency,
      FORMATS.decimal,
      "Orders per customer over the whole period observed.",
    ],
    ["Repeat rate", h.repeatRate, FORMATS.percent, "Customers with two or more orders / customers."],
    [
      `${unit.one[0].toUpperCase()}${unit.one.slice(1)}ly churn`,
      h.periodChurn,
      FORMATS.percent,
      `Share of a ${unit.one}'s active customers who do not buy in the next ${unit.one}, pooled over complete ${unit.many}.`,
    ],
    [
      `LTV, ${longest} ${unit.many}`,
      h.ltv,
      money,
      `Cumulative revenue per customer over ${unit.many} 0 … ${longest - 1}, cohorts observed that long, weighted by size.`,
    ],
  ];
  if (data.hasMargin) {
    metrics.push([
      `Margin LTV, ${longest} ${unit.many}`,
      h.marginLtv,
      money,
      `Cumulative margin per customer over ${unit.many} 0 … ${longest - 1}.`,
    ]);
  }
  metrics.push(
    ["Blended CAC", h.cac, money, "Spend / new customers of the cohorts the spend table covers."],
    [
      `LTV:CAC, ${longest} ${unit.many}`,
      h.ltvCac,
      FORMATS.ratio,
      `${data.hasMargin ? "Margin LTV" : "LTV"} / blended CAC; ${HEALTHY_LTV_CAC}:1 or more is the rule of thumb for healthy acquisition.`,
    ],
    [
      `Payback (${unit.many})`,
      h.payback,
      FORMATS.integer,
      `First ${unit.one} (0 = the first) whose average cumulative margin per customer reaches the blended CAC.`,
    ],
  );

  let row = 4;
  for (const [name, value, format, meaning] of metrics) {
    sheet.row(row, 1, [name, value, meaning]);
    sheet.style(range(row, 2), { numberFormat: format, horizontalAlignment: "right" });
    if (value === null) sheet.note(row, 2, "Not enough data: see the meaning.");
    if (name.startsWith("LTV:CAC")) sheet.threshold(range(row, 2), HEALTHY_LTV_CAC);
    row++;
  }
  sheet.style(range(4, 3, metrics.length, 1), { color: COLORS.muted, wrap: true });

  row++;
  sheet.header(row, 1, ["Setting", "Value"]);
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
