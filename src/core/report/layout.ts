/**
 * What the matrix sheets (Retention, Revenue & LTV) share: the label columns of a cohort row, the
 * period header, and the marking of the partial last period.
 */
import { type DayNumber, isoDay, MS_PER_DAY } from "../cells";
import type { CohortSeries, ReportData } from "./data";
import type { ReportCell } from "./model";
import { COLORS, range, type SheetWriter } from "./sheet";

/** A calendar day as the model carries dates: UTC midnight. */
function dayDate(day: DayNumber): Date {
  return new Date(day * MS_PER_DAY);
}

/** Columns before the numbers: cohort, and segment when split. */
export function labelColumns(data: ReportData): number {
  return data.segments ? 2 : 1;
}

export function labelHeader(data: ReportData): string[] {
  // Cohorts are named by their period's first day; ISO weeks start on Monday.
  const cohort = data.words.cohortHeader[data.period];
  return data.segments ? [cohort, data.words.segment] : [cohort];
}

function labels(data: ReportData, row: CohortSeries): ReportCell[] {
  return data.segments ? [dayDate(row.start), row.segment ?? ""] : [dayDate(row.start)];
}

/** Writes the label cells of a row, dates formatted as days (the key a refresh matches spend by). */
export function writeLabels(sheet: SheetWriter, data: ReportData, row: number, cohort: CohortSeries): void {
  sheet.row(row, 1, labels(data, cohort));
  sheet.style(range(row, 1), { numberFormat: data.words.date, horizontalAlignment: "left" });
}

/** Period index headers 0, 1, … from `column`. */
export function periodHeader(data: ReportData): number[] {
  return Array.from({ length: data.periods }, (_, k) => k);
}

/** The hover text of a partial period's cell. */
export function partialNote(data: ReportData): string {
  return data.words.partial(data.period, isoDay(data.observationEnd));
}

/** Italic grey plus a note on the partial cell of a row, if it has one. */
export function markPartial(
  sheet: SheetWriter,
  data: ReportData,
  row: number,
  firstPeriodColumn: number,
  cohort: CohortSeries,
): void {
  if (cohort.partialIndex === undefined) return;
  const column = firstPeriodColumn + cohort.partialIndex;
  sheet.style(range(row, column), { italic: true, color: COLORS.muted });
  sheet.note(row, column, partialNote(data));
}

/** Column widths in pixels for labels and period columns. */
export function matrixWidths(
  sheet: SheetWriter,
  data: ReportData,
  firstPeriodColumn: number,
  width = 64,
): void {
  sheet.columnWidths[1] = 120;
  if (data.segments) sheet.columnWidths[2] = 130;
  for (let column = labelColumns(data) + 1; column < firstPeriodColumn; column++)
    sheet.columnWidths[column] = 90;
  for (let k = 0; k < data.periods; k++) sheet.columnWidths[firstPeriodColumn + k] = width;
}
