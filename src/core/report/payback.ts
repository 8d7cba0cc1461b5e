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
import { cohortRow, type LtvCacRow, ltvCacRowCells, NOT_YET, totalRow } from "./ltv-cac";
import { FORMATS, type ReportSheet, sheetRef } from "./model";
import { averageGroups } from "./retention";
import { a1, COLORS, formula, quoted, range, SheetWriter } from "./sheet";

/** A ratio of 1: the cumulative margin per customer has recovered CAC. */
const BREAK_EVEN = 1;

/** The first row of curves: LTV-CAC's row i (its cohorts, then its "All cohorts" rows) is row TOP + i here. */
const TOP = 4;

/** What the sheet's three blocks share: its columns, LTV-CAC's groups, and each curve row's values. */
interface Layout {
  sheet: SheetWriter;
  data: ReportData;
  col: { customers: number; cac: number; breakEven: number; ratio: number };
  groups: ReturnType<typeof averageGroups>;
  lines: {
    customers: number;
    cac: number | null;
    ratios: (number | null)[];
    payback: LtvCacRow["payback"];
  }[];
}

export function paybackSheet(data: ReportData): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("payback", w.sheets.payback);
  const labels = labelColumns(data);
  const col = { customers: labels + 1, cac: labels + 2, breakEven: labels + 3, ratio: labels + 5 };
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
  const layout: Layout = { sheet, data, col, groups, lines };

  sheet.title(1, w.pbTitle, w.pbNote(data.hasMargin, data.period));
  sheet.header(3, 1, [...labelHeader(data), w.newCustomers, w.cac, w.pbBreakEven(data.period)]);
  sheet.header(3, col.ratio, periodHeader(data));
  sheet.note(3, col.breakEven, w.pbBreakEvenNote(data.period));
  if (!data.hasMargin) sheet.note(3, col.ratio, w.revenueBased);
  sheet.frozenRows = 3;
  sheet.frozenColumns = labels;
  writeCurves(layout);
  const medians = writeMedians(layout, TOP + lines.length + 1);
  writeChart(layout, medians + 2);
  matrixWidths(sheet, data, col.ratio, 64);
  sheet.columnWidths[col.ratio - 1] = 24;
  return sheet.build();
}

/** Per LTV-CAC row: CAC, break-even and the ratios, live over its cells; green from 1.0. */
function writeCurves({ sheet, data, col, groups, lines }: Layout): void {
  const w = data.words;
  const ltvCac = (cell: string) => `${sheetRef("ltv-cac")}!${cell}`;
  lines.forEach((line, i) => {
    const row = TOP + i;
    const cells = ltvCacRowCells(data, i);
    const cacCell = a1(row, col.cac);
    const cohort = data.cohorts[i];
    if (cohort) {
      writeLabels(sheet, data, row, cohort);
      markPartial(sheet, data, row, col.ratio, cohort);
    } else {
      const group = groups[i - data.cohorts.length];
      sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
      sheet.style(range(row, 1, 1, col.breakEven), { bold: true, background: COLORS.total });
    }
    sheet.set(row, col.customers, line.customers);
    sheet.set(row, col.cac, formula(`=${ltvCac(cells.cac)}`, line.cac));
    const payback = line.payback === NOT_YET ? w.notYet : line.payback;
    sheet.set(row, col.breakEven, formula(`=${ltvCac(cells.payback)}`, payback));
    line.ratios.forEach((ratio, k) => {
      const m = ltvCac(cells.curve(k));
      sheet.set(
        row,
        col.ratio + k,
        formula(`=IF(OR(${cacCell}="",${cacCell}=0,${m}=""),"",${m}/${cacCell})`, ratio),
      );
    });
  });
  const rows = lines.length;
  sheet.style(range(TOP, col.customers, rows, 1), { numberFormat: FORMATS.integer });
  sheet.style(range(TOP, col.cac, rows, 1), { numberFormat: data.currencyFormat });
  sheet.style(range(TOP, col.breakEven, rows, 1), {
    numberFormat: FORMATS.integer,
    horizontalAlignment: "right",
    bold: true,
  });
  sheet.style(range(TOP, col.ratio, rows, data.periods), { numberFormat: FORMATS.ratio });
  sheet.threshold(range(TOP, col.ratio, rows, data.periods), BREAK_EVEN);
}

/**
 * The median payback per group from `row`, with its cohorts paid back by period k, live over the
 * break-even column. Only comparisons inside SUMPRODUCT, and MATCH as LTV-CAC's payback uses it: every
 * engine (Sheets, Excel, LibreOffice, HyperFormula) evaluates these over ranges without an array
 * formula. Returns the last row written.
 */
function writeMedians({ sheet, data, col, groups }: Layout, first: number): number {
  const w = data.words;
  const u = data.period;
  let row = first;
  sheet.title(row, w.pbMedianTitle);
  sheet.note(row, 1, w.pbMedianNote(u));
  row++;
  const header = row;
  sheet.header(row, 1, [...labelHeader(data).map((h, i) => (i === 0 ? "" : h)), ...w.pbMedianHeader(u)]);
  sheet.header(row, col.ratio, periodHeader(data));
  sheet.note(row, col.ratio, w.pbPaidByNote(u));
  // The counts under the periods say what they count, above their header.
  sheet.set(row - 1, col.ratio, w.pbPaidByNote(u));
  sheet.style(range(row - 1, col.ratio), { bold: true, color: COLORS.title });
  const span = (column: number) =>
    `${a1(TOP, column, true)}:${a1(TOP + data.cohorts.length - 1, column, true)}`;
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
  const rows = row - header;
  sheet.style(range(header + 1, col.customers, rows, 2), { numberFormat: FORMATS.integer });
  sheet.style(range(header + 1, col.breakEven, rows, 1), { horizontalAlignment: "right", bold: true });
  sheet.style(range(header + 1, col.ratio, rows, data.periods), {
    numberFormat: FORMATS.integer,
    color: COLORS.muted,
  });
  return row;
}

/**
 * The chart and its data from `row`: a line per segment's blended curve (without segments, per
 * cohort and "All cohorts"), each a reference to the curve above, and the 1.0 line.
 */
function writeChart({ sheet, data, col, groups, lines }: Layout, first: number): void {
  const w = data.words;
  let row = first;
  sheet.title(row, w.pbChartData);
  row++;
  const header = row;
  sheet.header(row, 1, [data.segments ? w.segment : labelHeader(data)[0], ...periodHeader(data)]);
  const groupTop = TOP + data.cohorts.length;
  const drawn = data.segments
    ? groups.slice(1).map((_, g) => groupTop + 1 + g)
    : [...data.cohorts.map((_, i) => TOP + i), groupTop];
  for (const from of drawn) {
    row++;
    const cohort = data.cohorts[from - TOP];
    if (cohort && !data.segments) writeLabels(sheet, data, row, cohort);
    else sheet.set(row, 1, data.segments ? groups[from - groupTop].segment : w.allCohorts);
    lines[from - TOP].ratios.forEach((ratio, k) => {
      sheet.set(row, 2 + k, formula(`=${a1(from, col.ratio + k)}`, ratio));
    });
  }
  row++;
  sheet.row(row, 1, [w.pbLine, ...Array<number>(data.periods).fill(BREAK_EVEN)]);
  sheet.style(range(header + 1, 2, row - header, data.periods), { numberFormat: FORMATS.decimal });
  sheet.chart({
    type: "line",
    title: w.pbChart(Boolean(data.segments)),
    data: range(header, 1, row - header + 1, data.periods + 1),
    seriesIn: "rows",
    anchor: { row: row + 2, column: 1 },
    xAxisTitle: w.sinceFirst(data.period),
    yAxisTitle: w.pbAxis(data.hasMargin),
  });
}
