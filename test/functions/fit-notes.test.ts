/**
 * The fits' plain-words notes in the cells, as the shipped dist/Code.js returns them: one more, last
 * row "Note: …" (blanks after it) when a fit is doubtful, and the same table as before when it is sound.
 */
import { expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, itWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
const column = (values: (string | number | Date)[]) => values.map((v) => [v]);

/** The first `n` customers of the CDNOW sample, with every purchase they made. */
function firstCustomers(n: number) {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const [id, date, amount] = ["customer_id", "date", "amount"].map((name) => header.indexOf(name));
  const kept = new Set([...new Set(rows.map((row) => row[id]))].slice(0, n));
  const mine = rows.filter((row) => kept.has(row[id]));
  return {
    ids: column(mine.map((row) => row[id])),
    dates: column(mine.map((row) => row[date])),
    amounts: column(mine.map((row) => Number(row[amount]))),
  };
}

/** The table above the note is the one a sound fit gives: same width, values in place. */
function expectNoteRow(result: (string | number)[][], ...says: RegExp[]) {
  const note = result[result.length - 1];
  expect(note).toHaveLength(result[0].length);
  expect(note.slice(1).every((cell) => cell === "")).toBe(true);
  expect(note[0]).toMatch(/^Note: /);
  for (const said of says) expect(note[0]).toMatch(said);
}

describeWithReferenceData("on 60 customers", () => {
  const { ids, dates, amounts } = firstCustomers(60);

  it("the *_PARAMS formulas add the note after their three rows", () => {
    for (const result of [sheets.BGNBD_PARAMS(ids, dates), sheets.PARETONBD_PARAMS(ids, dates)]) {
      expect(result).toHaveLength(4);
      expect(typeof result[1][0]).toBe("number");
      expectNoteRow(
        result,
        /Only 60 customers: estimates from so few move a lot/,
        /Only 27 of 60 customers bought again/,
      );
    }
    const spend = sheets.GAMMAGAMMA_PARAMS(ids, dates, amounts);
    expect(spend).toHaveLength(4);
    expect(spend[1].slice(4)).toEqual([27, 0]);
    expectNoteRow(spend, /p is barely pinned by the data \(standard error \d\.\d× the estimate\)/);
  });

  it("PREDICTED_CLV adds it after the customers, and FORECAST_CHECK after All", () => {
    const clv = sheets.PREDICTED_CLV(ids, dates, amounts, 12, "", "", "", 0.8);
    expect(clv).toHaveLength(1 + 60 + 1);
    expect(clv[60][0]).toMatch(/^\d{5}$/);
    // The notes of both fits: the purchase model's and Gamma-Gamma's.
    expectNoteRow(clv, /Only 60 customers/, /b is barely pinned/, /gamma is barely pinned/);
    const check = sheets.FORECAST_CHECK(ids, dates, "1998-05-31");
    expect(check[9][0]).toBe("All");
    expect(check).toHaveLength(11);
    expectNoteRow(check, /Only 27 of 60 customers bought again/, /too short to judge the forecast/);
  });
});

itWithReferenceData("a sound fit returns its table alone: BGNBD_PARAMS and FORECAST_CHECK on CDNOW", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const pick = (name: string) => column(rows.map((row) => row[header.indexOf(name)]));
  expect(sheets.BGNBD_PARAMS(pick("customer_id"), pick("date"), "1997-09-30")).toHaveLength(3);
  expect(sheets.FORECAST_CHECK(pick("customer_id"), pick("date"), "1997-09-30")).toHaveLength(10);
});

it("BGBB_PARAMS counts the customers of each pattern", () => {
  const result = sheets.BGBB_PARAMS(
    [[2], [1], [0], [3]],
    [[3], [2], [0], [3]],
    [[3], [3], [3], [3]],
    [[5], [4], [6], [3]],
  );
  expectNoteRow(result, /Only 18 customers/, /Only 12 of 18 customers bought again/);
});
