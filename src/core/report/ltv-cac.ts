/**
 * The LTV:CAC sheet: per cohort (× segment), new customers, marketing spend (editable), CAC = spend /
 * new customers, LTV at 3, 6 and 12 periods, LTV:CAC at each, and the payback period: the first
 * period k whose cumulative margin per customer reaches CAC. CAC, ratios and payback are live
 * formulas over the cells, with the values the engine computed cached, so typing a new spend
 * updates every ratio. Source for CAC, LTV:CAC and the 3:1 rule: Skok, "SaaS Metrics 2.0" (2013).
 */

import { PERIOD_WORDS } from "../cohorts";
import { cac, ltvCac } from "../metrics/cac";
import { type CohortSeries, HORIZONS, ltvAt, type ReportData, weightedAverage } from "./data";
import { labelColumns, labelHeader, partialNote, periodHeader, writeLabels } from "./layout";
import { FORMATS, type FormulaCell, type ReportSheet } from "./model";
import { averageGroups, completeAverage } from "./retention";
import { a1, COLORS, range, SheetWriter } from "./sheet";

/** The 3:1 rule of thumb for a healthy LTV:CAC. */
export const HEALTHY_LTV_CAC = 3;

/** What a row of the sheet computes, as the cached values of its formulas. */
export interface LtvCacRow {
  customers: number;
  spend: number | null;
  cac: number | null;
  ltv: (number | null)[];
  ratio: (number | null)[];
  /** First period whose cumulative margin per customer reaches CAC; "not yet" if none does. */
  payback: number | "not yet" | null;
  curve: (number | null)[];
}

const NOT_YET = "not yet";

function safeCac(spend: number | null, customers: number): number | null {
  return spend === null || customers === 0 ? null : cac(spend, customers);
}

function safeRatio(ltv: number | null, cacValue: number | null): number | null {
  return ltv === null || cacValue === null || cacValue === 0 ? null : ltvCac(ltv, cacValue);
}

/**
 * The first index whose value reaches `target`, as the payback formula's MATCH finds it. SUMPRODUCT
 * around MATCH makes Sheets and Excel (and HyperFormula, the tests' engine) compare the whole curve
 * without an array formula; `TRUE()` rather than `TRUE` for the same reason.
 */
function paybackPeriod(curve: readonly (number | null)[], target: number | null): LtvCacRow["payback"] {
  if (target === null) return null;
  const k = curve.findIndex((v) => v !== null && v >= target);
  return k < 0 ? NOT_YET : k;
}

function computeRow(
  customers: number,
  spend: number | null,
  ltv: (number | null)[],
  curve: (number | null)[],
): LtvCacRow {
  const cacValue = safeCac(spend, customers);
  return {
    customers,
    spend,
    cac: cacValue,
    ltv,
    ratio: ltv.map((v) => safeRatio(v, cacValue)),
    payback: paybackPeriod(curve, cacValue),
    curve,
  };
}

function cohortRow(cohort: CohortSeries): LtvCacRow {
  return computeRow(
    cohort.size,
    cohort.spend ?? null,
    HORIZONS.map((n) => ltvAt(cohort.marginLtv, cohort.partialIndex, n)),
    cohort.marginLtv,
  );
}

/** A summary row over cohort rows: blended CAC over the rows that have spend; size-weighted LTVs. */
export function totalRow(data: ReportData, rows: readonly CohortSeries[]): LtvCacRow {
  const withSpend = rows.filter((c) => c.spend !== undefined);
  const spend = withSpend.length ? withSpend.reduce((s, c) => s + (c.spend ?? 0), 0) : null;
  const covered = withSpend.reduce((n, c) => n + c.size, 0);
  const ltv = HORIZONS.map((n) =>
    weightedAverage(rows.map((c) => ({ size: c.size, value: ltvAt(c.marginLtv, c.partialIndex, n) }))),
  );
  const curve = Array.from({ length: data.periods }, (_, k) =>
    completeAverage(rows, k, (c, j) => c.marginLtv[j]),
  );
  const row = computeRow(covered, spend, ltv, curve);
  return { ...row, customers: rows.reduce((n, c) => n + c.size, 0) };
}

const formula = (text: string, value: number | string | null): FormulaCell => ({ formula: text, value });

export function ltvCacSheet(data: ReportData): ReportSheet {
  const sheet = new SheetWriter("ltv-cac", "LTV-CAC");
  const unit = PERIOD_WORDS[data.period];
  const labels = labelColumns(data);
  const col = {
    customers: labels + 1,
    spend: labels + 2,
    cac: labels + 3,
    ltv: labels + 4,
    ratio: labels + 4 + HORIZONS.length,
    payback: labels + 4 + 2 * HORIZONS.length,
    curve: labels + 6 + 2 * HORIZONS.length,
  };
  const ltvWord = data.hasMargin ? "Margin LTV" : "LTV";
  const money = data.currencyFormat;

  sheet.title(
    1,
    "LTV:CAC and payback by cohort",
    `${data.hasSpend ? "Spend comes from the spend table; change" : "No spend table was given: type"} ` +
      `the spend in the yellow cells and CAC, LTV:CAC and payback recalculate. ` +
      `${ltvWord} at n = cumulative ${data.hasMargin ? "margin" : "revenue"} per customer over ${unit.many} 0 … n − 1, ` +
      `shown once all n are complete. Green: LTV:CAC at least ${HEALTHY_LTV_CAC}:1.`,
  );
  const header = [
    ...labelHeader(data),
    "New customers",
    "Spend",
    "CAC",
    ...HORIZONS.map((n) => `${ltvWord}, ${n} ${unit.many}`),
    ...HORIZONS.map((n) => `LTV:CAC, ${n} ${unit.many}`),
    `Payback (${unit.many})`,
  ];
  sheet.header(3, 1, header);
  sheet.header(3, col.curve, periodHeader(data));
  sheet.note(
    3,
    col.curve,
    `Cumulative ${data.hasMargin ? "margin" : "revenue"} per customer by ${unit.one} since the first purchase: ` +
      "the payback formula finds the first that reaches CAC.",
  );
  sheet.note(
    3,
    col.payback,
    `The first ${unit.one} k (0 = the first ${unit.one}) whose cumulative margin per customer reaches CAC.`,
  );
  sheet.frozenRows = 3;
  sheet.frozenColumns = labels;

  const top = 4;
  const bottom = top + data.cohorts.length - 1;
  const columnRange = (column: number) => `${a1(top, column, true)}:${a1(bottom, column, true)}`;
  const spendRange = columnRange(col.spend);
  const customersRange = columnRange(col.customers);
  const segmentRange = columnRange(2);

  const writeRow = (
    row: number,
    values: LtvCacRow,
    spendCell: FormulaCell | number | null,
    coveredFormula: string,
  ) => {
    const at = (column: number) => a1(row, column);
    const spend = at(col.spend);
    const cacCell = at(col.cac);
    sheet.set(row, col.customers, values.customers);
    sheet.set(row, col.spend, spendCell);
    sheet.set(
      row,
      col.cac,
      formula(`=IF(OR(${spend}="",${coveredFormula}=0),"",${spend}/${coveredFormula})`, values.cac),
    );
    HORIZONS.forEach((_, i) => {
      const ltv = at(col.ltv + i);
      sheet.set(row, col.ltv + i, values.ltv[i]);
      sheet.set(
        row,
        col.ratio + i,
        formula(`=IF(OR(${ltv}="",${cacCell}="",${cacCell}=0),"",${ltv}/${cacCell})`, values.ratio[i]),
      );
    });
    const curve = `${at(col.curve)}:${at(col.curve + data.periods - 1)}`;
    sheet.set(
      row,
      col.payback,
      formula(
        `=IF(${cacCell}="","",IFERROR(SUMPRODUCT(MATCH(TRUE(),${curve}>=${cacCell},0))-1,"${NOT_YET}"))`,
        values.payback,
      ),
    );
    sheet.row(row, col.curve, values.curve);
  };

  let row = top;
  for (const cohort of data.cohorts) {
    writeLabels(sheet, data, row, cohort);
    writeRow(row, cohortRow(cohort), cohort.spend ?? null, a1(row, col.customers));
    if (cohort.partialIndex !== undefined) {
      sheet.style(range(row, col.curve + cohort.partialIndex), { italic: true, color: COLORS.muted });
      sheet.note(row, col.curve + cohort.partialIndex, partialNote(data));
    }
    row++;
  }
  sheet.style(range(top, col.spend, data.cohorts.length, 1), { background: COLORS.input });
  sheet.markEditable(range(top, col.spend, data.cohorts.length, 1), data.segments ? [1, 2] : [1]);

  const totalsTop = row;
  for (const group of averageGroups(data)) {
    sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
    const values = totalRow(data, group.rows);
    const segment = a1(row, 2);
    const all = group.rows === data.cohorts;
    const spendCell = all
      ? formula(`=IF(COUNT(${spendRange})=0,"",SUM(${spendRange}))`, values.spend)
      : formula(
          `=IF(COUNTIFS(${segmentRange},${segment},${spendRange},"<>")=0,"",SUMIF(${segmentRange},${segment},${spendRange}))`,
          values.spend,
        );
    const covered = all
      ? `SUMIF(${spendRange},"<>",${customersRange})`
      : `SUMIFS(${customersRange},${segmentRange},${segment},${spendRange},"<>")`;
    writeRow(row, values, spendCell, covered);
    sheet.style(range(row, 1, 1, col.payback), { bold: true, background: COLORS.total });
    row++;
  }
  sheet.note(
    totalsTop,
    col.cac,
    "Blended CAC: total spend / new customers of the cohorts that have a spend (organic included where the spend table covers their period).",
  );

  const rows = row - top;
  sheet.style(range(top, 1, rows, labels), { horizontalAlignment: "left" });
  sheet.style(range(top, col.customers, rows, 1), { numberFormat: FORMATS.integer });
  sheet.style(range(top, col.spend, rows, 2 + HORIZONS.length), { numberFormat: money });
  sheet.style(range(top, col.ratio, rows, HORIZONS.length), { numberFormat: FORMATS.ratio });
  sheet.style(range(top, col.payback, rows, 1), {
    numberFormat: FORMATS.integer,
    horizontalAlignment: "right",
  });
  sheet.style(range(top, col.curve, rows, data.periods), { numberFormat: money, color: COLORS.muted });
  sheet.threshold(range(top, col.ratio, rows, HORIZONS.length), HEALTHY_LTV_CAC);

  sheet.columnWidths[1] = 120;
  if (data.segments) sheet.columnWidths[2] = 130;
  for (let column = col.customers; column <= col.payback; column++) sheet.columnWidths[column] = 100;
  sheet.columnWidths[col.curve - 1] = 24;
  for (let k = 0; k < data.periods; k++) sheet.columnWidths[col.curve + k] = 72;
  return sheet.build();
}
