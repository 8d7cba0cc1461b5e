/**
 * The Revenue & LTV sheet: Revenue(c, k), the net revenue of cohort c's customers in their k-th
 * period, and the LTV curve L(c, k) = Σ_{j≤k} Revenue(c, j) / size(c), cumulative revenue per
 * customer (and cumulative margin per customer when a margin is given), with a line chart.
 */
import { blendedCurve, type CohortSeries, type ReportData } from "./data";
import { labelColumns, labelHeader, markPartial, matrixWidths, periodHeader, writeLabels } from "./layout";
import type { ReportSheet } from "./model";
import { averageGroups, firstPeriodLine } from "./retention";
import { COLORS, range, SheetWriter } from "./sheet";

interface Block {
  title: string;
  values: (c: CohortSeries) => number[];
  /** The block's summary rows: a sum of the column, or the blended curve per group. */
  summary: "sum" | "average";
}

export function revenueSheet(data: ReportData): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("revenue", w.sheets.revenue);
  const first = labelColumns(data) + 1;
  const header = [...labelHeader(data), ...periodHeader(data)];
  const width = first + data.periods - 1;
  const money = data.currencyFormat;

  sheet.title(1, w.revenueTitle, w.revenueNote(data.period));
  sheet.frozenRows = 3;
  sheet.frozenColumns = labelColumns(data);

  const blocks: Block[] = [
    { title: w.revenueBlock, values: (c) => c.revenue, summary: "sum" },
    { title: w.ltvBlock, values: (c) => c.ltv, summary: "average" },
  ];
  if (data.hasMargin) {
    blocks.push({ title: w.marginBlock, values: (c) => c.marginLtv, summary: "average" });
  }

  let row = 3;
  let ltvHeaderRow = 0;
  let ltvRows = 0;
  blocks.forEach((block, index) => {
    if (index > 0) {
      row++;
      sheet.title(row, block.title);
      row++;
    }
    sheet.header(row, 1, header);
    if (index === 1) ltvHeaderRow = row;
    row++;
    const top = row;
    for (const cohort of data.cohorts) {
      writeLabels(sheet, data, row, cohort);
      sheet.row(row, first, block.values(cohort));
      markPartial(sheet, data, row, first, cohort);
      row++;
    }
    const cohortRows = row - top;
    if (block.summary === "sum") {
      sheet.row(row, 1, data.segments ? [w.allCohorts, w.allSegments] : [w.allCohorts]);
      for (let k = 0; k < data.periods; k++) {
        sheet.set(
          row,
          first + k,
          data.cohorts.reduce((sum, c) => sum + (c.revenue[k] ?? 0), 0),
        );
      }
      sheet.style(range(row, 1, 1, width), { bold: true, background: COLORS.total });
      row++;
    } else {
      for (const group of averageGroups(data)) {
        sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
        sheet.row(row, first, blendedCurve(group.rows, data.periods, block.values));
        sheet.style(range(row, 1, 1, width), { bold: true, background: COLORS.total });
        row++;
      }
    }
    if (index === 1) ltvRows = row - top;
    sheet.style(range(top, first, row - top, data.periods), { numberFormat: money });
    sheet.colorScale(range(top, first, cohortRows, data.periods));
  });

  // One line per cohort; split by segment, one line per segment's average curve (readable), drawn
  // from a block of its own because a chart's series must sit right under its header row.
  let chartData = range(ltvHeaderRow, 1, ltvRows + 1, data.periods + 1);
  if (data.segments) {
    row++;
    sheet.title(row, w.chartData);
    row++;
    sheet.header(row, 1, [w.segment, ...periodHeader(data)]);
    const top = row;
    for (const group of averageGroups(data).slice(1)) {
      row++;
      sheet.set(row, 1, group.segment);
      sheet.row(
        row,
        2,
        blendedCurve(group.rows, data.periods, (c) => c.ltv),
      );
    }
    row++;
    sheet.style(range(top + 1, 2, row - top - 1, data.periods), { numberFormat: money });
    chartData = range(top, 1, row - top, data.periods + 1);
  }
  if (data.firstPeriodNote) {
    row++;
    firstPeriodLine(sheet, row, data.firstPeriodNote);
  }
  sheet.chart({
    type: "line",
    title: data.segments ? w.chartBySegment : w.chartByCohort,
    data: chartData,
    seriesIn: "rows",
    anchor: { row: row + 1, column: 1 },
    xAxisTitle: w.sinceFirst(data.period),
    yAxisTitle: w.perCustomer,
  });

  matrixWidths(sheet, data, first, 80);
  return sheet.build();
}
