/**
 * The Predicted CLV report sheet, built by the report builder from the raw CDNOW transactions to
 * 1997-09-30: the fitted parameters are Fader, Hardie & Lee's (2005), customers are sorted by value,
 * and the in-sample fit table accounts for every customer.
 */
import { expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { readTransactions, rfmSummary } from "../../../src/core/cohorts";
import { observedCustomers } from "../../../src/core/fit/condense";
import { PURCHASE_MODELS } from "../../../src/core/forecast/purchase-model";
import { fitParetoNbd } from "../../../src/core/models/pareto-nbd";
import { buildReport } from "../../../src/core/report/build";
import { isFormula, type ReportCell } from "../../../src/core/report/model";
import {
  describeWithReferenceData,
  itWithReferenceData,
  readReferenceCsv,
} from "../../helpers/reference-data";

const ctx = sheetContext("en_US", "UTC");

function build(rows: string[][]) {
  const transactions = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, ctx);
  return buildReport(transactions, { sheets: ["predicted-clv"], observationEnd: dayNumber(1997, 9, 30) });
}

const column = (cells: ReportCell[][], c: number, from: number, to: number) =>
  cells.slice(from - 1, to).map((row) => row[c - 1]);

describeWithReferenceData("the Predicted CLV sheet on the CDNOW sample", () => {
  const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const { report } = build(rows);
  const sheet = report.sheets[0];

  it("is the one sheet asked for, with a chart of the in-sample fit", () => {
    expect(report.sheets.map((s) => s.key)).toEqual(["predicted-clv"]);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0].type).toBe("column");
  });

  it("shows the MBG/NBD fit its back-test picks (lifetimes' estimates) and Gamma-Gamma's published ones (Fader, Hardie & Lee 2005)", () => {
    const values = new Map(
      sheet.cells
        .slice(4)
        .flatMap((row) => (typeof row[10] === "string" ? [[`${row[9]} ${row[10]}`, row[11]]] : [])),
    );
    expect(sheet.cells[1][0]).toMatch(
      /Purchase model: MBG\/NBD, which fits the Forecast check's hold-out better/,
    );
    expect((values.get("MBG/NBD r") as number).toFixed(2)).toBe("0.52");
    expect((values.get("MBG/NBD α (weeks)") as number).toFixed(2)).toBe("6.18");
    expect((values.get("MBG/NBD a") as number).toFixed(2)).toBe("0.89");
    expect((values.get("MBG/NBD b") as number).toFixed(2)).toBe("1.61");
    expect((values.get("Gamma-Gamma p") as number).toFixed(2)).toBe("6.25");
    expect((values.get("Gamma-Gamma q") as number).toFixed(2)).toBe("3.74");
    expect(values.get("Customers fitted (MBG/NBD)")).toBe(2357);
  });

  it("lists every customer once, most valuable first, with only finite numbers", () => {
    const ids = column(sheet.cells, 1, 5, 5 + 2356);
    expect(new Set(ids).size).toBe(2357);
    const clv = column(sheet.cells, 6, 5, 5 + 2356) as number[];
    for (let i = 1; i < clv.length; i++) expect(clv[i]).toBeLessThanOrEqual(clv[i - 1]);
    for (const row of sheet.cells) {
      for (const cell of row) {
        if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
        expect(isFormula(cell as ReportCell)).toBe(false);
      }
    }
  });

  it("shows each customer's 80% interval around the estimate, and the total's, computed on the total", () => {
    expect(sheet.cells[3].slice(5, 8)).toEqual([
      "Predicted CLV",
      "80% interval, lower",
      "80% interval, upper",
    ]);
    const [clv, lower, upper] = [6, 7, 8].map((c) => column(sheet.cells, c, 5, 5 + 2356) as number[]);
    clv.forEach((value, i) => {
      expect(lower[i]).toBeLessThanOrEqual(value);
      expect(upper[i]).toBeGreaterThanOrEqual(value);
      expect(upper[i]).toBeGreaterThan(lower[i]);
    });
    const summary = (name: string) => sheet.cells.find((row) => row[10] === name)?.[11] as number;
    const total = summary("predicted CLV, next 12 months");
    expect(total).toBeCloseTo(
      clv.reduce((a, b) => a + b, 0),
      6,
    );
    const [totalLower, totalUpper] = [
      summary("80% interval of the total, lower"),
      summary("80% interval of the total, upper"),
    ];
    expect(totalLower).toBeLessThan(total);
    expect(totalUpper).toBeGreaterThan(total);
    // Narrower, relative to the estimate, than the customers' bounds added up (which assume every error at its extreme together).
    expect(totalUpper - totalLower).toBeLessThanOrEqual(
      upper.reduce((a, b) => a + b, 0) - lower.reduce((a, b) => a + b, 0) + 1e-6,
    );
  });

  it("the fit table counts all 2,357 customers, and the model's expected counts sum to the same", () => {
    const top = sheet.cells.findIndex((row) => row[9] === "Repeat purchases") + 1;
    const labels = column(sheet.cells, 10, top + 1, top + 8);
    expect(labels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    const actual = column(sheet.cells, 11, top + 1, top + 8) as number[];
    const model = column(sheet.cells, 12, top + 1, top + 8) as number[];
    expect(actual.reduce((a, b) => a + b, 0)).toBe(2357);
    expect(model.reduce((a, b) => a + b, 0)).toBeCloseTo(2357, 6);
    // 1,411 customers made no repeat purchase in the 39 weeks (946 of 2,357 repeated, as the paper reports).
    expect(actual[0]).toBe(1411);
    expect(Math.abs(model[0] - actual[0]) / actual[0]).toBeLessThan(0.02);
  });
});

it("says why it is empty when nobody made a repeat purchase, and leaves the rest of the report alone", () => {
  const { report } = build([
    ["a", "1997-01-01", "1", "10"],
    ["b", "1997-02-01", "1", "20"],
  ]);
  const text = report.sheets[0].cells.flat().join(" ");
  expect(text).toMatch(/could not be fitted/);
  expect(text).toMatch(/repeat purchase/);
});

itWithReferenceData(
  "forecasts customers first seen on the observation end (T = 0) with P(alive) 1, the fit leaving them out",
  () => {
    const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const end = dayNumber(1997, 3, 25);
    const transactions = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, ctx);
    const { report } = buildReport(transactions, { sheets: ["predicted-clv"], observationEnd: end });
    const first = new Map<string, string>();
    for (const [id, date] of rows) if ((first.get(id) ?? "9999") > date) first.set(id, date);
    const newcomers = new Set([...first].filter(([, date]) => date === "1997-03-25").map(([id]) => id));
    expect(newcomers.size).toBeGreaterThan(0);
    const listed = report.sheets[0].cells.filter((row) => newcomers.has(row[0] as string));
    expect(listed).toHaveLength(newcomers.size);
    for (const row of listed) {
      expect(row[2]).toBe(1);
      expect(row[3]).toBeCloseTo(listed[0][3] as number, 12);
    }
  },
);

itWithReferenceData(
  "names its purchase model and why: MBG/NBD, which beats BG/NBD on the split where Pareto/NBD cannot be fitted",
  () => {
    const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const note = build(rows).report.sheets[0].cells[1][0] as string;
    expect(note).toContain("MBG/NBD and Gamma-Gamma");
    expect(note).toMatch(
      /Purchase model: MBG\/NBD, which fits the Forecast check's hold-out better \(mean absolute error per customer 0\.\d+ against 0\.\d+ for BG\/NBD\)/,
    );
  },
);

describeWithReferenceData("on all the CDNOW data, where the Forecast check finds Pareto/NBD better", () => {
  const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const transactions = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, ctx);
  // Count the fits: one back-test per model, then the chosen model once on all the data.
  const fits = { bgnbd: 0, mbgnbd: 0, paretonbd: 0 };
  const originals = {
    bgnbd: PURCHASE_MODELS.bgnbd.fit,
    mbgnbd: PURCHASE_MODELS.mbgnbd.fit,
    paretonbd: PURCHASE_MODELS.paretonbd.fit,
  };
  for (const name of ["bgnbd", "mbgnbd", "paretonbd"] as const)
    PURCHASE_MODELS[name].fit = (data) => {
      fits[name]++;
      return originals[name](data);
    };
  const { report } = buildReport(transactions, {
    sheets: ["forecast-check", "predicted-clv"],
    calibrationEnd: dayNumber(1997, 9, 30),
  });
  for (const name of ["bgnbd", "mbgnbd", "paretonbd"] as const)
    Object.assign(PURCHASE_MODELS[name], { fit: originals[name] });
  const [check, clv] = report.sheets;

  it("back-tests each model once for both sheets, and Predicted CLV fits the one the Forecast check names", () => {
    expect(fits).toEqual({ bgnbd: 1, mbgnbd: 1, paretonbd: 2 });
    expect(check.cells[2][0]).toContain("Pareto/NBD fits the hold-out better");
    expect(clv.cells[1][0]).toContain("Pareto/NBD and Gamma-Gamma");
    expect(clv.cells[1][0]).toMatch(
      /Purchase model: Pareto\/NBD, which fits the Forecast check's hold-out better \(mean absolute error per customer 0\.75\d against 0\.76\d for MBG\/NBD\)/,
    );
  });

  it("shows the Pareto/NBD fit to all the data, its in-sample histogram and every CLV inside its interval", () => {
    const rfm = rfmSummary(transactions, { endDay: transactions.lastDay, unit: "week" });
    const fit = fitParetoNbd(observedCustomers({ x: rfm.frequency, tx: rfm.recency, T: rfm.T }));
    const values = new Map(
      clv.cells
        .slice(4)
        .flatMap((row) => (typeof row[10] === "string" ? [[`${row[9]} ${row[10]}`, row[11]]] : [])),
    );
    expect(values.get("Pareto/NBD r")).toBe(fit.params.r);
    expect(values.get("Pareto/NBD α (weeks)")).toBe(fit.params.alpha);
    expect(values.get("Pareto/NBD s")).toBe(fit.params.s);
    expect(values.get("Pareto/NBD β (weeks)")).toBe(fit.params.beta);
    expect(values.get("Customers fitted (Pareto/NBD)")).toBe(2357);
    const top = clv.cells.findIndex((row) => row[9] === "Repeat purchases") + 1;
    expect(clv.cells[top - 1].slice(9, 12)).toEqual(["Repeat purchases", "Actual", "Pareto/NBD"]);
    const model = column(clv.cells, 12, top + 1, top + 8) as number[];
    expect(model.reduce((a, b) => a + b, 0)).toBeCloseTo(2357, 6);
    const [estimate, lower, upper] = [6, 7, 8].map((c) => column(clv.cells, c, 5, 5 + 2356) as number[]);
    estimate.forEach((value, i) => {
      expect(Number.isFinite(value)).toBe(true);
      expect(lower[i]).toBeLessThanOrEqual(value);
      expect(upper[i]).toBeGreaterThanOrEqual(value);
    });
  });
});
