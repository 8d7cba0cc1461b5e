/**
 * The short summary `npm start` prints: the everyday metrics of the data, readable in a terminal.
 */
import { PERIOD_WORDS, type PeriodUnit } from "../core/cohorts";
import { HORIZONS } from "../core/report/data";
import type { Headline } from "../core/report/summary";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1 });

/** Lines of the summary, label and value aligned. */
export function summaryLines(h: Headline, period: PeriodUnit, currency: string, hasSpend: boolean): string[] {
  const unit = PERIOD_WORDS[period];
  const longest = HORIZONS[HORIZONS.length - 1];
  const money = (x: number | null) => (x === null ? "—" : `${currency}${decimal.format(x)}`);
  const or = <T>(x: T | null, show: (x: T) => string, missing = "— (not enough data)") =>
    x === null ? missing : show(x);
  const noSpend = hasSpend ? undefined : "— (no spend table: add --spend spend.csv)";
  const rows: [string, string][] = [
    ["Customers", integer.format(h.customers)],
    ["Orders", integer.format(h.orders)],
    ["Revenue", money(h.revenue)],
    ["Average order value", or(h.aov, money)],
    ["Purchase frequency", or(h.purchaseFrequency, (x) => `${decimal.format(x)} orders per customer`)],
    ["Repeat rate", or(h.repeatRate, (x) => percent.format(x))],
    [`${unit.one[0].toUpperCase()}${unit.one.slice(1)}ly churn`, or(h.periodChurn, (x) => percent.format(x))],
    [
      `LTV, ${longest} ${unit.many}`,
      or(h.ltv, (x) => `${money(x)} per customer`, `— (needs ${longest} complete ${unit.many})`),
    ],
  ];
  if (h.marginLtv !== null)
    rows.push([`Margin LTV, ${longest} ${unit.many}`, `${money(h.marginLtv)} per customer`]);
  rows.push(
    ["Blended CAC", or(h.cac, money, noSpend)],
    [
      // Without a margin the ratio is on revenue, and the 3:1 rule reads kinder than it is.
      `${h.hasMargin ? "" : "Revenue "}LTV:CAC, ${longest} ${unit.many}`,
      or(
        h.ltvCac,
        (x) =>
          `${decimal.format(x)}x (${x >= 3 ? "at or above" : "below"} the 3:1 rule of thumb${h.hasMargin ? "" : "; on revenue: no margin given"})`,
        noSpend,
      ),
    ],
    [
      "Payback",
      or(
        h.payback,
        (x) =>
          typeof x !== "number"
            ? `${x}`
            : x === 0
              ? `within the first ${unit.one}`
              : `${x} ${x === 1 ? unit.one : unit.many} after the first ${unit.one}`,
        noSpend,
      ),
    ],
  );
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`);
}
