/**
 * The add-on's path from cells to a report model: the core's `reportFromTable`, given the columns
 * the user confirmed in the sidebar and the source's position so errors name sheet rows.
 */
import { readDay, Where } from "../core/cells";
import { DEFAULT_SHEETS, OPTIONAL_SHEETS, reportFromTable, SUBSCRIPTION_SHEET } from "../core/report/build";
import type { ReportSheetKey } from "../core/report/model";
import type { MakeReport } from "./reports";

/** The sheets the sidebar offers. */
export const AVAILABLE_SHEETS: ReportSheetKey[] = [...DEFAULT_SHEETS, ...OPTIONAL_SHEETS, SUBSCRIPTION_SHEET];

export const makeReport: MakeReport = ({
  rows,
  spend,
  campaignMap,
  settings,
  currency,
  context,
  sourceName,
  firstRow,
}) => {
  const day = (text: string | null | undefined, name: string) =>
    text ? readDay(text, context, new Where(name, "date")) : undefined;
  return reportFromTable({
    rows,
    spend,
    campaignMap,
    context,
    mapping: settings.mapping,
    termColumn: settings.termColumn ?? undefined,
    firstRow,
    options: {
      period: settings.period,
      observationEnd: day(settings.observationEnd, "Observation end"),
      calibrationEnd: day(settings.calibrationEnd, "Calibration end"),
      marginRate: settings.margin ?? undefined,
      splitBySegment: settings.mapping.segment !== undefined,
      sheets: settings.sheets,
      currency,
      source: `${sourceName}!${settings.source.range}`,
      language: settings.language,
      skipFirstPeriod: settings.skipFirstPeriod === true,
    },
  }).report;
};
