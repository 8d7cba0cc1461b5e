/**
 * Calendar days back to `Date`s for cells. Sheets reads a `Date` a custom function returns as the
 * instant it is and shows it in the spreadsheet's time zone, and passes date cells in as midnight in
 * that zone; so a day goes out as the first instant of that calendar day in the spreadsheet's zone,
 * which cells.ts's `DayReader` reads back as the same day.
 */
import { type DayNumber, MS_PER_DAY } from "../cells";

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in a zone at an instant, as milliseconds of a UTC date with the same fields. */
function wallClock(time: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(time))) fields[part.type] = Number(part.value);
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/**
 * The first instant of a calendar day in a time zone: its midnight, or, where a clock change skips
 * midnight, the first minute the day has.
 */
export function startOfDayIn(day: DayNumber, timeZone: string): Date {
  const target = day * MS_PER_DAY;
  // Two rounds of "subtract the zone's offset" settle on midnight, across a change of offset too.
  let time = target;
  for (let round = 0; round < 3; round++) {
    const wall = wallClock(time, timeZone);
    if (wall === target) return new Date(time);
    time += target - wall;
  }
  // Midnight does not exist that day (a clock change at 00:00): the first minute whose date is the day.
  let lo = target / 60_000 - 14 * 60;
  let hi = target / 60_000 + 14 * 60;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(mid * 60_000, timeZone) >= target) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo * 60_000);
}
