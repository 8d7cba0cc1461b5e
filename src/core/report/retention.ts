/**
 * The Retention sheet: Retention(c, k) = Active(c, k) / size(c), the share of a cohort's customers
 * who bought in the k-th period after their first, as a percent matrix with a heatmap and a
 * size-weighted average row; then the same matrix in customer counts.
 */
import type { CohortSeries, ReportData } from "./data";
import {
  labelColumns,
  labelHeader,
  markPartial,
  matrixWidths,
  partialNote,
  periodHeader,
  writeLabels,
} from "./layout";
import { FORMATS, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

/** Rows an average is taken over: all cohorts, then each segment's, when split. */
export function averageGroups(data: ReportData): { label: string; segment: string; rows: CohortSeries[] }[] {
  const { allCohorts, allSegments } = data.words;
  const groups = [{ label: allCohorts, segment: data.segments ? allSegments : "", rows: data.cohorts }];
  for (const segment of data.segments ?? []) {
    groups.push({ label: allCohorts, segment, rows: data.cohorts.filter((c) => c.segment === segment) });
  }
  return groups;
}

/**
 * Size-weighted average of `value(row, k)` over rows with period k observed and complete:
 * Σ size·value / Σ size. Null where no row has period k complete.
 */
export function completeAverage(
  rows: readonly CohortSeries[],
  k: number,
  value: (row: CohortSeries, k: number) => number,
): number | null {
  let weight = 0;
  let total = 0;
  for (const row of rows) {
    if (k >= row.active.length || k === row.partialIndex) continue;
    weight += row.size;
    total += row.size * value(row, k);
  }
  return weight > 0 ? total / weight : null;
}

/** Under the cohort tables: the first cohort looks left-censored, or was left out (first-period.ts). */
export function firstPeriodLine(sheet: SheetWriter, row: number, text: string): void {
  sheet.set(row, 1, text);
  sheet.style(range(row, 1), { italic: true, color: COLORS.muted });
}

export function retentionSheet(data: ReportData): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("retention", w.sheets.retention);
  const labelsWidth = labelColumns(data);
  const sizeColumn = labelsWidth + 1;
  const first = sizeColumn + 1;
  const header = [...labelHeader(data), w.customers, ...periodHeader(data)];

  sheet.title(1, w.retentionTitle, w.retentionNote(data.period));
  sheet.header(3, 1, header);
  sheet.note(3, first, w.sinceFirst(data.period));
  sheet.frozenRows = 3;
  sheet.frozenColumns = sizeColumn;

  let row = 4;
  const percentTop = row;
  for (const cohort of data.cohorts) {
    writeLabels(sheet, data, row, cohort);
    sheet.set(row, sizeColumn, cohort.size);
    sheet.row(
      row,
      first,
      cohort.active.map((active) => active / cohort.size),
    );
    markPartial(sheet, data, row, first, cohort);
    row++;
  }
  const percentRows = row - percentTop;
  for (const group of averageGroups(data)) {
    sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
    sheet.set(
      row,
      sizeColumn,
      group.rows.reduce((n, c) => n + c.size, 0),
    );
    for (let k = 0; k < data.periods; k++) {
      sheet.set(
        row,
        first + k,
        completeAverage(group.rows, k, (c, j) => c.active[j] / c.size),
      );
    }
    sheet.style(range(row, 1, 1, first + data.periods - 1), { bold: true, background: COLORS.total });
    row++;
  }
  sheet.style(range(percentTop, first, row - percentTop, data.periods), { numberFormat: FORMATS.percent });
  sheet.style(range(percentTop, sizeColumn, row - percentTop, 1), { numberFormat: FORMATS.integer });
  // Period 0 is 100% by definition: left out of the scale so it does not flatten the rest.
  sheet.colorScale(range(percentTop, first + 1, percentRows, data.periods - 1));

  row++;
  sheet.title(row, w.activeTitle);
  row++;
  sheet.header(row, 1, header);
  row++;
  const countTop = row;
  for (const cohort of data.cohorts) {
    writeLabels(sheet, data, row, cohort);
    sheet.set(row, sizeColumn, cohort.size);
    sheet.row(row, first, cohort.active);
    markPartial(sheet, data, row, first, cohort);
    row++;
  }
  const countRows = row - countTop;
  sheet.row(row, 1, data.segments ? [w.allCohorts, w.allSegments] : [w.allCohorts]);
  sheet.set(
    row,
    sizeColumn,
    data.cohorts.reduce((n, c) => n + c.size, 0),
  );
  for (let k = 0; k < data.periods; k++) {
    sheet.set(
      row,
      first + k,
      data.cohorts.reduce((n, c) => n + (c.active[k] ?? 0), 0),
    );
  }
  sheet.style(range(row, 1, 1, first + data.periods - 1), { bold: true, background: COLORS.total });
  if (data.cohorts.some((c) => c.partialIndex !== undefined)) sheet.note(row, 1, partialNote(data));
  sheet.style(range(countTop, sizeColumn, countRows + 1, data.periods + 1), {
    numberFormat: FORMATS.integer,
  });
  sheet.colorScale(range(countTop, first + 1, countRows, data.periods - 1));
  let next = row + 2;
  if (data.firstPeriodNote) {
    firstPeriodLine(sheet, next, data.firstPeriodNote);
    next += 2;
  }
  writeChart(sheet, data, next);
  matrixWidths(sheet, data, first);
  return sheet.build();
}

/**
 * The retention chart and its data from `top`: a line per segment's average curve (without segments,
 * per cohort and "All cohorts"). Values, not references: an unobserved period stays blank, where a
 * reference would read 0 and draw the curve down to it.
 */
function writeChart(sheet: SheetWriter, data: ReportData, top: number): void {
  const w = data.words;
  const groups = averageGroups(data);
  const average = (rows: CohortSeries[]) =>
    periodHeader(data).map((k) => completeAverage(rows, k, (c, j) => c.active[j] / c.size));
  sheet.title(top, w.retentionChartData);
  const header = top + 1;
  sheet.header(header, 1, [data.segments ? w.segment : labelHeader(data)[0], ...periodHeader(data)]);
  let row = header + 1;
  if (data.segments) {
    for (const group of groups.slice(1)) sheet.row(row++, 1, [group.segment, ...average(group.rows)]);
  } else {
    for (const cohort of data.cohorts) {
      writeLabels(sheet, data, row, cohort);
      sheet.row(
        row++,
        2,
        cohort.active.map((active) => active / cohort.size),
      );
    }
    sheet.row(row++, 1, [w.allCohorts, ...average(data.cohorts)]);
  }
  sheet.style(range(header + 1, 2, row - header - 1, data.periods), { numberFormat: FORMATS.percent });
  sheet.chart({
    type: "line",
    title: w.retentionChart(Boolean(data.segments)),
    data: range(header, 1, row - header, data.periods + 1),
    seriesIn: "rows",
    anchor: { row: row + 1, column: 1 },
    xAxisTitle: w.sinceFirst(data.period),
    yAxisTitle: w.retentionAxis,
  });
}
