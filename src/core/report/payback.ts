/**
 * The Payback sheet: per cohort (× segment), the cumulative margin per customer k periods after
 * acquisition ÷ that cohort's CAC, green from 1.0 (CAC paid back); the break-even period; the median
 * payback per segment; and a line chart of the curves with the 1.0 line. Every number is a live
 * formula over the LTV-CAC sheet's CAC and curve cells, so spend typed there moves the curves; the
 * cached values come from the same core functions as the PAYBACK_CURVE formula's. Source: Skok,
 * "SaaS Metrics 2.0" (2013), months to recover CAC, read per cohort.
 */
import { medianPayback, paybackCurve, paybackRatios } from "../metrics/payback";
import type { ReportData } from "./data";
import { labelColumns, labelHeader, markPartial, matrixWidths, periodHeader, writeLabels } from "./layout";
import { cohortRow, ltvCacRowCells, NOT_YET, totalRow } from "./ltv-cac";
import { FORMATS, type ReportSheet, sheetRef } from "./model";
import { averageGroups } from "./retention";
import { a1, COLORS, formula, quoted, range, SheetWriter } from "./sheet";

/** A ratio of 1: the cumulative margin per customer has recovered CAC. */
const BREAK_EVEN = 1;

export function paybackSheet(data: ReportData): ReportSheet {
  const w = data.words;
  const u = data.period;
  const sheet = new SheetWriter("payback", w.sheets.payback);
  const labels = labelColumns(data);
  const col = { customers: labels + 1, cac: labels + 2, breakEven: labels + 3, ratio: labels + 5 };
  const ltvCac = (cell: string) => `${sheetRef("ltv-cac")}!${cell}`;
  const notYet = (v: number | typeof NOT_YET | null) => (v === NOT_YET ? w.notYet : v);

  sheet.title(1, w.pbTitle, w.pbNote(data.hasMargin, u));
  sheet.header(3, 1, [...labelHeader(data), w.newCustomers, w.cac, w.pbBreakEven(u)]);
  sheet.header(3, col.ratio, periodHeader(data));
  sheet.note(3, col.breakEven, w.pbBreakEvenNote(u));
  if (!data.hasMargin) sheet.note(3, col.ratio, w.revenueBased);
  sheet.frozenRows = 3;
  sheet.frozenColumns = labels;

  // Row i of LTV-CAC (its cohorts, then its "All cohorts" rows) is row top + i here.
  const groups = averageGroups(data);
  const lines = [
    ...data.cohorts.map((c) => ({
      ...paybackCurve(c.size, c.spend, c.marginLtv),
      payback: cohortRow(c).payback,
    })),
    ...groups.map((g) => {
      const t = totalRow(data, g.rows);
      return {
        customers: t.customers,
        cac: t.cac,
        ratios: paybackRatios(t.curve, t.cac),
        payback: t.payback,
      };
    }),
  ];
  const top = 4;
  const groupTop = top + data.cohorts.length;
  lines.forEach((line, i) => {
    const row = top + i;
    const cells = ltvCacRowCells(data, i);
    const cacCell = a1(row, col.cac);
    const group = groups[i - data.cohorts.length];
    if (group) {
      sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
      sheet.style(range(row, 1, 1, col.breakEven), { bold: true, background: COLORS.total });
    } else {
      writeLabels(sheet, data, row, data.cohorts[i]);
      markPartial(sheet, data, row, col.ratio, data.cohorts[i]);
    }
    sheet.set(row, col.customers, line.customers);
    sheet.set(row, col.cac, formula(`=${ltvCac(cells.cac)}`, line.cac));
    sheet.set(row, col.breakEven, formula(`=${ltvCac(cells.payback)}`, notYet(line.payback)));
    line.ratios.forEach((ratio, k) => {
      const m = ltvCac(cells.curve(k));
      sheet.set(
        row,
        col.ratio + k,
        formula(`=IF(OR(${cacCell}="",${cacCell}=0,${m}=""),"",${m}/${cacCell})`, ratio),
      );
    });
  });
  let row = top + lines.length;
  const rows = row - top;
  sheet.style(range(top, col.customers, rows, 1), { numberFormat: FORMATS.integer });
  sheet.style(range(top, col.cac, rows, 1), { numberFormat: data.currencyFormat });
  sheet.style(range(top, col.breakEven, rows, 1), {
    numberFormat: FORMATS.integer,
    horizontalAlignment: "right",
    bold: true,
  });
  sheet.style(range(top, col.ratio, rows, data.periods), { numberFormat: FORMATS.ratio });
  sheet.threshold(range(top, col.ratio, rows, data.periods), BREAK_EVEN);

  // The median payback per segment, and its cohorts paid back by period k, live over the break-even
  // column. Only comparisons inside SUMPRODUCT, and MATCH as LTV-CAC's payback uses it: every engine
  // (Sheets, Excel, LibreOffice, HyperFormula) evaluates these over ranges without an array formula.
  row++;
  sheet.title(row, w.pbMedianTitle);
  sheet.note(row, 1, w.pbMedianNote(u));
  row++;
  const medianHeader = row;
  sheet.header(row, 1, [...labelHeader(data).map((h, i) => (i === 0 ? "" : h)), ...w.pbMedianHeader(u)]);
  sheet.header(row, col.ratio, periodHeader(data));
  sheet.note(row, col.ratio, w.pbPaidByNote(u));
  const span = (column: number) =>
    `${a1(top, column, true)}:${a1(top + data.cohorts.length - 1, column, true)}`;
  const breakEvens = span(col.breakEven);
  for (const group of groups) {
    row++;
    sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
    const mine = group.rows === data.cohorts ? "" : `--EXACT(${span(2)},${a1(row, 2)}),`;
    const [n, m] = [a1(row, col.customers), a1(row, col.cac)];
    const periods = group.rows.flatMap((c) => {
      const p = cohortRow(c).payback;
      return p === null ? [] : [p === NOT_YET ? null : p];
    });
    const paid = periods.filter((p) => p !== null);
    sheet.set(row, col.customers, formula(`=SUMPRODUCT(${mine}--(${breakEvens}<>""))`, periods.length));
    sheet.set(row, col.cac, formula(`=SUMPRODUCT(${mine}--ISNUMBER(${breakEvens}))`, paid.length));
    for (let k = 0; k < data.periods; k++) {
      sheet.set(
        row,
        col.ratio + k,
        formula(
          `=SUMPRODUCT(${mine}--ISNUMBER(${breakEvens}),--(${breakEvens}<=${k}))`,
          paid.filter((p) => p <= k).length,
        ),
      );
    }
    // The j-th shortest payback: the first period by which j cohorts have paid back.
    const byPeriod = `${a1(row, col.ratio)}:${a1(row, col.ratio + data.periods - 1)}`;
    const kth = (j: string) => `SUMPRODUCT(MATCH(TRUE(),${byPeriod}>=${j},0))-1`;
    const median = medianPayback(periods);
    sheet.set(
      row,
      col.breakEven,
      formula(
        `=IF(${n}=0,"",IF(${m}<INT(${n}/2)+1,${quoted(w.notYet)},(${kth(`INT((${n}+1)/2)`)}+${kth(`INT(${n}/2)+1`)})/2))`,
        median === undefined ? null : median === null ? w.notYet : median,
      ),
    );
  }
  sheet.style(range(medianHeader + 1, col.customers, row - medianHeader, 2), {
    numberFormat: FORMATS.integer,
  });
  sheet.style(range(medianHeader + 1, col.breakEven, row - medianHeader, 1), {
    horizontalAlignment: "right",
    bold: true,
  });
  sheet.style(range(medianHeader + 1, col.ratio, row - medianHeader, data.periods), {
    numberFormat: FORMATS.integer,
    color: COLORS.muted,
  });

  // The chart's data: one line per segment's blended curve (per cohort without segments), and 1.0.
  row += 2;
  sheet.title(row, w.pbChartData);
  row++;
  const chartTop = row;
  sheet.header(row, 1, [data.segments ? w.segment : labelHeader(data)[0], ...periodHeader(data)]);
  const drawn = data.segments
    ? groups.slice(1).map((_, g) => groupTop + 1 + g)
    : [...data.cohorts.map((_, i) => top + i), groupTop];
  for (const from of drawn) {
    row++;
    const cohort = data.cohorts[from - top];
    if (cohort && !data.segments) writeLabels(sheet, data, row, cohort);
    else sheet.set(row, 1, data.segments ? groups[from - groupTop].segment : w.allCohorts);
    lines[from - top].ratios.forEach((ratio, k) => {
      sheet.set(row, 2 + k, formula(`=${a1(from, col.ratio + k)}`, ratio));
    });
  }
  row++;
  sheet.row(row, 1, [w.pbLine, ...Array<number>(data.periods).fill(BREAK_EVEN)]);
  sheet.style(range(chartTop + 1, 2, row - chartTop, data.periods), { numberFormat: FORMATS.decimal });
  sheet.chart({
    type: "line",
    title: w.pbChart(Boolean(data.segments)),
    data: range(chartTop, 1, row - chartTop + 1, data.periods + 1),
    seriesIn: "rows",
    anchor: { row: row + 2, column: 1 },
    xAxisTitle: w.sinceFirst(u),
    yAxisTitle: w.pbAxis(data.hasMargin),
  });

  matrixWidths(sheet, data, col.ratio, 64);
  sheet.columnWidths[col.ratio - 1] = 24;
  return sheet.build();
}
