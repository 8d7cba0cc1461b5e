/**
 * The Forecast check sheet on the CDNOW sample split at 1997-09-30: both models back-tested, the
 * better one named, its numbers the back-test's own, and the cumulative curve ending at the hold-out total.
 */
import { expect } from "vitest";
import { dayNumber, isoDay, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts";
import { backTest } from "../../../src/core/forecast/back-test";
import { reportFromTable } from "../../../src/core/report/build";
import {
  compareModels,
  defaultCalibrationEnd,
  forecastCheckSheet,
  holdoutErrors,
} from "../../../src/core/report/forecast-check";
import { customFunctionServices, loadBundle } from "../../helpers/bundle";
import { itWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

itWithReferenceData(
  "compares BG/NBD, MBG/NBD and Pareto/NBD on the CDNOW split and reports the best one's hold-out in a sentence",
  () => {
    const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const tx = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, sheetContext("en_US", "UTC"));
    const [calibrationEnd, end] = [dayNumber(1997, 9, 30), dayNumber(1998, 6, 30)];
    const sheet = forecastCheckSheet(compareModels(tx, end, calibrationEnd));
    const models = ["bgnbd", "mbgnbd", "paretonbd"] as const;
    const errors = models.map((model) =>
      holdoutErrors(backTest(tx, { calibrationEnd, holdoutEnd: end, model })),
    );
    const best = errors.reduce((b, e, i) => (e.mae < errors[b].mae ? i : b), 0);
    const sentence = sheet.cells[2][0] as string;
    expect(sentence).toMatch(
      new RegExp(
        `^The model predicted ${Math.round(errors[best].predicted).toLocaleString("en-US")} repeat purchases in the hold-out; customers made 1,882 \\(`,
      ),
    );
    expect(sentence).toContain(`${["BG/NBD", "MBG/NBD", "Pareto/NBD"][best]} fits the hold-out better`);
    expect(sheet.cells[4].slice(0, 6)).toEqual([
      "Repeat purchases in calibration",
      "Customers",
      "Actual, mean",
      "BG/NBD, mean",
      "MBG/NBD, mean",
      "Pareto/NBD, mean",
    ]);
    // The cumulative curve: week ending, actual, model; its last actual is calibration repeats + hold-out.
    const curve = sheet.cells.slice(5).filter((row) => typeof row[7] === "string");
    const last = curve[curve.length - 1];
    expect(last[7]).toBe("1998-06-30");
    const calibrationRepeats = backTest(tx, { calibrationEnd }).calibration.frequency.reduce(
      (s, x) => s + x,
      0,
    );
    expect(last[8]).toBe(calibrationRepeats + 1882);
    expect(sheet.charts[0].type).toBe("line");
  },
);

itWithReferenceData(
  "the report builder makes the sheet with its own calibration end, its bucket table the one FORECAST_CHECK gives",
  () => {
    const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const { report } = reportFromTable({
      rows: [header, ...rows],
      spend: null,
      context: sheetContext("en_US", "UTC"),
      options: { sheets: ["forecast-check"], calibrationEnd: dayNumber(1997, 9, 30) },
    });
    const [sheet] = report.sheets;
    expect(sheet.key).toBe("forecast-check");
    expect(sheet.cells[1][0]).toBe(
      "Fitted on purchases to 1997-09-30, then compared with what the customers first seen by then bought to 1998-06-30.",
    );
    const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
    const pick = (name: string) => rows.map((row) => [row[header.indexOf(name)]]);
    const table = (model: string) =>
      sheets.FORECAST_CHECK(pick("customer_id"), pick("date"), "1997-09-30", "", model).slice(1);
    const [bgnbd, mbgnbd, pareto] = [table("bgnbd"), table("mbgnbd"), table("paretonbd")];
    const buckets = sheet.cells.slice(5, 5 + bgnbd.length).map((row) => row.slice(0, 6));
    expect(buckets).toEqual(
      bgnbd.map((row: (string | number)[], k: number) => [
        String(row[0]),
        ...row.slice(1),
        mbgnbd[k][3],
        pareto[k][3],
      ]),
    );
  },
);

itWithReferenceData("writes the default split in the sheet's notes when no calibration end is given", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const { report, data } = reportFromTable({
    rows: [header, ...rows],
    spend: null,
    context: sheetContext("en_US", "UTC"),
    options: { sheets: ["forecast-check"] },
  });
  if (!data.transactions) throw new Error("the report keeps its rows");
  const split = isoDay(defaultCalibrationEnd(data.transactions));
  expect(report.sheets[0].cells[1][0]).toContain(`to ${split} (by default halfway through the data)`);
});
