/**
 * FORECAST_CHECK with a hold-out end after the data: the hold-out is cut at the last date, so purchases
 * and predictions cover one span, and a note says so (issue: 39 weeks of actual purchases were compared
 * with 78 weeks of predictions, silently).
 */
import { expect } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { itWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));

itWithReferenceData("cuts a hold-out end after the data at the last date and says so in the note row", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const pick = (name: string) => rows.map((row) => [row[header.indexOf(name)]]);
  const [ids, dates] = [pick("customer_id"), pick("date")];
  const toData = sheets.FORECAST_CHECK(ids, dates, "1997-09-30");
  const past = sheets.FORECAST_CHECK(ids, dates, "1997-09-30", "1999-03-31");
  const buckets = (table: (string | number)[][]) => table.filter((row) => !String(row[0]).startsWith("Note"));
  expect(buckets(past)).toEqual(buckets(toData));
  const note = past[past.length - 1][0] as string;
  expect(note).toContain(
    "The hold-out end 1999-03-31 is after the last date in the data (1998-06-30): the hold-out was cut there, so the predictions cover the same 39.0 weeks as the purchases they are compared with.",
  );
});
