/**
 * `--engine duckdb` end to end: the seeded sample's workbook computed in DuckDB (from the CSV, and
 * from a Parquet copy with typed columns) has the same values in every sheet as `--engine js`; so does
 * the subscription sample's, Subscription (MRR) sheet included; Predicted CLV has the same fit and total.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { generateSubscriptionSample, paymentTable } from "../../src/core/sample/subscription";
import { runCli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "cohort-duckdb-"));

/** `npm start -- args` in this test's folder. */
function cli(...args: string[]) {
  return runCli(dir, ...args);
}

const csv = (rows: string[][]) => `${rows.map((row) => row.join(",")).join("\n")}\n`;

/** Every cell of every sheet, formulas' cached results too: numbers to 10 significant digits (sums in another order differ in the last bits). */
async function values(path: string): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheets: Record<string, unknown[][]> = {};
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value;
        const round = (x: unknown) => (typeof x === "number" ? Number(x.toPrecision(10)) : x);
        cells.push(
          v && typeof v === "object" && "formula" in v ? { ...v, result: round(v.result) } : round(v),
        );
      });
      rows.push(cells);
    });
    sheets[sheet.name] = rows;
  });
  return sheets;
}

describe("npm start -- sample.csv --engine duckdb", () => {
  const transactions = join(dir, "sample.csv");
  const parquet = join(dir, "sample.parquet");
  const spend = join(dir, "spend.csv");
  let expected: Record<string, unknown[][]>;

  beforeAll(async () => {
    const sample = generateSample({ customers: 3000, seed: 11 });
    writeFileSync(transactions, csv(purchaseTable(sample)));
    writeFileSync(spend, csv(spendTable(sample)));
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT "Customer ID", CAST("Order date" AS DATE) AS "Order date", CAST("Amount" AS DOUBLE) AS "Amount", "Channel"
        FROM read_csv('${transactions}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const js = cli(transactions, "--spend", spend, "--margin", "0.4", "--engine", "js", "--out", "js.xlsx");
    expect(js.stderr).toBe("");
    expected = await values(join(dir, "js.xlsx"));
  });

  it.each([
    ["the CSV", transactions],
    ["a Parquet copy (DATE and DOUBLE columns)", parquet],
  ])(
    "writes the same workbook from %s",
    async (_, file) => {
      const run = cli(file, "--spend", spend, "--margin", "0.4", "--engine", "duckdb", "--out", "duck.xlsx");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const ours = await values(join(dir, "duck.xlsx"));
      expect(Object.keys(ours)).toEqual(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]);
      // The Summary names the source: the file given.
      const source = (book: Record<string, unknown[][]>) => JSON.stringify(book).replaceAll(file, "FILE");
      expect(source(ours)).toBe(source(expected).replaceAll(transactions, "FILE"));
      // The predicted LTV:CAC by channel is there: fitted on one row a customer with its channel.
      const predicted = ours.Summary.filter((row) => String(row[0]).startsWith("Predicted"));
      expect(predicted.length).toBeGreaterThan(1);
      expect(predicted.map((row) => row[0])).toEqual(
        ["Email", "Organic", "Paid search", "Paid social"].map((c) => `Predicted LTV:CAC, 12 months: ${c}`),
      );
      // Organic has no spend, so no CAC.
      const ratios = predicted.map((row) => (row[1] as { result?: unknown }).result);
      expect(ratios.filter((r) => typeof r === "number")).toHaveLength(3);
    },
    120_000,
  );

  it("gives Summary's predicted LTV:CAC by channel without the LTV-CAC sheet too, as --engine js", async () => {
    const args = ["--spend", spend, "--margin", "0.4", "--sheets", "retention,summary", "--engine"];
    const js = cli(transactions, ...args, "js", "--out", "summary-js.xlsx");
    const duck = cli(transactions, ...args, "duckdb", "--out", "summary-duck.xlsx");
    expect([js.stderr, duck.stderr, duck.code]).toEqual(["", "", 0]);
    const [ours, theirs] = [
      await values(join(dir, "summary-duck.xlsx")),
      await values(join(dir, "summary-js.xlsx")),
    ];
    expect(ours).toEqual(theirs);
    expect(ours.Summary.filter((row) => String(row[0]).startsWith("Predicted"))).toHaveLength(4);
  });

  it("says which rows it cannot read, and how to find them", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "Customer ID,Order date,Amount\nA,2024-01-05,10\nB,05/01/2024,20\nC,2024-01-07,1\n");
    writeFileSync(
      join(dir, "amounts.csv"),
      "Customer ID,Order date,Amount\nA,2024-01-05,10\nC,2024-01-07,$1\n",
    );
    const run = cli(bad, "--engine", "duckdb");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1 row with a date that is not an ISO date/);
    const amounts = cli(join(dir, "amounts.csv"), "--engine", "duckdb");
    expect(amounts.stderr).toMatch(/1 row with an amount that is not a number.*--engine js/);
  });

  it("builds the Predicted CLV sheet from the condensed RFM summary: the fit, counts, total and interval of --engine js (MBG/NBD here too)", async () => {
    const args = ["--sheets", "predicted-clv", "--engine"];
    const js = cli(transactions, ...args, "js", "--out", "clv-js.xlsx");
    const duck = cli(transactions, ...args, "duckdb", "--out", "clv-duck.xlsx");
    expect([js.stderr, duck.stderr, duck.code]).toEqual(["", "", 0]);
    const sheet = async (file: string) => (await values(join(dir, file)))["Predicted CLV"];
    const [ours, theirs] = [await sheet("clv-duck.xlsx"), await sheet("clv-js.xlsx")];
    expect(theirs[1][0]).toContain("Purchase model: MBG/NBD, which fits");
    expect(ours[1][0]).toContain("Purchase model: MBG/NBD, the default");
    // Beside the list (column J on), cell for cell; the list itself needs the rows.
    const beside = (rows: unknown[][]) => rows.slice(3, ours.length).map((row) => row.slice(9));
    expect(beside(ours)).toEqual(beside(theirs));
    expect(theirs.slice(ours.length).every((row) => row.slice(9).every((cell) => cell === null))).toBe(true);
    expect(ours[4][0]).toMatch(/^Customers one by one: not listed/);
    expect(ours.slice(5).every((row) => row.slice(0, 9).every((cell) => cell === null))).toBe(true);
  });

  it("builds Forecast check, Customers and Predicted CLV from one row a customer, cell for cell as --engine js", async () => {
    const args = ["--sheets", "predicted-clv,forecast-check,customers", "--engine"];
    const js = cli(transactions, ...args, "js", "--out", "rows-js.xlsx");
    const duck = cli(transactions, ...args, "duckdb", "--out", "rows-duck.xlsx");
    expect([js.stderr, duck.stderr, duck.code]).toEqual(["", "", 0]);
    const [ours, theirs] = [
      await values(join(dir, "rows-duck.xlsx")),
      await values(join(dir, "rows-js.xlsx")),
    ];
    expect(Object.keys(ours)).toEqual(["Predicted CLV", "Forecast check", "Customers"]);
    expect(ours).toEqual(theirs);
    // The list of customers, not a condensed summary: all 3,000 under the summary per segment.
    expect(ours.Customers.filter((row) => /^C\d{4}$/.test(String(row[0])))).toHaveLength(3000);
  });
});

describe("npm start -- payments.csv --engine duckdb (a term column)", () => {
  it("adds the Subscription (MRR) sheet with the same values as --engine js", async () => {
    const payments = join(dir, "payments.csv");
    writeFileSync(payments, csv(paymentTable(generateSubscriptionSample())));
    const js = cli(payments, "--engine", "js", "--out", "mrr-js.xlsx");
    const duck = cli(payments, "--engine", "duckdb", "--out", "mrr-duck.xlsx");
    expect([js.stderr, duck.stderr]).toEqual(["", ""]);
    const expected = await values(join(dir, "mrr-js.xlsx"));
    const ours = await values(join(dir, "mrr-duck.xlsx"));
    expect(Object.keys(ours)).toContain("Subscription (MRR)");
    expect(ours).toEqual(expected);
  });
});
