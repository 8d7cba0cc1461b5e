/**
 * Every word the report sheets show, in English, Korean and Russian. `ko` and `ru` are typed as
 * {@link Words}, the shape of `en`, so a key missing in one language is a compile error. Kept short:
 * each language's text ships in the add-on bundle.
 */
import { plural } from "../cells";
import type { PeriodUnit } from "../cohorts";
import type { RfmUnit } from "../cohorts/rfm";
import type { Boundary, LimitKey } from "../fit/mle";
import type { SplitReason } from "../forecast/back-test";
import type { Language } from "../language";
import type { RfmSegment } from "../segments/rfm-segments";
import {
  GA4_CHANNEL_GROUP_FIELD,
  GA4_UNASSIGNED,
  type Ga4SegmentAsked,
  type Ga4SegmentChoice,
  type Ga4SegmentColumn,
  type Ga4Stats,
} from "../sql/ga4";
import type { MOVEMENTS } from "../subscription/mrr";
import type { SubscriptionHeadline } from "../subscription/summary";
import { SHEET_NAMES } from "./sheet-names";

type Units = Record<PeriodUnit, string>;
/** A figure of the Subscription sheet's headline: its name and what it means. */
type MrrMetrics = Record<Exclude<keyof SubscriptionHeadline, "month">, [string, string]>;
type Movements = Record<(typeof MOVEMENTS)[number][0], string>;
/** How a language writes dates and money. */
interface Grammar {
  /** A date cell's pattern, as the language writes dates (Sheets and Excel syntax). */
  date: string;
  /** Currency symbol after the number ("1 234,50 ₽") rather than before ("$1,234.50"). */
  symbolAfter: boolean;
}

/**
 * How a surface names the setting that asks for a GA4 segment, with the value to give it: the
 * command line's `--ga4-segment source-medium`, the sidebar's Segment "First-user source / medium"
 * (each language's {@link Words.ga4SegmentControl}).
 */
export type Ga4SegmentControl = (asked: Ga4SegmentAsked) => string;

/** The channel group's column path, as the export's schema names it. */
const CHANNEL_GROUP_FIELD = GA4_CHANNEL_GROUP_FIELD.join(".");

/** The sidebar's Segment choices (src/sidebar/i18n.ts, ga4SegmentAuto…). */
const EN_SEGMENT_CHOICES: Record<Ga4SegmentAsked, string> = {
  auto: "Automatic",
  "channel-group": "Session default channel group",
  "source-medium": "First-user source / medium",
};

/** The models' parameters as their formulas write them: r, α, a, b, p, q, γ. */
const GREEK: Record<string, string> = { alpha: "α", beta: "β", gamma: "γ", delta: "δ" };

/**
 * Where a fit without a best estimate runs, for Korean and Russian: the plain words of each limit
 * that matched (`otherwise` when none did), then the parameters that ran off in symbols
 * ("r → ∞, α → 0"), which read the same in every language.
 */
function limitsText(boundary: Boundary, words: Record<LimitKey, string>, otherwise: string): string {
  const said = [...new Set(boundary.limits)].map((key) => words[key]);
  const moves = boundary.runaway.map(
    (r) => `${GREEK[r.slice(0, -1)] ?? r.slice(0, -1)} → ${r.endsWith("+") ? "∞" : "0"}`,
  );
  return `${said.length ? said.join("; ") : otherwise} (${moves.join(", ")})`;
}

const EN_ONE: Units = { week: "week", month: "month", quarter: "quarter" };
const EN_MANY: Units = { week: "weeks", month: "months", quarter: "quarters" };

const en = {
  sheets: SHEET_NAMES.en,
  one: EN_ONE,
  cohorts: { week: "weekly cohorts", month: "monthly cohorts", quarter: "quarterly cohorts" } as Units,
  cohortHeader: { week: "Cohort week (Monday)", month: "Cohort month", quarter: "Cohort quarter" } as Units,
  segment: "Segment",
  customers: "Customers",
  allCohorts: "All cohorts",
  allSegments: "All segments",
  partial: (u: PeriodUnit, day: string) =>
    `Partial ${EN_ONE[u]}: observed to ${day}, so this value is still growing.`,
  sinceFirst: (u: PeriodUnit) => `${EN_MANY[u]} since the first purchase`,

  retentionTitle: "Retention by cohort",
  retentionNote: (u: PeriodUnit) =>
    `Share of a cohort's customers buying k ${EN_MANY[u]} after their first purchase. Averages weigh cohorts by size, without partial ${EN_MANY[u]}.`,
  activeTitle: "Active customers by cohort",

  revenueTitle: "Revenue and lifetime value by cohort",
  revenueNote: (u: PeriodUnit) =>
    `Net revenue of each cohort in its k-th ${EN_ONE[u]}, then cumulative revenue per customer. "All cohorts" sums ` +
    `each ${EN_ONE[u]}'s size-weighted average gain over the cohorts that completed it, so it cannot fall.`,
  revenueBlock: "Revenue by cohort",
  ltvBlock: "LTV: cumulative revenue per customer",
  marginBlock: "Cumulative margin per customer",
  chartData: "Average LTV by segment (chart data)",
  chartBySegment: "LTV curve by segment",
  chartByCohort: "LTV curve by cohort",
  perCustomer: "Cumulative revenue per customer",

  ltvCacTitle: "LTV:CAC and payback by cohort",
  ltvCacNote: (spend: boolean, margin: boolean, u: PeriodUnit) =>
    `${spend ? "Spend comes from the spend table; change it" : "Type spend"} in the yellow cells: CAC, LTV:CAC and payback recalculate here and on Summary. ` +
    `LTV at n: cumulative ${margin ? "margin" : "revenue"} per customer over ${EN_MANY[u]} 0 … n − 1, once complete. Green: 3:1 or more.`,
  newCustomers: "New customers",
  spend: "Spend",
  cac: "CAC",
  ltvAt: (margin: boolean, n: number, u: PeriodUnit) =>
    `${margin ? "Margin" : "Revenue"} LTV, ${n} ${EN_MANY[u]}`,
  ratioAt: (margin: boolean, n: number, u: PeriodUnit) =>
    `${margin ? "" : "Revenue "}LTV:CAC, ${n} ${EN_MANY[u]}`,
  paybackHeader: (u: PeriodUnit) => `Payback (${EN_MANY[u]})`,
  notYet: "not yet",
  curveNote: (margin: boolean, u: PeriodUnit) =>
    `Cumulative ${margin ? "margin" : "revenue"} per customer by ${EN_ONE[u]}, for the payback formula.`,
  paybackNote: (u: PeriodUnit) =>
    `First ${EN_ONE[u]} k (0 = the first) whose cumulative margin per customer reaches CAC.`,
  blendedCacNote: "Blended CAC: spend / new customers of the cohorts with a spend.",
  revenueBased: "On revenue: no margin given, so LTV:CAC reads higher than on profit.",

  reportTitle: (source: string) => `Cohort LTV report: ${source}`,
  summaryTitle: "Cohort LTV report",
  metric: "Metric",
  value: "Value",
  meaning: "What it means",
  setting: "Setting",
  notEnough: "Not enough data: see the meaning.",
  metrics: {
    customers: ["Customers", "Customers with a purchase."],
    orders: ["Orders", "Purchases (refunds are not orders)."],
    revenue: ["Revenue", "All amounts, refunds subtracted."],
    aov: ["Average order value", "Revenue / orders."],
    frequency: ["Purchase frequency", "Orders / customers."],
    repeat: ["Repeat rate", "Customers with 2+ orders / customers."],
    cac: ["Blended CAC", "The LTV-CAC sheet's total: spend / new customers of cohorts with a spend."],
  } as Record<"customers" | "orders" | "revenue" | "aov" | "frequency" | "repeat" | "cac", [string, string]>,
  churn: (u: PeriodUnit): [string, string] => [
    `${{ week: "Weekly", month: "Monthly", quarter: "Quarterly" }[u]} churn`,
    `Share of a ${EN_ONE[u]}'s buyers not buying the next ${EN_ONE[u]}, over complete ${EN_MANY[u]}.`,
  ],
  ltv: (margin: boolean, n: number, u: PeriodUnit): [string, string] => [
    `${margin ? "Margin LTV" : "LTV"}, ${n} ${EN_MANY[u]}`,
    `Cumulative ${margin ? "margin" : "revenue"} per customer, ${EN_MANY[u]} 0 … ${n - 1} ("All cohorts").`,
  ],
  ratio: (margin: boolean, n: number, u: PeriodUnit): [string, string] => [
    `${margin ? "" : "Revenue "}LTV:CAC, ${n} ${EN_MANY[u]}`,
    `${margin ? "Margin" : "Revenue"} LTV / blended CAC; healthy at 3:1 or more (rule of thumb).`,
  ],
  payback: (u: PeriodUnit): [string, string] => [
    `Payback (${EN_MANY[u]})`,
    `First ${EN_ONE[u]} (0 = the first) whose cumulative margin per customer reaches blended CAC.`,
  ],
  verdict: ["Verdict", "LTV:CAC against the 3:1 rule of thumb."] as [string, string],
  atOrAbove: "at or above the 3:1 rule of thumb",
  below: "below the 3:1 rule of thumb",
  onRevenue: " (on revenue: no margin given)",

  settings: {
    source: "Source",
    period: "Period",
    end: "Observation end",
    partialLast: "Partial last period",
    margin: "Margin",
    split: "Split by segment",
    spend: "Spend table",
    currency: "Currency",
    partialFirst: "Partial first period",
    afterEnd: "Rows after the observation end (left out)",
    orphanRefunds: "Refunds of no cohort (left out)",
  },
  transactions: "Transactions",
  no: "no",
  partialLast: (u: PeriodUnit, day: string) => `yes: the ${EN_ONE[u]} of ${day} is not over (marked cells)`,
  partialFirst: (day: string) => `yes: data starts ${day}; the first cohort is partial (its CAC reads high)`,
  marginColumn: (h: string) => `margin column "${h}"`,
  costColumn: (h: string) => `amount − cost column "${h}"`,
  marginRate: (p: number) => `${p}% of revenue`,
  noMargin: "none: LTV is revenue",
  splitBy: (h: string) => `yes, by "${h}" of each customer's first purchase`,
  refunds: (rows: number, amount: string) => `${rows} rows, ${amount}`,
  spendNone: "none",
  spendNoSegment: "not used: it has no segment column to match segment rows — build without the split",
  spendRows: (rows: number, total: string) => `${rows} rows, ${total} in total`,
  spendLeftOut: (x: string) => `${x} left out (no new customers there)`,
  spendSpread:
    "rows dated the 1st are months, spread over their days: a week takes its days' share of each month",
  spendByDate: (u: PeriodUnit) =>
    `a row counts for the ${EN_ONE[u]} of its date${u === "quarter" ? " (months add up)" : ""}`,

  noRows: "Transactions: no data rows — give a customer id, a date and an amount",
  noPurchases: (day: string) => `Transactions: no purchases on or before the observation end ${day}`,
  needsRows: (sheet: string) =>
    `The ${sheet} sheet needs every transaction in memory: build it with --engine js`,
  tooWide: (first: string, last: string, n: number, u: PeriodUnit, limit: number) =>
    `Transactions: dates run from ${first} to ${last}, ${n} ${EN_MANY[u]}: over the ${limit} columns a sheet may have. ` +
    `Check for a mistyped year, set an observation end or a longer period.`,

  clvTitle: "Predicted customer lifetime value",
  clvFailed: (why: string) => `The models could not be fitted to these transactions: ${why}.`,
  clvNote: (months: number, discount: number, model: string) =>
    `Expected revenue per customer, next ${months} months, discounted ${discount}%/month: ${model} and Gamma-Gamma ` +
    `(Fader, Hardie & Lee 2005) fitted to purchases up to the observation end.`,
  clvBetterModel: (model: string, mae: string, other: string, otherMae: string) =>
    `Purchase model: ${model}, which fits the Forecast check's hold-out better (mean absolute error per customer ${mae} against ${otherMae} for ${other}).`,
  clvOnlyModel: (model: string, why: string) =>
    `Purchase model: ${model}, the only one the Forecast check could fit. ${why}`,
  clvDefaultModel: (why: string) =>
    `Purchase model: MBG/NBD, the default (unlike BG/NBD it lets a one-time buyer have left) — the Forecast check could not compare the models. ${why}`,
  fitNoRepeat: "nobody made a repeat purchase, so the purchase and spend models have nothing to learn from",
  /** The likelihood has no maximum: English keeps the model's own words; the others say `boundary`. */
  fitNoMaximum: (english: string, _boundary?: Boundary) => english,
  /** Any other complaint of a model about the data: English keeps the model's own words. */
  fitOther: (english: string) => english,
  fitUnboundedMean: (q: string) =>
    `a few very large orders make the spend model's mean order value unbounded (q = ${q}, not above 1), so a customer's expected order value cannot be estimated (check the largest amounts)`,
  intervalUnpinned: (model: string) =>
    `the data do not pin the ${model} parameters (the likelihood is flat in some direction)`,
  // The fit's plain-words notes (forecast/diagnostics.ts), on the sheets and under the formulas.
  noteFewCustomers: (customers: number) =>
    `Only ${plural(customers, "customer")}: estimates from so few move a lot from one sample to the next.`,
  noteFewRepeat: (repeat: number, customers: number) =>
    `Only ${repeat.toLocaleString("en-US")} of ${plural(customers, "customer")} bought again: the model learns purchase rates and dropout from repeat buyers.`,
  noteUnpinned:
    "The data do not pin the parameters: the likelihood is flat in some direction, so treat the forecast as rough.",
  noteLoose: (name: string, ratio: number) =>
    `${name} is barely pinned by the data (standard error ${ratio.toFixed(1)}× the estimate): it sits near a boundary of the model.`,
  noteShortHoldout: (holdout: number, calibration: number, unit: RfmUnit) =>
    `The hold-out is ${holdout.toFixed(1)} ${unit}s against ${calibration.toFixed(1)} of calibration: too short to judge the forecast; choose an earlier calibration end.`,
  noteLateCustomers: (customers: number) =>
    `The calibration end comes before most customers' first purchase: ${plural(customers, "customer")} first bought in the hold-out and are not checked.`,
  noteSpendCorrelation: (correlation: number) =>
    `Spend ${correlation > 0 ? "rises" : "falls"} with purchase frequency (correlation ${correlation.toFixed(2)}): Gamma-Gamma assumes they are independent, so expected order values lean toward the average.`,
  noteHoldoutCut: (asked: string, last: string, span: number, unit: RfmUnit) =>
    `The hold-out end ${asked} is after the last date in the data (${last}): the hold-out was cut there, so the predictions cover the same ${span.toFixed(1)} ${unit}s as the purchases they are compared with.`,
  clvInDatabase:
    "This report was computed in a database (BigQuery or DuckDB) without the Forecast check or Customers sheet, whose one row a customer the back-test reads: add either to choose the model by back-test.",
  clvListNeedsRows:
    "Customers one by one: not listed — the report was computed in a database (BigQuery or DuckDB), which returned the customers condensed by purchase history; add the Customers or Forecast check sheet (the database then returns one row a customer) to list them. The fit and the total beside count every customer.",
  clvHeader: (months: number) => [
    "Customer",
    "Repeat purchases",
    "P(alive)",
    `Expected purchases, next ${months} months`,
    "Expected order value",
    "Predicted CLV",
  ],
  clvTop: (shown: string, all: string) => `The ${shown} most valuable of ${all} customers.`,
  paramsHeader: ["Model", "Parameter", "Value"],
  alphaWeeks: "α (weeks)",
  betaWeeks: "β (weeks)",
  logLikelihood: "log-likelihood",
  fitted: (model: string) => `fitted (${model})`,
  withRepeat: "with repeat spend (Gamma-Gamma)",
  leftOut: "left out: repeat purchases net to 0 or less",
  total: "Total",
  clvTotal: (months: number) => `predicted CLV, next ${months} months`,
  clvIntervalNote: (level: number) =>
    `The ${level}% interval comes from the fitted parameters' uncertainty (delta method): a range for the expected CLV, not for what one customer will spend. The total's interval is computed on the total by the same method, not by adding the customers' bounds.`,
  clvNoInterval: (level: number, why: string) => `No ${level}% interval: ${why}.`,
  clvBounds: (level: number) => [`${level}% interval, lower`, `${level}% interval, upper`],
  clvTotalLower: (level: number) => `${level}% interval of the total, lower`,
  clvTotalUpper: (level: number) => `${level}% interval of the total, upper`,
  fitTitle: "In-sample fit: customers by number of repeat purchases",
  fitHeader: (model: string) => ["Repeat purchases", "Actual", model],
  fitChart: (model: string) => `Customers by number of repeat purchases: actual vs ${model}`,
  fitAxis: "Repeat purchases to the observation end",
  fcTitle: "Forecast check: how accurate is the purchase forecast?",
  fcNote: (calibration: string, end: string, halfway: boolean) =>
    `Fitted on purchases to ${calibration}${halfway ? " (by default halfway through the data)" : ""}, then compared with what the customers first seen by then bought to ${end}.`,
  fcFailed: (why: string) => `The models could not be checked on these transactions: ${why}`,
  calibrationControl: 'the "Forecasts: fit on purchases up to" date',
  fcSplit: (reason: SplitReason, control: string): string => {
    switch (reason.kind) {
      case "after-data":
        return `the calibration end ${reason.end} is on or after the last date in the data (${reason.last}), so no purchases are left to check the forecast against; set ${control} to an earlier date.`;
      case "holdout-before":
        return `the hold-out ends ${reason.holdout}, not after the calibration end ${reason.end}; set ${control} to an earlier date.`;
      case "before-first":
        return `the calibration end ${reason.end} is before the first purchase (${reason.first}), so no customer is there to fit the models on; set ${control} to a later date.`;
      case "one-customer":
        return `only one customer bought by the calibration end ${reason.end}, and a model of customers needs many; set ${control} to a later date.`;
      case "no-repeat":
        return `none of the ${reason.customers.toLocaleString("en-US")} customers first seen by the calibration end ${reason.end} bought again by then, so the models cannot be fitted; set ${control} to a later date.`;
    }
  },
  fcSentence: (predicted: string, actual: string, bias: string) =>
    `The model predicted ${predicted} repeat purchases in the hold-out; customers made ${actual} (${bias}).`,
  fcBetter: (model: string, mae: string, other: string) =>
    `${model} fits the hold-out better (mean absolute error per customer ${mae} against ${other}).`,
  fcOnly: (model: string, why: string) => `${model} only: ${why}`,
  fcBucketHeader: (models: string[]) => [
    "Repeat purchases in calibration",
    "Customers",
    "Actual, mean",
    ...models.map((m) => `${m}, mean`),
  ],
  fcAll: "All",
  fcActual: "Hold-out purchases, actual",
  fcPredicted: (model: string) => `Hold-out purchases, ${model}`,
  fcBias: "Bias of the total",
  fcMae: "Mean absolute error per customer",
  fcCurveHeader: (model: string) => ["Week ending", "Actual", model, "Period"],
  fcCalibration: "calibration",
  fcHoldout: "hold-out",
  fcChart: (model: string, calibration: string) =>
    `Cumulative repeat purchases: actual vs ${model} (calibration to ${calibration}, then hold-out)`,
  fcWeek: "Week",
  fcRepeats: "Repeat purchases",
  mrrTitle: "Subscription revenue (MRR)",
  mrrNote:
    "A payment of A covering n months adds A / n to each of its n calendar months; a customer's MRR in a month is the sum (0 or less: none). Movements follow ChartMogul's definitions.",
  mrrNone: "No payments on or before the observation end.",
  /** `months`: of the churn rate; `margin`: percent. */
  mrrMetrics: (months: number, margin: number): MrrMetrics => ({
    mrr: ["MRR now", "Monthly recurring revenue in the last month."],
    arr: ["ARR", "Annual run rate: 12 × MRR now."],
    customers: ["Customers with MRR", "Customers with MRR in the last month."],
    nrr: ["NRR, last month", "(MRR at start + expansion + contraction + churned) / MRR at start."],
    grr: ["GRR, last month", "(MRR at start + contraction + churned) / MRR at start."],
    trailingNrr: [
      "NRR, trailing 12 months",
      "MRR now of the customers who had MRR twelve months ago / their MRR then.",
    ],
    trailingGrr: [
      "GRR, trailing 12 months",
      "The same, each customer's MRR now capped at their MRR then (expansion left out).",
    ],
    quickRatio: [
      "Quick ratio, last month",
      "(New + expansion + reactivation) / −(contraction + churned); above 4 is efficient growth.",
    ],
    arpa: ["ARPA", "Average revenue per account: MRR now / customers with MRR."],
    churnRate: [
      "Customer churn rate",
      `Customers churned / customers with MRR at the start of the month, over the last ${months} months.`,
    ],
    ltv: ["LTV", `ARPA × margin (${margin}%) / customer churn rate, as the SaaS tools define it.`],
  }),
  month: "Month",
  mrrStart: "MRR at start",
  mrrEnd: "MRR at end",
  movements: {
    new: "New",
    expansion: "Expansion",
    reactivation: "Reactivation",
    contraction: "Contraction",
    churned: "Churned",
  } as Movements,
  quickRatio: "Quick ratio",
  movementsTitle: "MRR movements",
  movementsChart: "MRR movements and MRR",
  mrrRetention: "Revenue retention",
  mrrRetentionChart: "Net and gross revenue retention",
  mrrKept: "Share of MRR kept",
  cohortNrr: "Net MRR retention by cohort",
  cohortNrrNote: "Each cohort's MRR in its month k over its MRR in month 0.",
  mrrMonth0: "MRR, month 0",

  customersTitle: "Customers: RFM segment, P(alive), predicted CLV and value at risk",
  customersNote: (months: number) =>
    `R, F, M: quintile scores 1–5 of days since the last purchase, purchase days and net spend to the observation end (5 best); the segment follows R and F (the map is in Formula help, RFM_SEGMENTS). Predicted CLV: next ${months} months, as on Predicted CLV. Value at risk = total spend × (1 − P(alive)).`,
  customersFilter:
    "To list one segment (e.g. At risk), pick it with the filter button on the Segment column of the customer table, then copy the Customer column.",
  customersSummaryHeader: ["Segment", "Customers", "Revenue share", "Mean predicted CLV", "Value at risk"],
  customersHeader: (months: number) => [
    "Customer",
    "Segment",
    "R",
    "F",
    "M",
    "Total spend",
    "Last purchase",
    "P(alive)",
    `Predicted CLV, next ${months} months`,
    "Value at risk",
  ],
  printedTop: (shown: number, all: string) =>
    `Printed: the top ${shown} of the ${all} customers listed on the sheet.`,
  customersTop: (shown: string, all: string) =>
    `The ${shown} most valuable of ${all} customers; the summary counts them all.`,
  customersNoFit: "P(alive), predicted CLV and value at risk are left blank.",
  customersOneTimers:
    "P(alive) is from BG/NBD, which lets a customer leave only after a repeat purchase: a customer who bought once counts as alive, with no value at risk (MBG/NBD and Pareto/NBD do not assume this; the Forecast check says why they were not used).",
  customersLostAlive: (model: string, alive: string) =>
    `Customers the RFM map calls Lost still have a P(alive) of ${alive} on average: ${model} finds little sign of customers dropping out in these purchases (its dropout parameters sit near a boundary, see Predicted CLV's notes), so weigh P(alive) and value at risk against the segment.`,
  atRiskNote:
    "Total spend × (1 − P(alive)): what the customer has spent, weighted by the chance that they are gone.",
  rfmSegments: {
    Champions: "Champions",
    "Loyal customers": "Loyal customers",
    "Potential loyalists": "Potential loyalists",
    "New customers": "New customers",
    Promising: "Promising",
    "Need attention": "Need attention",
    "About to sleep": "About to sleep",
    "At risk": "At risk",
    "Can't lose them": "Can't lose them",
    Hibernating: "Hibernating",
    Lost: "Lost",
  } as Record<RfmSegment, string>,
  allCustomers: "All customers",
  predictedTitle: (margin: boolean) =>
    `Predicted ${margin ? "margin" : "revenue"} of a new customer, and LTV:CAC, by channel`,
  predictedNote: (margin: boolean, share: number, discount: number, level: number, recent: number) =>
    `What a customer acquired today is expected to bring (${margin ? `margin: ${share}% of revenue` : "revenue: no margin given"}, ` +
    `discounted ${discount}%/month, first purchase included), from BG/NBD and Gamma-Gamma fitted on each channel's own customers; ` +
    `the ${level}% range is how sure the fit is, not one customer's spread. Recent CAC: spend / new customers of the channel's ` +
    `last ${recent} cohorts with a spend, so spend typed above updates it. Green: 3:1 or more.`,
  predictedNeedsRows:
    "Predicted LTV:CAC: not shown — a report computed in BigQuery fits it per channel, so only when split by a segment (channel) column (it reads the table once more): split the report by segment, or build it from a sheet or a file, to see it.",
  predictedHeader: (margin: boolean, level: number) => [
    "Channel",
    "Customers",
    "Recent cohorts from",
    "Recent CAC",
    "Months ahead",
    `Predicted ${margin ? "margin" : "revenue"} per new customer`,
    `${level}% range, low`,
    `${level}% range, high`,
    `Predicted ${margin ? "" : "revenue "}LTV:CAC`,
    "Model",
  ],
  ownFit: (n: number) => `fitted on this channel (${n} repeat buyers)`,
  pooledFew: (n: number, min: number) =>
    `pooled fit: only ${n} repeat buyers here (${min} needed), so all customers' fit is used`,
  pooledFailed:
    "pooled fit: this channel's own data do not pin the model down, so all customers' fit is used",
  predictedRatio: (margin: boolean, months: number, channel: string, pooled: boolean): [string, string] => [
    `Predicted ${margin ? "" : "revenue "}LTV:CAC, ${months} months: ${channel}${pooled ? " (pooled fit)" : ""}`,
    `Predicted ${margin ? "margin" : "revenue"} of a new customer over ${months} months / the channel's recent CAC (LTV-CAC sheet, below the totals); healthy at 3:1 or more.`,
  ],
  pbTitle: "Payback curves by cohort",
  pbNote: (margin: boolean, u: PeriodUnit) =>
    `Cumulative ${margin ? "margin" : "revenue"} per customer by ${EN_ONE[u]} since acquisition ÷ CAC, read from the LTV-CAC sheet: spend typed there moves these curves. Green: 1.0 or more, CAC paid back.`,
  pbBreakEven: (u: PeriodUnit) => `Break-even (${EN_ONE[u]})`,
  pbBreakEvenNote: (u: PeriodUnit) =>
    `First ${EN_ONE[u]} k (0 = the first) whose ratio reaches 1.0: the LTV-CAC sheet's payback.`,
  pbMedianTitle: "Median payback",
  pbMedianHeader: (u: PeriodUnit) => ["Cohorts with a CAC", "Paid back", `Median payback (${EN_MANY[u]})`],
  pbMedianNote: (u: PeriodUnit) =>
    `A cohort not yet paid back counts as longer than every ${EN_ONE[u]} observed, never dropped: the median is "not yet" while half or more of the cohorts have not paid back, and is never shorter than the one they will have.`,
  pbChartData: "Payback curves (chart data)",
  pbChart: (bySegment: boolean) => `Payback curve by ${bySegment ? "segment" : "cohort"}`,
  pbAxis: (margin: boolean) => `Cumulative ${margin ? "margin" : "revenue"} per customer ÷ CAC`,
  pbLine: "Break-even (1.0)",
  retentionChart: (bySegment: boolean) => `Retention curve by ${bySegment ? "segment" : "cohort"}`,
  retentionChartData: "Retention curves (chart data)",
  retentionAxis: "Share of the cohort buying",
  ltvCacChart: (margin: boolean, bySegment: boolean, cac: boolean) =>
    `Cumulative ${margin ? "margin" : "revenue"} per customer by ${bySegment ? "segment" : "cohort"}${cac ? ", against CAC" : ""}`,
  ltvCacChartData: "LTV curves against CAC (chart data)",
  cacLine: "Blended CAC",
  pbPaidByNote: (u: PeriodUnit) => `Cohorts paid back by ${EN_ONE[u]} k, for the median.`,
  // How rows became orders and customers (core/columns.ts, cohorts/transactions.ts).
  input: {
    orders: "An order is",
    ordersById: (h: string, lines: string, orders: string) =>
      `one "${h}": ${lines} rows (lines) add up to ${orders} orders and refunds`,
    ordersByRow: "one row (no order column)",
    noCustomer: "Rows without a customer id (left out)",
    noCustomerText: (rows: string, percent: string, revenue: string) =>
      `${rows} rows (${percent}) without a customer id were left out, revenue ${revenue}`,
  },
  /**
   * A GA4 export as the Summary's source (and the command line's line about it): what was counted and
   * how (core/sql/ga4.ts) — written once for the command line and the add-on.
   */
  ga4Source: (path: string, s: Ga4Stats) =>
    `GA4 export ${path}: ${plural(s.purchases, "purchase")}, ${plural(s.refunds, "refund")}; ` +
    `customer = user_id, else user_pseudo_id (${s.purchases_without_user_id} of ${s.purchases} purchases had no user_id); ` +
    `order = ecommerce.transaction_id (${plural(s.duplicate_events, "duplicate event")} counted once)`,
  /** The sidebar's GA4 Segment choice set to `asked`, as the report's sentence names it. */
  ga4SegmentControl: ((asked) => `Segment "${EN_SEGMENT_CHOICES[asked]}"`) as Ga4SegmentControl,
  /** A GA4 report's segment as the Summary's "split by" note names it. */
  ga4SegmentName: {
    channel_group: "session default channel group",
    source_medium: "traffic_source.source / medium",
  } as Record<Ga4SegmentColumn, string>,
  /**
   * Which segment a GA4 report splits by, and why (core/sql/ga4.ts, ga4SegmentChoice), naming the
   * setting that changes it as `control` names it (the command line's option, the sidebar's Segment).
   */
  ga4Segment: (choice: Ga4SegmentChoice, control: Ga4SegmentControl): string => {
    const group = "the session's default channel group";
    const source = "traffic_source.source / medium, the user's first acquisition";
    const missing = `${choice.missing.toLocaleString("en-US")} of ${plural(choice.purchases, "purchase")}`;
    switch (choice.reason) {
      case "complete":
        return `segment = ${group} (${CHANNEL_GROUP_FIELD}, set on every purchase; ${control("source-medium")} splits by source / medium instead)`;
      case "no-field":
        return `segment = ${source} (the export read has no ${CHANNEL_GROUP_FIELD}: GA4 exports it from 2024-10-10 on)`;
      case "incomplete":
        return (
          `segment = ${source} (${group} is missing on ${missing}: GA4 exports it from 2024-10-10 on; ` +
          `${control("channel-group")} uses it anyway, the missing as "${GA4_UNASSIGNED}")`
        );
      case "asked":
        return choice.column === "channel_group"
          ? `segment = ${group} (${control("channel-group")}${choice.missing ? `; missing on ${missing}, counted as "${GA4_UNASSIGNED}"` : ""})`
          : `segment = ${source} (${control("source-medium")})`;
    }
  },
};

export type Words = typeof en;

const KO_UNIT: Units = { week: "주", month: "개월", quarter: "분기" };
const KO_ONE: Units = { week: "주", month: "월", quarter: "분기" };

/** A count as Korean text writes it: 1,234. */
const koCount = (n: number) => n.toLocaleString("en-US");
/** The boundaries a fit can run to (fit/mle.ts, LimitKey), in Korean. */
const KO_LIMITS: Record<LimitKey, string> = {
  sameRate: "모든 고객의 구매율이 같아 보입니다",
  ratesApart: "고객마다 구매율이 한없이 달라 보입니다",
  sameDropout: "모든 고객이 구매 후 같은 확률로 이탈하는 것처럼 보입니다",
  noDropout: "아무도 이탈하지 않는 것처럼 보입니다",
  quickDropout: "고객이 구매 직후 이탈하는 것처럼 보입니다",
  sameMean: "모든 고객의 평균 주문 금액이 같아 보입니다",
  meansApart: "고객마다 평균 주문 금액이 한없이 달라 보입니다",
  oneValue: "고객마다 주문 금액이 모두 한 값인 것처럼 보입니다",
};
/** The RFM unit after a number (2.5주). */
const KO_RFM: Record<RfmUnit, string> = { day: "일", week: "주", month: "개월", quarter: "분기", year: "년" };

/** The sidebar's Segment choices in Korean (src/sidebar/i18n.ts). */
const KO_SEGMENT_CHOICES: Record<Ga4SegmentAsked, string> = {
  auto: "자동",
  "channel-group": "세션 기본 채널 그룹",
  "source-medium": "첫 사용자 소스/매체",
};

const ko: Words = {
  sheets: SHEET_NAMES.ko,
  one: KO_ONE,
  cohorts: { week: "주별 코호트", month: "월별 코호트", quarter: "분기별 코호트" },
  cohortHeader: { week: "코호트 주 (월요일)", month: "코호트 월", quarter: "코호트 분기" },
  segment: "세그먼트",
  customers: "고객 수",
  allCohorts: "전체 코호트",
  allSegments: "전체 세그먼트",
  partial: (u, day) => `진행 중인 ${KO_ONE[u]}: ${day}까지 관측되어 값이 아직 증가 중입니다.`,
  sinceFirst: (u) => `첫 구매 후 ${KO_ONE[u]}`,

  retentionTitle: "코호트별 리텐션",
  retentionNote: (u) =>
    `첫 구매 k${KO_UNIT[u]} 후 구매한 고객 비율. 평균은 코호트 크기 가중, 진행 중인 기간 제외.`,
  activeTitle: "코호트별 활성 고객 수",

  revenueTitle: "코호트별 매출 및 생애 가치",
  revenueNote: (u) =>
    `코호트의 k번째 ${KO_ONE[u]} 순매출, 이어서 고객당 누적 매출. "전체 코호트"는 기간을 마친 코호트의 가중 평균 증가분을 더해 줄지 않습니다.`,
  revenueBlock: "코호트별 매출",
  ltvBlock: "LTV: 고객당 누적 매출",
  marginBlock: "고객당 누적 이익",
  chartData: "세그먼트별 평균 LTV (차트 데이터)",
  chartBySegment: "세그먼트별 LTV 곡선",
  chartByCohort: "코호트별 LTV 곡선",
  perCustomer: "고객당 누적 매출",

  ltvCacTitle: "코호트별 LTV:CAC 및 회수 기간",
  ltvCacNote: (spend, margin) =>
    `노란 셀에 지출을 ${spend ? "바꾸면" : "입력하면"} 여기와 요약의 CAC, LTV:CAC, 회수 기간이 재계산됩니다. ` +
    `n의 LTV: 기간 0 … n − 1의 고객당 누적 ${margin ? "이익" : "매출"}. 녹색: 3:1 이상.`,
  newCustomers: "신규 고객",
  spend: "지출",
  cac: "CAC",
  ltvAt: (margin, n, u) => `${margin ? "이익" : "매출"} LTV, ${n}${KO_UNIT[u]}`,
  ratioAt: (margin, n, u) => `${margin ? "" : "매출 "}LTV:CAC, ${n}${KO_UNIT[u]}`,
  paybackHeader: (u) => `회수 기간 (${KO_ONE[u]})`,
  notYet: "아직 아님",
  curveNote: (margin, u) => `${KO_ONE[u]}별 고객당 누적 ${margin ? "이익" : "매출"} (회수 기간 수식용).`,
  paybackNote: (u) => `고객당 누적 이익이 CAC에 도달한 첫 ${KO_ONE[u]} k (0 = 첫 기간).`,
  blendedCacNote: "통합 CAC: 지출 / 지출이 있는 코호트의 신규 고객.",
  revenueBased: "매출 기준: 이익률이 없어 LTV:CAC가 이익 기준보다 높습니다.",

  reportTitle: (source) => `코호트 LTV 보고서: ${source}`,
  summaryTitle: "코호트 LTV 보고서",
  metric: "지표",
  value: "값",
  meaning: "의미",
  setting: "설정",
  notEnough: "데이터가 부족합니다: 의미를 보세요.",
  metrics: {
    customers: ["고객 수", "구매한 고객."],
    orders: ["주문 수", "구매 건수 (환불 제외)."],
    revenue: ["매출", "모든 금액, 환불 차감."],
    aov: ["평균 주문 금액", "매출 / 주문 수."],
    frequency: ["구매 빈도", "주문 수 / 고객 수."],
    repeat: ["재구매율", "2회 이상 주문 고객 / 고객."],
    cac: ["통합 CAC", "LTV-CAC 시트의 합계: 지출 / 지출 있는 코호트의 신규 고객."],
  },
  churn: (u) => [
    `${{ week: "주간", month: "월간", quarter: "분기" }[u]} 이탈률`,
    `한 ${KO_ONE[u]}의 구매 고객 중 다음 ${KO_ONE[u]}에 구매하지 않은 비율.`,
  ],
  ltv: (margin, n, u) => [
    `${margin ? "이익 LTV" : "LTV"}, ${n}${KO_UNIT[u]}`,
    `기간 0 … ${n - 1}의 고객당 누적 ${margin ? "이익" : "매출"} ("전체 코호트").`,
  ],
  ratio: (margin, n, u) => [
    `${margin ? "" : "매출 "}LTV:CAC, ${n}${KO_UNIT[u]}`,
    `${margin ? "이익" : "매출"} LTV / 통합 CAC; 3:1 이상이 건전 (경험칙).`,
  ],
  payback: (u) => [
    `회수 기간 (${KO_ONE[u]})`,
    `고객당 누적 이익이 통합 CAC에 도달한 첫 ${KO_ONE[u]} (0 = 첫 기간).`,
  ],
  verdict: ["판정", "3:1 경험칙 대비 LTV:CAC."],
  atOrAbove: "3:1 경험칙 이상",
  below: "3:1 경험칙 미만",
  onRevenue: " (매출 기준: 이익률 없음)",

  settings: {
    source: "원본",
    period: "기간",
    end: "관측 종료일",
    partialLast: "진행 중인 마지막 기간",
    margin: "이익률",
    split: "세그먼트별 분할",
    spend: "지출 표",
    currency: "통화",
    partialFirst: "불완전한 첫 기간",
    afterEnd: "관측 종료 후 행 (제외)",
    orphanRefunds: "코호트 없는 환불 (제외)",
  },
  transactions: "거래",
  no: "아니요",
  partialLast: (_, day) => `예: ${day}의 기간이 진행 중 (표시된 셀)`,
  partialFirst: (day) => `예: ${day}부터의 데이터; 첫 코호트가 불완전 (CAC 높음)`,
  marginColumn: (h) => `이익 열 "${h}"`,
  costColumn: (h) => `금액 − 원가 열 "${h}"`,
  marginRate: (p) => `매출의 ${p}%`,
  noMargin: "없음: LTV는 매출",
  splitBy: (h) => `예, 각 고객 첫 구매의 "${h}" 기준`,
  refunds: (rows, amount) => `${rows}행, ${amount}`,
  spendNone: "없음",
  spendNoSegment: "미사용: 세그먼트 열이 없습니다 — 분할 없이 만드세요",
  spendRows: (rows, total) => `${rows}행, 합계 ${total}`,
  spendLeftOut: (x) => `${x} 제외 (신규 고객 없음)`,
  spendSpread: "1일자 행은 월 지출로 일수에 나눔: 각 주는 각 달에서 자기 일수만큼",
  spendByDate: (u) => `행은 날짜의 ${KO_ONE[u]}에 들어감${u === "quarter" ? " (월 합산)" : ""}`,

  noRows: "거래: 데이터 행이 없습니다 — 고객 ID, 날짜, 금액을 주세요",
  noPurchases: (day) => `거래: 관측 종료일 ${day} 이전의 구매가 없습니다`,
  needsRows: (sheet) => `${sheet} 시트는 모든 거래를 메모리에서 읽어야 합니다: --engine js로 만드세요`,
  tooWide: (first, last, n, u, limit) =>
    `거래: 날짜가 ${first}부터 ${last}까지 ${n}${KO_UNIT[u]}로 시트 한도 ${limit}열을 넘습니다. ` +
    `연도 오타를 확인하거나 관측 종료일 또는 더 긴 기간을 정하세요.`,

  clvTitle: "예측 고객 생애 가치",
  clvFailed: (why) => `이 거래에 모델을 적합할 수 없습니다: ${why}.`,
  clvNote: (months, discount, model) =>
    `향후 ${months}개월 고객당 기대 매출, 월 ${discount}% 할인: ${model}와 Gamma-Gamma (Fader, Hardie & Lee 2005), 관측 종료일까지 적합.`,
  clvBetterModel: (model, mae, other, otherMae) =>
    `구매 모델: ${model} — 예측 점검의 검증 기간에 더 잘 맞습니다(고객당 평균 절대 오차 ${mae}, ${other} ${otherMae}).`,
  clvOnlyModel: (model, why) =>
    `구매 모델: ${model} — 예측 점검에서 적합할 수 있었던 유일한 모델입니다. ${why}`,
  fitNoRepeat: "재구매한 고객이 없어 구매·지출 모델이 배울 것이 없습니다",
  fitNoMaximum: (_, boundary) =>
    boundary
      ? `이 데이터로는 모델의 최적 적합을 찾을 수 없습니다: ${limitsText(boundary, KO_LIMITS, "모수가 모델의 경계로 계속 움직입니다")}. 고객이 더 많거나 기간이 더 길면 찾을 수 있습니다`
      : "이 데이터로는 모델의 최적 적합을 찾을 수 없습니다(모수가 모델의 경계로 계속 움직입니다). 고객이 더 많거나 기간이 더 길면 찾을 수 있습니다",
  fitOther: () =>
    "이 데이터로는 모델을 적합할 수 없습니다. 고객이 더 많거나 기간이 더 길면 적합할 수 있습니다",
  fitUnboundedMean: (q) =>
    `매우 큰 주문 몇 건 때문에 지출 모델의 평균 주문 금액이 한없이 커져(q = ${q}, 1 이하) 고객의 기대 주문 금액을 추정할 수 없습니다(가장 큰 금액을 확인하세요)`,
  intervalUnpinned: (model) => `데이터가 ${model} 모수를 정하지 못합니다(우도가 어떤 방향으로 평평합니다)`,
  noteFewCustomers: (customers) =>
    `고객이 ${koCount(customers)}명뿐입니다: 이렇게 적은 고객으로 낸 추정치는 표본마다 크게 달라집니다.`,
  noteFewRepeat: (repeat, customers) =>
    `고객 ${koCount(customers)}명 중 재구매한 고객은 ${koCount(repeat)}명뿐입니다: 모델은 재구매 고객에게서 구매율과 이탈을 배웁니다.`,
  noteUnpinned:
    "데이터가 모수를 정하지 못합니다: 우도가 어떤 방향으로 평평하므로 예측은 대략적인 값으로 보세요.",
  noteLoose: (name, ratio) =>
    `${name}은(는) 데이터로 거의 정해지지 않습니다(표준 오차가 추정치의 ${ratio.toFixed(1)}배): 모델의 경계 근처에 있습니다.`,
  noteShortHoldout: (holdout, calibration, unit) =>
    `검증 기간이 ${holdout.toFixed(1)}${KO_RFM[unit]}로 보정 기간 ${calibration.toFixed(1)}${KO_RFM[unit]}에 비해 너무 짧아 예측을 판단할 수 없습니다. 보정 기간 끝을 더 이른 날짜로 정하세요.`,
  noteLateCustomers: (customers) =>
    `보정 기간 끝이 대부분 고객의 첫 구매보다 앞섭니다: 고객 ${koCount(customers)}명이 검증 기간에 처음 구매해 점검되지 않습니다.`,
  noteSpendCorrelation: (correlation) =>
    `지출이 구매 빈도에 따라 ${correlation > 0 ? "늘어납니다" : "줄어듭니다"}(상관계수 ${correlation.toFixed(2)}): Gamma-Gamma는 둘이 서로 독립이라고 가정하므로 기대 주문 금액이 평균 쪽으로 치우칩니다.`,
  noteHoldoutCut: (asked, last, span, unit) =>
    `검증 기간 끝 ${asked}이(가) 데이터의 마지막 날짜(${last}) 이후라 그 날짜에서 잘랐습니다: 예측도 비교하는 구매와 같은 기간(${span.toFixed(1)}${KO_RFM[unit]})을 다룹니다.`,
  clvDefaultModel: (why) =>
    `구매 모델: MBG/NBD(기본값, BG/NBD와 달리 한 번만 산 고객도 떠났을 수 있다고 봅니다) — 예측 점검으로 모델을 비교할 수 없었습니다. ${why}`,
  clvInDatabase:
    "이 보고서는 예측 점검이나 고객 목록 시트 없이 데이터베이스(BigQuery 또는 DuckDB)에서 계산되었습니다. 백테스트는 그 시트들이 읽는 고객별 한 행이 필요하므로, 둘 중 하나를 추가하면 백테스트로 모델을 고릅니다.",
  clvListNeedsRows:
    "고객별 목록: 표시하지 않음. 보고서가 데이터베이스(BigQuery 또는 DuckDB)에서 계산되어 고객이 구매 이력별로 요약되어 있습니다. 고객 목록 또는 예측 점검 시트를 추가하면(데이터베이스가 고객별로 한 행을 반환) 목록을 볼 수 있습니다. 옆의 적합 결과와 합계는 모든 고객을 셉니다.",
  clvHeader: (months) => [
    "고객",
    "재구매 수",
    "P(활성)",
    `기대 구매 수, 향후 ${months}개월`,
    "기대 주문 금액",
    "예측 CLV",
  ],
  clvTop: (shown, all) => `고객 ${all}명 중 가치가 높은 ${shown}명.`,
  paramsHeader: ["모델", "모수", "값"],
  alphaWeeks: "α (주)",
  betaWeeks: "β (주)",
  logLikelihood: "로그 우도",
  fitted: (model) => `적합 (${model})`,
  withRepeat: "재구매 금액 있음 (Gamma-Gamma)",
  leftOut: "제외: 재구매 합계 0 이하",
  total: "합계",
  clvTotal: (months) => `예측 CLV, 향후 ${months}개월`,
  clvIntervalNote: (level) =>
    `${level}% 구간은 적합된 모수의 불확실성에서 계산합니다(델타 방법): 기대 CLV의 범위이며, 한 고객이 쓸 금액의 범위가 아닙니다. 합계의 구간은 고객별 한계를 더하지 않고 합계에 같은 방법을 적용해 계산합니다.`,
  clvNoInterval: (level, why) => `${level}% 구간 없음: ${why}.`,
  clvBounds: (level) => [`${level}% 구간, 하한`, `${level}% 구간, 상한`],
  clvTotalLower: (level) => `합계의 ${level}% 구간, 하한`,
  clvTotalUpper: (level) => `합계의 ${level}% 구간, 상한`,
  fitTitle: "표본 내 적합: 재구매 수별 고객",
  fitHeader: (model) => ["재구매 수", "실제", model],
  fitChart: (model) => `재구매 수별 고객: 실제 vs ${model}`,
  fitAxis: "관측 종료일까지의 재구매 수",
  fcTitle: "예측 점검: 구매 예측은 얼마나 정확한가?",
  fcNote: (calibration, end, halfway) =>
    `${calibration}까지의 구매로 적합${halfway ? "(기본값: 데이터 기간의 중간)" : ""}한 뒤, 그때까지 처음 구매한 고객이 ${end}까지 실제로 한 구매와 비교.`,
  fcFailed: (why) => `이 거래로 모델을 점검할 수 없습니다: ${why}`,
  calibrationControl: '"예측: 이 날짜까지의 구매로 적합" 날짜',
  fcSplit: (reason, control) => {
    switch (reason.kind) {
      case "after-data":
        return `보정 기간 끝 ${reason.end}이(가) 데이터의 마지막 날짜(${reason.last}) 이후라 예측과 비교할 구매가 남지 않습니다. ${control}에 더 이른 날짜를 넣으세요.`;
      case "holdout-before":
        return `검증 기간이 ${reason.holdout}에 끝나 보정 기간 끝 ${reason.end} 이후가 아닙니다. ${control}에 더 이른 날짜를 넣으세요.`;
      case "before-first":
        return `보정 기간 끝 ${reason.end}이(가) 첫 구매(${reason.first}) 이전이라 모델을 적합할 고객이 없습니다. ${control}에 더 늦은 날짜를 넣으세요.`;
      case "one-customer":
        return `보정 기간 끝 ${reason.end}까지 구매한 고객이 한 명뿐인데, 고객 모델에는 많은 고객이 필요합니다. ${control}에 더 늦은 날짜를 넣으세요.`;
      case "no-repeat":
        return `보정 기간 끝 ${reason.end}까지 처음 관측된 고객 ${reason.customers.toLocaleString("en-US")}명 중 그때까지 재구매한 고객이 없어 모델을 적합할 수 없습니다. ${control}에 더 늦은 날짜를 넣으세요.`;
    }
  },
  fcSentence: (predicted, actual, bias) =>
    `모델은 검증 기간 재구매를 ${predicted}건으로 예측했고, 고객은 ${actual}건 구매했습니다(${bias}).`,
  fcBetter: (model, mae, other) =>
    `${model}이(가) 검증 기간에 더 잘 맞습니다(고객당 평균 절대 오차 ${mae}, 다른 모델 ${other}).`,
  fcOnly: (model, why) => `${model}만: ${why}`,
  fcBucketHeader: (models) => [
    "적합 기간 재구매 수",
    "고객",
    "실제, 평균",
    ...models.map((m) => `${m}, 평균`),
  ],
  fcAll: "전체",
  fcActual: "검증 기간 구매, 실제",
  fcPredicted: (model) => `검증 기간 구매, ${model}`,
  fcBias: "합계의 편향",
  fcMae: "고객당 평균 절대 오차",
  fcCurveHeader: (model) => ["주 종료일", "실제", model, "기간"],
  fcCalibration: "적합",
  fcHoldout: "검증",
  fcChart: (model, calibration) => `누적 재구매: 실제 vs ${model} (${calibration}까지 적합, 이후 검증)`,
  fcWeek: "주",
  fcRepeats: "재구매",
  mrrTitle: "구독 매출 (MRR)",
  mrrNote:
    "n개월에 대한 결제 A는 그 n개 달력 월에 A / n씩 더합니다. 고객의 월 MRR은 그 합 (0 이하: 없음). 변동은 ChartMogul 정의를 따릅니다.",
  mrrNone: "관측 종료일 이전의 결제가 없습니다.",
  mrrMetrics: (months, margin) => ({
    mrr: ["현재 MRR", "마지막 달의 월간 반복 매출."],
    arr: ["ARR", "연간 환산 매출: 12 × 현재 MRR."],
    customers: ["MRR 보유 고객", "마지막 달에 MRR이 있는 고객."],
    nrr: ["NRR, 마지막 달", "(시작 MRR + 확장 + 축소 + 이탈) / 시작 MRR."],
    grr: ["GRR, 마지막 달", "(시작 MRR + 축소 + 이탈) / 시작 MRR."],
    trailingNrr: ["NRR, 최근 12개월", "12개월 전 MRR이 있던 고객의 현재 MRR / 그때 MRR."],
    trailingGrr: ["GRR, 최근 12개월", "같은 방식이되 고객별 현재 MRR은 그때 MRR까지만 (확장 제외)."],
    quickRatio: ["퀵 레이쇼, 마지막 달", "(신규 + 확장 + 재활성화) / −(축소 + 이탈); 4 초과면 효율적 성장."],
    arpa: ["ARPA", "계정당 평균 매출: 현재 MRR / MRR 보유 고객."],
    churnRate: ["고객 이탈률", `이탈 고객 / 월초 MRR 보유 고객, 최근 ${months}개월 기준.`],
    ltv: ["LTV", `ARPA × 이익률 (${margin}%) / 고객 이탈률, SaaS 도구의 정의대로.`],
  }),
  month: "월",
  mrrStart: "시작 MRR",
  mrrEnd: "종료 MRR",
  movements: {
    new: "신규",
    expansion: "확장",
    reactivation: "재활성화",
    contraction: "축소",
    churned: "이탈",
  },
  quickRatio: "퀵 레이쇼",
  movementsTitle: "MRR 변동",
  movementsChart: "MRR 변동 및 MRR",
  mrrRetention: "매출 유지율",
  mrrRetentionChart: "순매출 및 총매출 유지율",
  mrrKept: "유지된 MRR 비율",
  cohortNrr: "코호트별 순 MRR 유지율",
  cohortNrrNote: "각 코호트의 k개월 차 MRR / 0개월 차 MRR.",
  mrrMonth0: "MRR, 0개월 차",

  customersTitle: "고객: RFM 세그먼트, P(활성), 예측 CLV, 위험 가치",
  customersNote: (months) =>
    `R, F, M: 관측 종료일까지 마지막 구매 후 일수, 구매일 수, 순지출의 고객 5분위 점수 1–5 (5가 가장 좋음). 세그먼트는 R과 F로 정합니다 (표는 수식 도움말의 RFM_SEGMENTS). 예측 CLV: 향후 ${months}개월, 예측 CLV 시트와 같음. 위험 가치 = 총지출 × (1 − P(활성)).`,
  customersFilter:
    "한 세그먼트(예: 이탈 위험)만 보려면 고객 표의 세그먼트 열 필터 버튼으로 고른 뒤 고객 열을 복사하세요.",
  customersSummaryHeader: ["세그먼트", "고객 수", "매출 비중", "평균 예측 CLV", "위험 가치"],
  customersHeader: (months) => [
    "고객",
    "세그먼트",
    "R",
    "F",
    "M",
    "총지출",
    "마지막 구매",
    "P(활성)",
    `예측 CLV, 향후 ${months}개월`,
    "위험 가치",
  ],
  printedTop: (shown, all) => `인쇄: 시트에 있는 고객 ${all}명 중 상위 ${shown}명.`,
  customersTop: (shown, all) => `고객 ${all}명 중 가치가 높은 ${shown}명. 요약은 모든 고객을 셉니다.`,
  customersNoFit: "P(활성), 예측 CLV, 위험 가치는 비워 둡니다.",
  customersOneTimers:
    "P(활성)은 BG/NBD에서 나온 값입니다. 이 모형은 고객이 재구매 뒤에만 떠날 수 있다고 보므로, 한 번만 산 고객은 활성으로 치고 위험 가치가 0입니다(MBG/NBD와 Pareto/NBD는 이렇게 가정하지 않습니다. 쓰이지 않은 이유는 예측 점검 시트에 있습니다).",
  customersLostAlive: (model, alive) =>
    `RFM 맵이 이탈로 분류한 고객의 평균 P(활성)이 여전히 ${alive}입니다: ${model}은(는) 이 구매 데이터에서 고객이 떠난다는 신호를 거의 찾지 못했습니다(이탈 모수가 경계 근처에 있습니다. 예측 CLV의 메모 참고). P(활성)과 위험 가치는 세그먼트와 함께 판단하세요.`,
  atRiskNote: "총지출 × (1 − P(활성)): 고객이 쓴 금액에 이미 떠났을 확률을 곱한 값.",
  rfmSegments: {
    Champions: "챔피언",
    "Loyal customers": "충성 고객",
    "Potential loyalists": "잠재 충성 고객",
    "New customers": "신규 고객",
    Promising: "유망 고객",
    "Need attention": "관심 필요",
    "About to sleep": "휴면 직전",
    "At risk": "이탈 위험",
    "Can't lose them": "놓치면 안 될 고객",
    Hibernating: "휴면",
    Lost: "이탈",
  },
  allCustomers: "전체 고객",
  predictedTitle: (margin) => `채널별 신규 고객의 예측 ${margin ? "이익" : "매출"}과 LTV:CAC`,
  predictedNote: (margin, share, discount, level, recent) =>
    `오늘 획득한 고객 한 명이 가져올 것으로 예상되는 ${margin ? `이익(매출의 ${share}%)` : "매출(이익률 없음)"}, 월 ${discount}% 할인, 첫 구매 포함: ` +
    `채널마다 그 채널 고객으로 적합한 BG/NBD와 Gamma-Gamma 모형입니다. ${level}% 범위는 적합의 불확실성이며 고객 한 명의 편차가 아닙니다. ` +
    `최근 CAC: 지출이 있는 그 채널의 최근 ${recent}개 코호트의 지출 / 신규 고객이므로, 위에 지출을 입력하면 다시 계산됩니다. 초록색: 3:1 이상.`,
  predictedNeedsRows:
    "예측 LTV:CAC: 표시하지 않음. BigQuery에서 계산된 보고서는 채널별로 예측하므로(테이블을 한 번 더 읽음) 세그먼트(채널) 열로 나눈 경우에만 표시합니다. 보고서를 세그먼트별로 나누거나 시트나 파일에서 만들면 볼 수 있습니다.",
  predictedHeader: (margin, level) => [
    "채널",
    "고객",
    "최근 코호트 시작",
    "최근 CAC",
    "향후 개월",
    `신규 고객당 예측 ${margin ? "이익" : "매출"}`,
    `${level}% 범위, 하한`,
    `${level}% 범위, 상한`,
    `예측 ${margin ? "" : "매출 "}LTV:CAC`,
    "모형",
  ],
  ownFit: (n) => `이 채널로 적합 (재구매 고객 ${n}명)`,
  pooledFew: (n, min) => `전체 적합 사용: 재구매 고객이 ${n}명뿐입니다(${min}명 필요)`,
  pooledFailed: "전체 적합 사용: 이 채널의 데이터로는 모형을 정할 수 없습니다",
  predictedRatio: (margin, months, channel, pooled) => [
    `예측 ${margin ? "" : "매출 "}LTV:CAC, ${months}개월: ${channel}${pooled ? " (전체 적합)" : ""}`,
    `신규 고객의 ${months}개월 예측 ${margin ? "이익" : "매출"} / 채널의 최근 CAC (LTV-CAC 시트, 합계 아래). 3:1 이상이면 건전합니다.`,
  ],
  pbTitle: "코호트별 회수 곡선",
  pbNote: (margin, u) =>
    `획득 후 ${KO_ONE[u]}별 고객당 누적 ${margin ? "이익" : "매출"} ÷ CAC (LTV-CAC 시트에서 읽음): 그곳에 입력한 지출이 이 곡선을 바꿉니다. 녹색: 1.0 이상, CAC 회수.`,
  pbBreakEven: (u) => `손익분기 (${KO_ONE[u]})`,
  pbBreakEvenNote: (u) => `비율이 1.0에 도달한 첫 ${KO_ONE[u]} k (0 = 첫 기간): LTV-CAC 시트의 회수 기간.`,
  pbMedianTitle: "회수 기간 중앙값",
  pbMedianHeader: (u) => ["CAC가 있는 코호트", "회수 완료", `회수 기간 중앙값 (${KO_ONE[u]})`],
  pbMedianNote: () =>
    '아직 회수하지 못한 코호트는 관측된 모든 기간보다 긴 것으로 셉니다(제외하지 않음): 절반 이상이 회수하지 못했으면 중앙값은 "아직 아님"이며, 실제보다 짧게 나오지 않습니다.',
  pbChartData: "회수 곡선 (차트 데이터)",
  pbChart: (bySegment) => (bySegment ? "세그먼트별 회수 곡선" : "코호트별 회수 곡선"),
  pbAxis: (margin) => `고객당 누적 ${margin ? "이익" : "매출"} ÷ CAC`,
  pbLine: "손익분기 (1.0)",
  retentionChart: (bySegment) => (bySegment ? "세그먼트별 리텐션 곡선" : "코호트별 리텐션 곡선"),
  retentionChartData: "리텐션 곡선 (차트 데이터)",
  retentionAxis: "구매한 코호트 고객 비율",
  ltvCacChart: (margin, bySegment, cac) =>
    `${bySegment ? "세그먼트" : "코호트"}별 고객당 누적 ${margin ? "이익" : "매출"}${cac ? "과 CAC" : ""}`,
  ltvCacChartData: "LTV 곡선과 CAC (차트 데이터)",
  cacLine: "통합 CAC",
  pbPaidByNote: (u) => `${KO_ONE[u]} k까지 회수한 코호트 수 (중앙값 계산용).`,
  input: {
    orders: "주문 단위",
    ordersById: (h, lines, orders) => `"${h}" 하나: ${lines}개 행(품목)을 합쳐 주문·환불 ${orders}건`,
    ordersByRow: "행 하나 (주문 열 없음)",
    noCustomer: "고객 ID 없는 행 (제외)",
    noCustomerText: (rows, percent, revenue) =>
      `고객 ID가 없는 ${rows}개 행(${percent})을 제외했습니다, 매출 ${revenue}`,
  },
  ga4Source: (path, s) =>
    `GA4 내보내기 ${path}: 구매 ${koCount(s.purchases)}건, 환불 ${koCount(s.refunds)}건; ` +
    `고객 = user_id, 없으면 user_pseudo_id (구매 ${koCount(s.purchases)}건 중 ${koCount(s.purchases_without_user_id)}건은 user_id 없음); ` +
    `주문 = ecommerce.transaction_id (중복 이벤트 ${koCount(s.duplicate_events)}건은 한 번만 셈)`,
  ga4SegmentControl: (asked) => `세그먼트 "${KO_SEGMENT_CHOICES[asked]}"`,
  ga4SegmentName: { channel_group: "세션 기본 채널 그룹", source_medium: "첫 사용자 소스/매체" },
  ga4Segment: (choice, control) => {
    const group = "세션 기본 채널 그룹";
    const source = "traffic_source.source / medium, 사용자의 첫 유입";
    const missing = `구매 ${koCount(choice.purchases)}건 중 ${koCount(choice.missing)}건`;
    switch (choice.reason) {
      case "complete":
        return `세그먼트 = ${group} (${CHANNEL_GROUP_FIELD}, 모든 구매에 있음; 소스 / 매체로 나누려면: ${control("source-medium")})`;
      case "no-field":
        return `세그먼트 = ${source} (읽은 내보내기에 ${CHANNEL_GROUP_FIELD} 없음: GA4는 2024-10-10부터 내보냄)`;
      case "incomplete":
        return (
          `세그먼트 = ${source} (${missing}에 ${group} 없음: GA4는 2024-10-10부터 내보냄; ` +
          `그래도 쓰려면: ${control("channel-group")}, 없는 구매는 "${GA4_UNASSIGNED}")`
        );
      case "asked":
        return choice.column === "channel_group"
          ? `세그먼트 = ${group} (${control("channel-group")}${choice.missing ? `; ${missing}에 없어 "${GA4_UNASSIGNED}"로 셈` : ""})`
          : `세그먼트 = ${source} (${control("source-medium")})`;
    }
  },
};

/** Russian plural: 1 неделя, 2 недели, 5 недель. */
const RU_FORMS: Record<PeriodUnit, [string, string, string]> = {
  week: ["неделя", "недели", "недель"],
  month: ["месяц", "месяца", "месяцев"],
  quarter: ["квартал", "квартала", "кварталов"],
};
function ruCount(n: number, u: PeriodUnit): string {
  const [one, few, many] = RU_FORMS[u];
  const d = n % 10;
  const dd = n % 100;
  return `${n} ${d === 1 && dd !== 11 ? one : d >= 2 && d <= 4 && (dd < 12 || dd > 14) ? few : many}`;
}
const RU_ONE: Units = { week: "неделя", month: "месяц", quarter: "квартал" };
const RU_IN: Units = { week: "неделю", month: "месяц", quarter: "квартал" };
const RU_MANY: Units = { week: "недели", month: "месяцы", quarter: "кварталы" };

/** A count as Russian text writes it: 1 234. */
const ruNumber = (n: number) => n.toLocaleString("ru-RU");
/** The boundaries a fit can run to (fit/mle.ts, LimitKey), in Russian. */
const RU_LIMITS: Record<LimitKey, string> = {
  sameRate: "все клиенты будто покупают с одной частотой",
  ratesApart: "частота покупок будто различается между клиентами без предела",
  sameDropout: "все клиенты будто уходят после покупки с одной вероятностью",
  noDropout: "никто будто не уходит",
  quickDropout: "клиенты будто уходят сразу после покупки",
  sameMean: "у всех клиентов будто один средний чек",
  meansApart: "средний чек будто различается между клиентами без предела",
  oneValue: "заказы каждого клиента будто все на одну сумму",
};
/** A fraction with a decimal comma: 2,5. */
const ruDecimal = (x: number, digits: number) => x.toFixed(digits).replace(".", ",");
/** "из 21 клиента", "из 25 клиентов": the genitive after a count. */
const ruOfCustomers = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? "клиента" : "клиентов");
/** The RFM unit after a fractional number, abbreviated as Russian writes it (2,5 нед.). */
const RU_RFM: Record<RfmUnit, string> = {
  day: "дн.",
  week: "нед.",
  month: "мес.",
  quarter: "кв.",
  year: "г.",
};

/** The sidebar's Segment choices in Russian (src/sidebar/i18n.ts). */
const RU_SEGMENT_CHOICES: Record<Ga4SegmentAsked, string> = {
  auto: "Автоматически",
  "channel-group": "Группа каналов по умолчанию для сеанса",
  "source-medium": "Источник/канал первого пользователя",
};

const ru: Words = {
  sheets: SHEET_NAMES.ru,
  one: RU_ONE,
  cohorts: { week: "недельные когорты", month: "месячные когорты", quarter: "квартальные когорты" },
  cohortHeader: { week: "Неделя когорты (пн)", month: "Месяц когорты", quarter: "Квартал когорты" },
  segment: "Сегмент",
  customers: "Клиенты",
  allCohorts: "Все когорты",
  allSegments: "Все сегменты",
  partial: (u, day) => `Неполный период (${RU_ONE[u]}): данные по ${day}, значение ещё растёт.`,
  sinceFirst: (u) => `${RU_MANY[u]} после первой покупки`,

  retentionTitle: "Удержание по когортам",
  retentionNote: () =>
    "Доля клиентов когорты, купивших через k периодов после первой покупки. Средние — по размеру когорт, без неполных периодов.",
  activeTitle: "Активные клиенты по когортам",

  revenueTitle: "Выручка и пожизненная ценность по когортам",
  revenueNote: () =>
    "Чистая выручка когорты в k-м периоде, затем накопленная выручка на клиента. «Все когорты» суммирует средний прирост завершивших период когорт и не падает.",
  revenueBlock: "Выручка по когортам",
  ltvBlock: "LTV: накопленная выручка на клиента",
  marginBlock: "Накопленная маржа на клиента",
  chartData: "Средний LTV по сегментам (данные графика)",
  chartBySegment: "Кривая LTV по сегментам",
  chartByCohort: "Кривая LTV по когортам",
  perCustomer: "Накопленная выручка на клиента",

  ltvCacTitle: "LTV:CAC и окупаемость по когортам",
  ltvCacNote: (spend, margin) =>
    `${spend ? "Измените" : "Введите"} расходы в жёлтых ячейках: CAC, LTV:CAC и окупаемость пересчитаются здесь и в сводке. ` +
    `LTV за n: накопленная ${margin ? "маржа" : "выручка"} на клиента за периоды 0 … n − 1. Зелёный: от 3:1.`,
  newCustomers: "Новые клиенты",
  spend: "Расходы",
  cac: "CAC",
  ltvAt: (margin, n, u) => `LTV по ${margin ? "марже" : "выручке"}, ${ruCount(n, u)}`,
  ratioAt: (margin, n, u) => `LTV:CAC${margin ? "" : " по выручке"}, ${ruCount(n, u)}`,
  paybackHeader: (u) => `Окупаемость (${RU_MANY[u]})`,
  notYet: "ещё нет",
  curveNote: (margin) =>
    `Накопленная ${margin ? "маржа" : "выручка"} на клиента по периодам (для окупаемости).`,
  paybackNote: () => "Первый период k (0 — первый), где накопленная маржа на клиента достигает CAC.",
  blendedCacNote: "Общий CAC: расходы / новые клиенты когорт с расходами.",
  revenueBased: "По выручке: маржа не задана, LTV:CAC выше, чем по прибыли.",

  reportTitle: (source) => `Отчёт LTV по когортам: ${source}`,
  summaryTitle: "Отчёт LTV по когортам",
  metric: "Показатель",
  value: "Значение",
  meaning: "Что означает",
  setting: "Параметр",
  notEnough: "Недостаточно данных: см. описание.",
  metrics: {
    customers: ["Клиенты", "Клиенты с покупкой."],
    orders: ["Заказы", "Покупки (возвраты — не заказы)."],
    revenue: ["Выручка", "Все суммы за вычетом возвратов."],
    aov: ["Средний чек", "Выручка / заказы."],
    frequency: ["Частота покупок", "Заказы / клиенты."],
    repeat: ["Доля повторных", "Клиенты с 2+ заказами / клиенты."],
    cac: ["Общий CAC", "Итог листа LTV-CAC: расходы / новые клиенты когорт с расходами."],
  },
  churn: (u) => [`Отток за ${RU_IN[u]}`, "Доля купивших в периоде, не купивших в следующем."],
  ltv: (margin, n, u) => [
    `LTV${margin ? " по марже" : ""}, ${ruCount(n, u)}`,
    `Накопленная ${margin ? "маржа" : "выручка"} на клиента, периоды 0 … ${n - 1} («Все когорты»).`,
  ],
  ratio: (margin, n, u) => [
    `LTV:CAC${margin ? "" : " по выручке"}, ${ruCount(n, u)}`,
    `LTV по ${margin ? "марже" : "выручке"} / общий CAC; норма — от 3:1 (эмпирически).`,
  ],
  payback: (u) => [
    `Окупаемость (${RU_MANY[u]})`,
    "Первый период (0 — первый), где накопленная маржа на клиента достигает общего CAC.",
  ],
  verdict: ["Вывод", "LTV:CAC против правила 3:1."],
  atOrAbove: "не ниже правила 3:1",
  below: "ниже правила 3:1",
  onRevenue: " (по выручке: маржа не задана)",

  settings: {
    source: "Источник",
    period: "Период",
    end: "Конец наблюдения",
    partialLast: "Неполный последний период",
    margin: "Маржа",
    split: "По сегментам",
    spend: "Таблица расходов",
    currency: "Валюта",
    partialFirst: "Неполный первый период",
    afterEnd: "Строки после конца наблюдения (не учтены)",
    orphanRefunds: "Возвраты без когорты (не учтены)",
  },
  transactions: "Транзакции",
  no: "нет",
  partialLast: (_, day) => `да: период с ${day} не закончен (ячейки отмечены)`,
  partialFirst: (day) => `да: данные с ${day}, первая когорта неполная (CAC завышен)`,
  marginColumn: (h) => `столбец маржи «${h}»`,
  costColumn: (h) => `сумма − столбец себестоимости «${h}»`,
  marginRate: (p) => `${p}% выручки`,
  noMargin: "нет: LTV — это выручка",
  splitBy: (h) => `да, по «${h}» первой покупки клиента`,
  refunds: (rows, amount) => `строк: ${rows}, ${amount}`,
  spendNone: "нет",
  spendNoSegment: "не учтена: нет столбца сегмента — постройте без разбивки",
  spendRows: (rows, total) => `строк: ${rows}, всего ${total}`,
  spendLeftOut: (x) => `${x} не учтено (нет новых клиентов)`,
  spendSpread: "строки от 1-го числа — месяцы, делятся по дням: неделя берёт долю своих дней",
  spendByDate: (u) =>
    `строка относится к периоду своей даты${u === "quarter" ? " (месяцы суммируются)" : ""}`,

  noRows: "Транзакции: нет строк данных — нужны ID клиента, дата и сумма",
  noPurchases: (day) => `Транзакции: нет покупок по конец наблюдения ${day}`,
  needsRows: (sheet) => `Листу «${sheet}» нужны все транзакции в памяти: постройте его с --engine js`,
  tooWide: (first, last, n, u, limit) =>
    `Транзакции: даты с ${first} по ${last} — ${ruCount(n, u)}, больше ${limit} столбцов листа. ` +
    `Проверьте год, задайте конец наблюдения или период длиннее.`,

  clvTitle: "Прогноз пожизненной ценности клиента",
  clvFailed: (why) => `Не удалось подобрать модели по этим транзакциям: ${why}.`,
  clvNote: (months, discount, model) =>
    `Ожидаемая выручка на клиента за ${months} мес., дисконт ${discount}%/мес.: ${model} и Gamma-Gamma ` +
    `(Fader, Hardie & Lee 2005) по покупкам до конца наблюдения.`,
  clvBetterModel: (model, mae, other, otherMae) =>
    `Модель покупок: ${model} — точнее в контрольном периоде проверки прогноза (средняя абсолютная ошибка на клиента ${mae} против ${otherMae} у ${other}).`,
  clvOnlyModel: (model, why) =>
    `Модель покупок: ${model} — единственная, которую удалось подобрать при проверке прогноза. ${why}`,
  fitNoRepeat: "никто не купил повторно, так что моделям покупок и трат не на чем учиться",
  fitNoMaximum: (_, boundary) =>
    boundary
      ? `по этим данным у модели нет наилучшей оценки: ${limitsText(boundary, RU_LIMITS, "параметр уходит к границе модели")}; больше клиентов или более долгая история могут её дать`
      : "по этим данным у модели нет наилучшей оценки (параметр уходит к границе модели); больше клиентов или более долгая история могут её дать",
  fitOther: () =>
    "по этим данным модель не подобрать; больше клиентов или более долгая история могут это исправить",
  fitUnboundedMean: (q) =>
    `из-за нескольких очень крупных заказов средний чек в модели трат не ограничен (q = ${q.replace(".", ",")}, не больше 1), так что ожидаемый чек клиента не оценить (проверьте самые крупные суммы)`,
  intervalUnpinned: (model) =>
    `данные не определяют параметры ${model} (правдоподобие в каком-то направлении плоское)`,
  noteFewCustomers: (customers) =>
    `Клиентов всего ${ruNumber(customers)}: оценки по столь малому числу сильно меняются от выборки к выборке.`,
  noteFewRepeat: (repeat, customers) =>
    `Купивших повторно — лишь ${ruNumber(repeat)} из ${ruNumber(customers)} ${ruOfCustomers(customers)}: частоту покупок и уход клиентов модель узнаёт по повторным покупкам.`,
  noteUnpinned:
    "Данные не определяют параметры: правдоподобие в каком-то направлении плоское, так что прогноз лишь приблизителен.",
  noteLoose: (name, ratio) =>
    `Параметр ${name} почти не определяется данными (стандартная ошибка — ${ruDecimal(ratio, 1)}× оценки): он близок к границе модели.`,
  noteShortHoldout: (holdout, calibration, unit) =>
    `Контрольный период — ${ruDecimal(holdout, 1)} ${RU_RFM[unit]} против ${ruDecimal(calibration, 1)} ${RU_RFM[unit]} калибровки: слишком короткий, чтобы судить о прогнозе; выберите более ранний конец калибровки.`,
  noteLateCustomers: (customers) =>
    `Конец калибровки раньше первой покупки большинства клиентов: впервые купивших в контрольном периоде — ${ruNumber(customers)}, их прогноз не проверяется.`,
  noteSpendCorrelation: (correlation) =>
    `Траты ${correlation > 0 ? "растут" : "падают"} с частотой покупок (корреляция ${ruDecimal(correlation, 2)}): Gamma-Gamma считает их независимыми, так что ожидаемый чек смещён к среднему.`,
  noteHoldoutCut: (asked, last, span, unit) =>
    `Конец контрольного периода ${asked} позже последней даты в данных (${last}): период обрезан по ней, так что прогноз охватывает те же ${ruDecimal(span, 1)} ${RU_RFM[unit]}, что и покупки, с которыми его сравнивают.`,
  clvDefaultModel: (why) =>
    `Модель покупок: MBG/NBD (по умолчанию; в отличие от BG/NBD, купивший один раз тоже мог уйти) — проверка прогноза не смогла сравнить модели. ${why}`,
  clvInDatabase:
    "Отчёт посчитан в базе данных (BigQuery или DuckDB) без листов «Проверка прогноза» и «Клиенты», а её ретроспективный тест читает их строку на клиента: добавьте любой из них, чтобы модель выбиралась по тесту.",
  clvListNeedsRows:
    "Список клиентов не показан: отчёт посчитан в базе данных (BigQuery или DuckDB), которая вернула клиентов, сгруппированных по истории покупок; добавьте лист «Клиенты» или «Проверка прогноза» (база данных вернёт строку на клиента), чтобы увидеть список. Подбор моделей и итог рядом учитывают всех клиентов.",
  clvHeader: (months) => [
    "Клиент",
    "Повторные покупки",
    "P(активен)",
    `Ожидаемые покупки, ${months} мес.`,
    "Ожидаемый чек",
    "Прогноз CLV",
  ],
  clvTop: (shown, all) => `${shown} самых ценных из ${all} клиентов.`,
  paramsHeader: ["Модель", "Параметр", "Значение"],
  alphaWeeks: "α (недели)",
  betaWeeks: "β (недели)",
  logLikelihood: "логарифм правдоподобия",
  fitted: (model) => `в модели (${model})`,
  withRepeat: "с повторными покупками (Gamma-Gamma)",
  leftOut: "исключены: повторные покупки в сумме ≤ 0",
  total: "Итого",
  clvTotal: (months) => `прогноз CLV, ${months} мес.`,
  clvIntervalNote: (level) =>
    `${level}%-й интервал — из неопределённости подобранных параметров (дельта-метод): диапазон ожидаемого CLV, а не того, сколько потратит один клиент. Интервал итога считается тем же методом по итогу, а не сложением границ клиентов.`,
  clvNoInterval: (level, why) => `Без ${level}%-го интервала: ${why}.`,
  clvBounds: (level) => [`${level}% интервал, нижняя граница`, `${level}% интервал, верхняя граница`],
  clvTotalLower: (level) => `${level}% интервал итога, нижняя граница`,
  clvTotalUpper: (level) => `${level}% интервал итога, верхняя граница`,
  fitTitle: "Согласие с данными: клиенты по числу повторных покупок",
  fitHeader: (model) => ["Повторные покупки", "Факт", model],
  fitChart: (model) => `Клиенты по числу повторных покупок: факт и ${model}`,
  fitAxis: "Повторные покупки до конца наблюдения",
  fcTitle: "Проверка прогноза: насколько точен прогноз покупок?",
  fcNote: (calibration, end, halfway) =>
    `Модель подобрана по покупкам до ${calibration}${halfway ? " (по умолчанию — середина периода данных)" : ""}, затем сравнена с тем, что купили до ${end} клиенты, пришедшие к тому времени.`,
  fcFailed: (why) => `Не удалось проверить модели на этих транзакциях: ${why}`,
  calibrationControl: "поле «Прогнозы: подбирать по покупкам до»",
  fcSplit: (reason, control) => {
    switch (reason.kind) {
      case "after-data":
        return `конец периода калибровки ${reason.end} не раньше последней даты в данных (${reason.last}), так что не осталось покупок для проверки прогноза; укажите более раннюю дату: ${control}.`;
      case "holdout-before":
        return `контрольный период заканчивается ${reason.holdout}, не позже конца калибровки ${reason.end}; укажите более раннюю дату: ${control}.`;
      case "before-first":
        return `конец периода калибровки ${reason.end} раньше первой покупки (${reason.first}), так что оценивать модели не на ком; укажите более позднюю дату: ${control}.`;
      case "one-customer":
        return `к концу калибровки ${reason.end} купил только один клиент, а модели клиентов нужно много; укажите более позднюю дату: ${control}.`;
      case "no-repeat":
        return `никто из ${reason.customers.toLocaleString("ru-RU")} клиентов, появившихся к концу калибровки ${reason.end}, к тому времени не купил повторно, так что модели не оценить; укажите более позднюю дату: ${control}.`;
    }
  },
  fcSentence: (predicted, actual, bias) =>
    `Модель предсказала ${predicted} повторных покупок в контрольном периоде; клиенты сделали ${actual} (${bias}).`,
  fcBetter: (model, mae, other) =>
    `${model} точнее в контрольном периоде (средняя абсолютная ошибка на клиента ${mae} против ${other}).`,
  fcOnly: (model, why) => `Только ${model}: ${why}`,
  fcBucketHeader: (models) => [
    "Повторные покупки в обучении",
    "Клиенты",
    "Факт, среднее",
    ...models.map((m) => `${m}, среднее`),
  ],
  fcAll: "Все",
  fcActual: "Покупки в контроле, факт",
  fcPredicted: (model) => `Покупки в контроле, ${model}`,
  fcBias: "Смещение итога",
  fcMae: "Средняя абсолютная ошибка на клиента",
  fcCurveHeader: (model) => ["Конец недели", "Факт", model, "Период"],
  fcCalibration: "обучение",
  fcHoldout: "контроль",
  fcChart: (model, calibration) =>
    `Повторные покупки нарастающим итогом: факт и ${model} (обучение до ${calibration}, затем контроль)`,
  fcWeek: "Неделя",
  fcRepeats: "Повторные покупки",
  mrrTitle: "Выручка подписок (MRR)",
  mrrNote:
    "Платёж A за n месяцев добавляет A / n к каждому из своих n календарных месяцев; MRR клиента в месяце — их сумма (0 и меньше — нет). Движение MRR — по определениям ChartMogul.",
  mrrNone: "Нет платежей по конец наблюдения.",
  mrrMetrics: (months, margin) => ({
    mrr: ["MRR сейчас", "Регулярная месячная выручка в последнем месяце."],
    arr: ["ARR", "Годовая выручка в текущем темпе: 12 × MRR сейчас."],
    customers: ["Клиенты с MRR", "Клиенты с MRR в последнем месяце."],
    nrr: ["NRR, последний месяц", "(MRR на начало + расширение + сокращение + отток) / MRR на начало."],
    grr: ["GRR, последний месяц", "(MRR на начало + сокращение + отток) / MRR на начало."],
    trailingNrr: [
      "NRR, последние 12 месяцев",
      "MRR сейчас у клиентов, у которых был MRR 12 месяцев назад / их MRR тогда.",
    ],
    trailingGrr: [
      "GRR, последние 12 месяцев",
      "То же, но MRR клиента сейчас берётся не больше его MRR тогда (без расширения).",
    ],
    quickRatio: [
      "Quick ratio, последний месяц",
      "(Новый + расширение + реактивация) / −(сокращение + отток); выше 4 — эффективный рост.",
    ],
    arpa: ["ARPA", "Средняя выручка на аккаунт: MRR сейчас / клиенты с MRR."],
    churnRate: [
      "Отток клиентов",
      `Ушедшие клиенты / клиенты с MRR на начало месяца, за последние ${months} мес.`,
    ],
    ltv: ["LTV", `ARPA × маржа (${margin}%) / отток клиентов — так LTV считают SaaS-сервисы.`],
  }),
  month: "Месяц",
  mrrStart: "MRR на начало",
  mrrEnd: "MRR на конец",
  movements: {
    new: "Новый",
    expansion: "Расширение",
    reactivation: "Реактивация",
    contraction: "Сокращение",
    churned: "Отток",
  },
  quickRatio: "Quick ratio",
  movementsTitle: "Движение MRR",
  movementsChart: "Движение MRR и MRR",
  mrrRetention: "Удержание выручки",
  mrrRetentionChart: "Чистое и валовое удержание выручки",
  mrrKept: "Доля сохранённого MRR",
  cohortNrr: "Чистое удержание MRR по когортам",
  cohortNrrNote: "MRR когорты в её месяце k / её MRR в месяце 0.",
  mrrMonth0: "MRR, месяц 0",

  customersTitle: "Клиенты: сегмент RFM, P(активен), прогноз CLV и ценность под риском",
  customersNote: (months) =>
    `R, F, M: баллы 1–5 по квинтилям клиентов — дней с последней покупки, дней с покупками и чистых трат до конца наблюдения (5 — лучшее); сегмент определяют R и F (карта — в справке по формулам, RFM_SEGMENTS). Прогноз CLV: ${months} мес., как на листе «Прогноз CLV». Ценность под риском = траты × (1 − P(активен)).`,
  customersFilter:
    "Чтобы получить один сегмент (например, «В зоне риска»), выберите его кнопкой фильтра в столбце «Сегмент» таблицы клиентов и скопируйте столбец «Клиент».",
  customersSummaryHeader: [
    "Сегмент",
    "Клиенты",
    "Доля выручки",
    "Средний прогноз CLV",
    "Ценность под риском",
  ],
  customersHeader: (months) => [
    "Клиент",
    "Сегмент",
    "R",
    "F",
    "M",
    "Траты",
    "Последняя покупка",
    "P(активен)",
    `Прогноз CLV, ${months} мес.`,
    "Ценность под риском",
  ],
  printedTop: (shown, all) => `Напечатаны первые ${shown} из ${all} клиентов листа.`,
  customersTop: (shown, all) => `${shown} самых ценных из ${all} клиентов; сводка учитывает всех.`,
  customersNoFit: "P(активен), прогноз CLV и ценность под риском не заполнены.",
  customersOneTimers:
    "P(активен) — из BG/NBD, где клиент может уйти только после повторной покупки: купивший один раз считается активным, и ценность под риском у него 0 (MBG/NBD и Pareto/NBD так не предполагают; почему они не использованы — на листе «Проверка прогноза»).",
  customersLostAlive: (model, alive) =>
    `У клиентов, которых карта RFM относит к «Потерянным», P(активен) в среднем всё ещё ${alive}: ${model} почти не находит в этих покупках признаков ухода клиентов (параметры ухода у границы, см. примечания листа «Прогноз CLV»), так что оценивайте P(активен) и ценность под риском вместе с сегментом.`,
  atRiskNote: "Траты × (1 − P(активен)): сколько клиент потратил, с весом вероятности, что он уже ушёл.",
  rfmSegments: {
    Champions: "Чемпионы",
    "Loyal customers": "Лояльные",
    "Potential loyalists": "Потенциально лояльные",
    "New customers": "Новые",
    Promising: "Перспективные",
    "Need attention": "Требуют внимания",
    "About to sleep": "Засыпающие",
    "At risk": "В зоне риска",
    "Can't lose them": "Нельзя потерять",
    Hibernating: "Спящие",
    Lost: "Потерянные",
  },
  allCustomers: "Все клиенты",
  predictedTitle: (margin) => `Прогноз ${margin ? "маржи" : "выручки"} нового клиента и LTV:CAC по каналам`,
  predictedNote: (margin, share, discount, level, recent) =>
    `Сколько принесёт клиент, привлечённый сегодня (${margin ? `маржа: ${share}% выручки` : "выручка: маржа не задана"}, ` +
    `дисконт ${discount}% в месяц, первая покупка включена): модели BG/NBD и Gamma-Gamma, подобранные на клиентах каждого канала; ` +
    `диапазон ${level}% показывает точность подбора, а не разброс между клиентами. Недавний CAC: расходы / новые клиенты ` +
    `последних ${recent} когорт канала с расходами, поэтому введённые выше расходы его меняют. Зелёный: 3:1 и выше.`,
  predictedNeedsRows:
    "Прогноз LTV:CAC не показан: отчёт, посчитанный в BigQuery, строит его по каналам (читая таблицу ещё раз), то есть только при разбивке по столбцу сегмента (канала) — разбейте отчёт по сегментам или постройте его из листа или файла, чтобы его увидеть.",
  predictedHeader: (margin, level) => [
    "Канал",
    "Клиенты",
    "Недавние когорты с",
    "Недавний CAC",
    "Месяцев вперёд",
    `Прогноз ${margin ? "маржи" : "выручки"} на нового клиента`,
    `Диапазон ${level}%, от`,
    `Диапазон ${level}%, до`,
    `Прогноз LTV:CAC${margin ? "" : " по выручке"}`,
    "Модель",
  ],
  ownFit: (n) => `подобрана по каналу (повторных покупателей: ${n})`,
  pooledFew: (n, min) =>
    `общая модель: повторных покупателей только ${n} (нужно ${min}), взят подбор по всем клиентам`,
  pooledFailed: "общая модель: данных канала не хватает для своей модели, взят подбор по всем клиентам",
  predictedRatio: (margin, months, channel, pooled) => [
    `Прогноз LTV:CAC${margin ? "" : " по выручке"}, ${ruCount(months, "month")}: ${channel}${pooled ? " (общая модель)" : ""}`,
    `Прогноз ${margin ? "маржи" : "выручки"} нового клиента за ${ruCount(months, "month")} / недавний CAC канала (лист LTV-CAC, под итогами); норма — 3:1 и выше.`,
  ],
  pbTitle: "Кривые окупаемости по когортам",
  pbNote: (margin) =>
    `Накопленная ${margin ? "маржа" : "выручка"} на клиента по периодам после привлечения ÷ CAC с листа LTV-CAC: расходы, введённые там, меняют эти кривые. Зелёный: от 1,0 — CAC окупился.`,
  pbBreakEven: (u) => `Точка окупаемости (${RU_MANY[u]})`,
  pbBreakEvenNote: () =>
    "Первый период k (0 — первый), где отношение достигает 1,0: окупаемость с листа LTV-CAC.",
  pbMedianTitle: "Медианная окупаемость",
  pbMedianHeader: (u) => ["Когорт с CAC", "Окупились", `Медианная окупаемость (${RU_MANY[u]})`],
  pbMedianNote: () =>
    "Когорта, которая ещё не окупилась, считается окупающейся дольше всех наблюдаемых периодов, а не отбрасывается: медиана — «ещё нет», пока не окупилась хотя бы половина когорт, и она не бывает короче настоящей.",
  pbChartData: "Кривые окупаемости (данные графика)",
  pbChart: (bySegment) => `Кривая окупаемости по ${bySegment ? "сегментам" : "когортам"}`,
  pbAxis: (margin) => `Накопленная ${margin ? "маржа" : "выручка"} на клиента ÷ CAC`,
  pbLine: "Окупаемость (1,0)",
  retentionChart: (bySegment) => `Кривая удержания по ${bySegment ? "сегментам" : "когортам"}`,
  retentionChartData: "Кривые удержания (данные графика)",
  retentionAxis: "Доля покупающих клиентов когорты",
  ltvCacChart: (margin, bySegment, cac) =>
    `Накопленная ${margin ? "маржа" : "выручка"} на клиента по ${bySegment ? "сегментам" : "когортам"}${cac ? " и CAC" : ""}`,
  ltvCacChartData: "Кривые LTV и CAC (данные графика)",
  cacLine: "Общий CAC",
  pbPaidByNote: () => "Когорт, окупившихся к периоду k (для медианы).",
  input: {
    orders: "Заказ — это",
    ordersById: (h, lines, orders) =>
      `один «${h}»: ${lines} строк (позиций) дают ${orders} заказов и возвратов`,
    ordersByRow: "одна строка (нет столбца заказа)",
    noCustomer: "Строки без ID клиента (не учтены)",
    noCustomerText: (rows, percent, revenue) =>
      `строк без ID клиента: ${rows} (${percent}) — не учтены, выручка ${revenue}`,
  },
  ga4Source: (path, s) =>
    `Экспорт GA4 ${path}: покупок ${ruNumber(s.purchases)}, возвратов ${ruNumber(s.refunds)}; ` +
    `клиент = user_id, иначе user_pseudo_id (покупок без user_id: ${ruNumber(s.purchases_without_user_id)} из ${ruNumber(s.purchases)}); ` +
    `заказ = ecommerce.transaction_id (повторных событий ${ruNumber(s.duplicate_events)}, учтены один раз)`,
  ga4SegmentControl: (asked) => `Сегмент «${RU_SEGMENT_CHOICES[asked]}»`,
  ga4SegmentName: {
    channel_group: "группа каналов по умолчанию для сеанса",
    source_medium: "источник/канал первого пользователя",
  },
  ga4Segment: (choice, control) => {
    const group = "группа каналов по умолчанию для сеанса";
    const source = "traffic_source.source / medium, первый источник пользователя";
    const missing = `${ruNumber(choice.missing)} из ${ruNumber(choice.purchases)}`;
    switch (choice.reason) {
      case "complete":
        return `сегмент = ${group} (${CHANNEL_GROUP_FIELD}, есть у всех покупок; чтобы делить по источнику / каналу: ${control("source-medium")})`;
      case "no-field":
        return `сегмент = ${source} (в прочитанном экспорте нет ${CHANNEL_GROUP_FIELD}: GA4 экспортирует его с 2024-10-10)`;
      case "incomplete":
        return (
          `сегмент = ${source} (покупок без группы каналов по умолчанию для сеанса: ${missing} — GA4 экспортирует её с 2024-10-10; ` +
          `чтобы всё же делить по ней: ${control("channel-group")}, покупки без неё — «${GA4_UNASSIGNED}»)`
        );
      case "asked":
        return choice.column === "channel_group"
          ? `сегмент = ${group} (${control("channel-group")}${choice.missing ? `; покупок без неё: ${missing}, учтены как «${GA4_UNASSIGNED}»` : ""})`
          : `сегмент = ${source} (${control("source-medium")})`;
    }
  },
};

const GRAMMAR: Record<Language, Grammar> = {
  en: { date: "yyyy-mm-dd", symbolAfter: false },
  ko: { date: "yyyy. m. d", symbolAfter: false },
  ru: { date: "dd.mm.yyyy", symbolAfter: true },
};

const WORDS: Record<Language, Words> = { en, ko, ru };

export type ReportWords = Words & Grammar;

/** The report's words and formats in a language. */
export function wordsOf(language: Language = "en"): ReportWords {
  return { ...WORDS[language], ...GRAMMAR[language] };
}

/**
 * A GA4 report's source as its Summary says it, in the report's language: what the export held and,
 * once chosen, the segment and why — the setting named as `control` names it (by default the
 * sidebar's Segment; the command line passes its `--ga4-segment`). One text for both surfaces.
 */
export function ga4SourceText(
  language: Language | undefined,
  path: string,
  stats: Ga4Stats,
  segment?: Ga4SegmentChoice,
  control?: Ga4SegmentControl,
): string {
  const w = wordsOf(language);
  const said = w.ga4Source(path, stats);
  return segment ? `${said}; ${w.ga4Segment(segment, control ?? w.ga4SegmentControl)}` : said;
}
