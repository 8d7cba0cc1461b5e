/**
 * The LTV:CAC sheet: per cohort (× segment), new customers, marketing spend (editable), CAC = spend /
 * new customers, LTV at 3, 6 and 12 periods, LTV:CAC at each, and the payback period: the first
 * period k whose cumulative margin per customer reaches CAC. CAC, ratios and payback are live
 * formulas over the cells, with the values the engine computed cached, so typing a new spend
 * updates every ratio. Below the totals, per channel, the predicted value of a new customer and
 * predicted LTV:CAC over its recent CAC (channel-value.ts), live over the same spend cells. Source
 * for CAC, LTV:CAC and the 3:1 rule: Skok, "SaaS Metrics 2.0" (2013).
 */

import { dateSerial } from "../cells";
import { cac, ltvCac } from "../metrics/cac";
import { MIN_REPEAT_BUYERS } from "../segments/new-customer-value";
import {
  type ChannelValue,
  channelValues,
  marginShare,
  PREDICTED_HORIZONS,
  RECENT_COHORTS,
} from "./channel-value";
import { CLV_MONTHLY_DISCOUNT } from "./customer-forecast";
import { blendedAt, blendedCurve, type CohortSeries, HORIZONS, ltvAt, type ReportData } from "./data";
import { labelColumns, labelHeader, partialNote, periodHeader, writeLabels } from "./layout";
import { FORMATS, type FormulaCell, type ReportSheet } from "./model";
import { CLV_INTERVAL } from "./predicted-clv";
import { averageGroups } from "./retention";
import { a1, COLORS, formula, quoted, range, SheetWriter } from "./sheet";
import { round, whyText } from "./spend";
import { spendWordsOf } from "./spend-words";

/** The 3:1 rule of thumb for a healthy LTV:CAC. */
export const HEALTHY_LTV_CAC = 3;

/** Payback not reached within the observed periods; sheets show it in the report's words. */
export const NOT_YET = "not yet";

/** What a row of the sheet computes, as the cached values of its formulas. */
export interface LtvCacRow {
  customers: number;
  spend: number | null;
  cac: number | null;
  ltv: (number | null)[];
  ratio: (number | null)[];
  /** First period whose cumulative margin per customer reaches CAC; NOT_YET if none does. */
  payback: number | typeof NOT_YET | null;
  curve: (number | null)[];
}

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

/** LTV ÷ CAC as a live formula, blank while either is blank or CAC is 0. */
const ratioFormula = (ltv: string, cacCell: string, value: number | null) =>
  formula(`=IF(OR(${ltv}="",${cacCell}="",${cacCell}=0),"",${ltv}/${cacCell})`, value);

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

export function cohortRow(cohort: CohortSeries): LtvCacRow {
  return computeRow(
    cohort.size,
    cohort.spend ?? null,
    HORIZONS.map((n) => ltvAt(cohort.marginLtv, cohort.partialIndex, n)),
    cohort.marginLtv,
  );
}

/**
 * A summary row over cohort rows: blended CAC over the rows that have spend; LTVs of the blended
 * curve. Over all cohorts the spend no cohort row took (a channel spelled unlike the data's) counts
 * too: how a channel is spelled never changes the blended CAC.
 */
export function totalRow(data: ReportData, rows: readonly CohortSeries[]): LtvCacRow {
  const withSpend = rows.filter((c) => c.spend !== undefined);
  const unmatched = rows === data.cohorts ? unmatchedSpend(data) : [];
  const spend =
    withSpend.length || unmatched.length
      ? withSpend.reduce((s, c) => s + (c.spend ?? 0), 0) + unmatched.reduce((s, u) => s + u.spend, 0)
      : null;
  const covered = withSpend.reduce((n, c) => n + c.size, 0);
  const curve = blendedCurve(rows, data.periods, (c) => c.marginLtv);
  const row = computeRow(
    covered,
    spend,
    HORIZONS.map((n) => blendedAt(curve, n)),
    curve,
  );
  return { ...row, customers: rows.reduce((n, c) => n + c.size, 0) };
}

/** The sheet's columns: labels, then customers, spend, CAC, LTVs, ratios, payback, a gap, the curve. */
function columns(data: ReportData) {
  const labels = labelColumns(data);
  return {
    labels,
    customers: labels + 1,
    spend: labels + 2,
    cac: labels + 3,
    ltv: labels + 4,
    ratio: labels + 4 + HORIZONS.length,
    payback: labels + 4 + 2 * HORIZONS.length,
    curve: labels + 6 + 2 * HORIZONS.length,
  };
}

const FIRST_ROW = 4;

/** The spend no cohort row took, as the sheet lists it below the totals. */
const unmatchedSpend = (data: ReportData) => data.spendMatch?.unmatched ?? [];

/**
 * Rows of the block below the totals that names the spend no cohort row took (title, note, header,
 * one row per channel) and the channels without spend (one line), with a blank row after; 0 when
 * there is nothing to say.
 */
function unmatchedRows(data: ReportData): number {
  const unmatched = unmatchedSpend(data).length;
  const without = data.spendMatch?.withoutSpend.length ? 1 : 0;
  if (!unmatched && !without) return 0;
  return (unmatched ? 3 + unmatched : 0) + without + 1;
}

/**
 * Where the "All cohorts" totals sit (A1, absolute), for Summary's live references: CAC, LTV:CAC at
 * the longest horizon, payback.
 */
export function allCohortsCells(data: ReportData): Record<"cac" | "ratio" | "payback", string> {
  const col = columns(data);
  const row = FIRST_ROW + data.cohorts.length;
  const last = HORIZONS.length - 1;
  return {
    cac: a1(row, col.cac, true),
    ratio: a1(row, col.ratio + last, true),
    payback: a1(row, col.payback, true),
  };
}

/**
 * Where row `i` of the sheet keeps what the Payback sheet reads (A1, absolute): its CAC, its payback
 * and its curve's cell of period k. Rows count from the first cohort: the cohorts, then the
 * "All cohorts" rows of `averageGroups(data)`, in order.
 */
export function ltvCacRowCells(data: ReportData, i: number) {
  const col = columns(data);
  const row = FIRST_ROW + i;
  return {
    cac: a1(row, col.cac, true),
    payback: a1(row, col.payback, true),
    curve: (k: number) => a1(row, col.curve + k, true),
  };
}

export function ltvCacSheet(data: ReportData): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("ltv-cac", w.sheets["ltv-cac"]);
  const u = data.period;
  const col = columns(data);
  const labels = col.labels;
  const margin = data.hasMargin;
  const money = data.currencyFormat;

  sheet.title(1, w.ltvCacTitle, w.ltvCacNote(data.hasSpend, margin, u));
  const header = [
    ...labelHeader(data),
    w.newCustomers,
    w.spend,
    w.cac,
    ...HORIZONS.map((n) => w.ltvAt(margin, n, u)),
    ...HORIZONS.map((n) => w.ratioAt(margin, n, u)),
    w.paybackHeader(u),
  ];
  sheet.header(3, 1, header);
  sheet.header(3, col.curve, periodHeader(data));
  sheet.note(3, col.curve, w.curveNote(margin, u));
  sheet.note(3, col.payback, w.paybackNote(u));
  if (!margin) sheet.note(3, col.ratio, w.revenueBased);
  sheet.frozenRows = 3;
  sheet.frozenColumns = labels;

  const top = FIRST_ROW;
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
      sheet.set(row, col.ratio + i, ratioFormula(ltv, cacCell, values.ratio[i]));
    });
    const curve = `${at(col.curve)}:${at(col.curve + data.periods - 1)}`;
    sheet.set(
      row,
      col.payback,
      formula(
        `=IF(${cacCell}="","",IFERROR(SUMPRODUCT(MATCH(TRUE(),${curve}>=${cacCell},0))-1,${quoted(w.notYet)}))`,
        values.payback === NOT_YET ? w.notYet : values.payback,
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
  const unmatchedTop = totalsTop + averageGroups(data).length + 1;
  const unmatched = unmatchedSpend(data);
  const unmatchedRange = unmatched.length
    ? `${a1(unmatchedTop + 3, col.spend, true)}:${a1(unmatchedTop + 2 + unmatched.length, col.spend, true)}`
    : undefined;
  for (const group of averageGroups(data)) {
    sheet.row(row, 1, data.segments ? [group.label, group.segment] : [group.label]);
    const values = totalRow(data, group.rows);
    const segment = a1(row, 2);
    const all = group.rows === data.cohorts;
    // Segments are matched with EXACT, never as a SUMIF criterion: a channel named "Paid*", ">5" or
    // "~x" would match other names or none (criteria read wildcards and comparisons).
    const mine = `--EXACT(${segmentRange},${segment})`;
    const spendCell = all
      ? unmatchedRange
        ? formula(
            `=IF(COUNT(${spendRange})+COUNT(${unmatchedRange})=0,"",SUM(${spendRange})+SUM(${unmatchedRange}))`,
            values.spend,
          )
        : formula(`=IF(COUNT(${spendRange})=0,"",SUM(${spendRange}))`, values.spend)
      : formula(
          `=IF(SUMPRODUCT(${mine},--ISNUMBER(${spendRange}))=0,"",SUMPRODUCT(${mine},${spendRange}))`,
          values.spend,
        );
    const covered = all
      ? `SUMPRODUCT(--ISNUMBER(${spendRange}),${customersRange})`
      : `SUMPRODUCT(${mine},--ISNUMBER(${spendRange}),${customersRange})`;
    writeRow(row, values, spendCell, covered);
    sheet.style(range(row, 1, 1, col.payback), { bold: true, background: COLORS.total });
    row++;
  }
  sheet.note(totalsTop, col.cac, w.blendedCacNote);
  writeUnmatched(sheet, data, unmatchedTop, col.spend, col.cac);

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
  writePredicted(sheet, data, {
    dates: columnRange(1),
    segments: data.segments ? segmentRange : undefined,
    spend: spendRange,
    customers: customersRange,
  });
  writeChart(sheet, data, sheet.nextRow + 1, a1(totalsTop, col.cac, true));

  sheet.columnWidths[1] = 120;
  if (data.segments) sheet.columnWidths[2] = 130;
  for (let column = col.customers; column <= col.payback; column++) sheet.columnWidths[column] = 100;
  sheet.columnWidths[col.curve - 1] = 24;
  for (let k = 0; k < data.periods; k++) sheet.columnWidths[col.curve + k] = 72;
  return sheet.build();
}

/**
 * The chart of cumulative margin (revenue without a margin) per customer against CAC, and its data
 * from `top`: a line per segment (without segments, per cohort and "All cohorts"), then, with a spend
 * table, blended CAC as a flat line, live over the "All cohorts" CAC cell `cacCell` so typed spend moves it.
 */
function writeChart(sheet: SheetWriter, data: ReportData, top: number, cacCell: string): void {
  const w = data.words;
  const groups = averageGroups(data);
  sheet.title(top, w.ltvCacChartData);
  const header = top + 1;
  sheet.header(header, 1, [data.segments ? w.segment : labelHeader(data)[0], ...periodHeader(data)]);
  let row = header + 1;
  if (data.segments) {
    for (const group of groups.slice(1))
      sheet.row(row++, 1, [group.segment, ...totalRow(data, group.rows).curve]);
  } else {
    for (const cohort of data.cohorts) {
      writeLabels(sheet, data, row, cohort);
      sheet.row(row++, 2, cohort.marginLtv);
    }
    sheet.row(row++, 1, [w.allCohorts, ...totalRow(data, data.cohorts).curve]);
  }
  // Without a spend table there is no CAC: a reference to the blank cell would draw a line at 0.
  const cac = totalRow(data, data.cohorts).cac;
  if (data.hasSpend)
    sheet.row(row++, 1, [w.cacLine, ...periodHeader(data).map(() => formula(`=${cacCell}`, cac))]);
  sheet.style(range(header + 1, 2, row - header - 1, data.periods), { numberFormat: data.currencyFormat });
  sheet.chart({
    type: "line",
    title: w.ltvCacChart(data.hasMargin, Boolean(data.segments), data.hasSpend),
    data: range(header, 1, row - header, data.periods + 1),
    seriesIn: "rows",
    anchor: { row: row + 1, column: 1 },
    xAxisTitle: w.sinceFirst(data.period),
  });
}

/** The predicted block's columns. */
const P = { channel: 1, customers: 2, from: 3, cac: 4, months: 5, value: 6, ratio: 9, fit: 10 } as const;

/** The first row of the predicted block: one blank row below the totals and the unmatched spend. */
function predictedTop(data: ReportData): number {
  return FIRST_ROW + data.cohorts.length + averageGroups(data).length + 1 + unmatchedRows(data);
}

/**
 * From `top`: the spend no cohort row took, per channel as the spend table names it, with why —
 * editable (kept on refresh by channel) and added into the All cohorts spend — and the channels of
 * the data that got no spend.
 */
function writeUnmatched(sheet: SheetWriter, data: ReportData, top: number, spend: number, why: number): void {
  const match = data.spendMatch;
  if (!match || unmatchedRows(data) === 0) return;
  const sw = spendWordsOf(data.language);
  let row = top;
  if (match.unmatched.length) {
    sheet.title(row, sw.unmatchedTitle, sw.unmatchedNote);
    const [channel, amount, reason] = sw.unmatchedHeader;
    sheet.header(row + 2, 1, [channel]);
    sheet.header(row + 2, spend, [amount, reason]);
    row += 3;
    for (const u of match.unmatched) {
      sheet.set(row, 1, u.channel);
      sheet.set(row, spend, round(u.spend));
      sheet.set(row, why, whyText(u.why, sw));
      row++;
    }
    const n = match.unmatched.length;
    sheet.style(range(row - n, spend, n, 1), { numberFormat: data.currencyFormat, background: COLORS.input });
    sheet.style(range(row - n, 1, n, 1), { horizontalAlignment: "left" });
    sheet.markEditable(range(row - n, spend, n, 1), [1]);
  }
  if (match.withoutSpend.length) {
    sheet.set(row, 1, sw.noSpendChannels(match.withoutSpend.join(", ")));
    sheet.style(range(row, 1), { italic: true, color: COLORS.muted });
  }
}

/** The row of channel `i` (0-based) at horizon `h` in the predicted block. */
const predictedRow = (top: number, i: number, h: number) => top + 3 + PREDICTED_HORIZONS.length * i + h;

/** Predicted LTV:CAC of a channel at the `h`-th horizon, as its formula computes it. */
function predictedRatio(channel: ChannelValue, h: number): number | null {
  return safeRatio(channel.values[h].value, channel.recent?.cac ?? null);
}

/**
 * Where Summary finds each channel's predicted LTV:CAC at the first horizon (12 months) on this
 * sheet (A1, absolute), with its value; none when the report has no customers to fit or the fit failed.
 */
export function predictedRatioCells(
  data: ReportData,
): { channel: ChannelValue; cell: string; ratio: number | null }[] {
  const channels = channelValues(data)?.channels;
  const top = predictedTop(data);
  return (channels ?? []).map((channel, i) => ({
    channel,
    cell: a1(predictedRow(top, i, 0), P.ratio, true),
    ratio: predictedRatio(channel, 0),
  }));
}

/**
 * Below the totals, per channel: the predicted value of a new customer at 12, 24 and 36 months with
 * its 80% interval (channel-value.ts), the channel's recent CAC as a live formula over the spend
 * cells (spend ÷ new customers of its last RECENT_COHORTS cohorts with a spend; segments matched
 * with EXACT), and predicted LTV:CAC = value ÷ recent CAC, live too. Fitted on the rows, or on the
 * customers' histories a database computed; without either, one line says so.
 */
function writePredicted(
  sheet: SheetWriter,
  data: ReportData,
  ranges: { dates: string; segments?: string; spend: string; customers: string },
): void {
  const w = data.words;
  const top = predictedTop(data);
  const margin = data.hasMargin;
  const level = CLV_INTERVAL * 100;
  const fitted = channelValues(data);
  const note = !fitted
    ? w.predictedNeedsRows
    : fitted.error !== undefined
      ? w.clvFailed(fitted.error)
      : w.predictedNote(
          margin,
          Math.round(marginShare(data) * 1000) / 10,
          CLV_MONTHLY_DISCOUNT * 100,
          level,
          RECENT_COHORTS,
        );
  sheet.title(top, w.predictedTitle(margin), note);
  if (!fitted?.channels) return;
  sheet.header(top + 2, 1, w.predictedHeader(margin, level));

  const { dates, segments, spend, customers } = ranges;
  fitted.channels.forEach((channel, i) => {
    const first = predictedRow(top, i, 0);
    const at = (column: number) => a1(first, column, true);
    // This channel's cohort rows with a spend: EXACT, never a SUMIF criterion (see the totals above).
    const flags = [...(segments ? [`EXACT(${segments},${at(P.channel)})`] : []), `ISNUMBER(${spend})`];
    const count = `SUMPRODUCT(${flags.map((f) => `--${f}`).join(",")})`;
    const recent = `${flags.map((f) => `--${f}`).join(",")},--(${dates}>=${at(P.from)})`;
    sheet.row(first, P.channel, [
      channel.segment,
      channel.customers,
      formula(
        `=IF(${count}=0,"",SUMPRODUCT(LARGE(${flags.join("*")}*${dates},MIN(${RECENT_COHORTS},${count}))))`,
        channel.recent ? dateSerial(channel.recent.from) : null,
      ),
      formula(
        `=IF(${at(P.from)}="","",SUMPRODUCT(${recent},${spend})/SUMPRODUCT(${recent},${customers}))`,
        channel.recent?.cac ?? null,
      ),
    ]);
    sheet.set(
      first,
      P.fit,
      !channel.pooled
        ? w.ownFit(channel.repeatBuyers)
        : channel.repeatBuyers < MIN_REPEAT_BUYERS
          ? w.pooledFew(channel.repeatBuyers, MIN_REPEAT_BUYERS)
          : w.pooledFailed,
    );
    PREDICTED_HORIZONS.forEach((months, h) => {
      const row = predictedRow(top, i, h);
      const { value, lower, upper } = channel.values[h];
      sheet.row(row, P.months, [months, value, lower ?? null, upper ?? null]);
      sheet.set(row, P.ratio, ratioFormula(a1(row, P.value), at(P.cac), predictedRatio(channel, h)));
    });
    if (channel.pooled)
      sheet.style(range(first, 1, PREDICTED_HORIZONS.length, P.fit), { italic: true, color: COLORS.muted });
  });

  const first = predictedRow(top, 0, 0);
  const rows = PREDICTED_HORIZONS.length * fitted.channels.length;
  sheet.style(range(first, P.channel, rows), { horizontalAlignment: "left" });
  sheet.style(range(first, P.customers, rows), { numberFormat: FORMATS.integer });
  sheet.style(range(first, P.from, rows), { numberFormat: w.date });
  sheet.style(range(first, P.cac, rows), { numberFormat: data.currencyFormat });
  sheet.style(range(first, P.months, rows), { numberFormat: FORMATS.integer });
  sheet.style(range(first, P.value, rows, 3), { numberFormat: data.currencyFormat });
  sheet.style(range(first, P.ratio, rows), { numberFormat: FORMATS.ratio });
  sheet.threshold(range(first, P.ratio, rows), HEALTHY_LTV_CAC);
  if (!margin) sheet.note(top + 2, P.ratio, w.revenueBased);
}
