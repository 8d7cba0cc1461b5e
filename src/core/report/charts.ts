/**
 * The series of a report {@link Chart}, as cell ranges: what the Sheets writer hands to an embedded
 * chart (one range, first row and column as headers) and what the .xlsx writer spells out series by
 * series in DrawingML. Both read them from here, so both outputs draw the same lines from the same cells.
 */
import type { CellRange, Chart } from "./model";
import { range } from "./sheet";

/** A chart's size on the sheet, in pixels (Sheets' default for an embedded chart). */
export const CHART_SIZE = { width: 600, height: 371 } as const;

export interface ChartSeries {
  /** The cell holding the series' name (a cohort's start, a segment, a column header). */
  name: CellRange;
  /** The x-axis labels: the header row (series in rows) or the first column (series in columns). */
  categories: CellRange;
  values: CellRange;
  /** Drawn as a line over the columns on a second axis (the last `lineSeries` of a column chart). */
  line: boolean;
}

/** A chart's series in order: one per row below the header, or one per column right of the labels. */
export function chartSeries(chart: Chart): ChartSeries[] {
  const { row, column, rows, columns } = chart.data;
  const count = (chart.seriesIn === "rows" ? rows : columns) - 1;
  const lines = chart.type === "column" ? (chart.lineSeries ?? 0) : 0;
  return Array.from({ length: count }, (_, i) => {
    const line = i >= count - lines;
    return chart.seriesIn === "rows"
      ? {
          name: range(row + 1 + i, column),
          categories: range(row, column + 1, 1, columns - 1),
          values: range(row + 1 + i, column + 1, 1, columns - 1),
          line,
        }
      : {
          name: range(row, column + 1 + i),
          categories: range(row + 1, column, rows - 1, 1),
          values: range(row + 1, column + 1 + i, rows - 1, 1),
          line,
        };
  });
}
