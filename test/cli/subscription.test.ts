/**
 * The command line's subscription report: spawned as a user runs it, the workbook read back with
 * exceljs. The numbers are those of test/core/report/subscription.test.ts.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "cohort-cli-mrr-"));

/** `npm start -- args` in this test's folder. */
function cli(...args: string[]) {
  return runCli(dir, ...args);
}

async function subscriptionSheet(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book.getWorksheet("Subscription (MRR)");
}

const PAYMENTS = `Customer,Date,Amount,Term
a,2024-01-15,1200,12
b,2024-01-03,50,
b,2024-02-03,50,1
b,2024-02-10,-50,1
b,2024-03-03,30,1
d,2024-02-01,20,1
d,2024-03-01,20,1
d,2024-03-15,10,1
`;

describe("npm start with subscriptions", () => {
  it("adds the Subscription (MRR) sheet for a file with a term column", async () => {
    const file = join(dir, "payments.csv");
    writeFileSync(file, PAYMENTS);
    const run = cli(file, "--end", "2024-03-31", "--out", "mrr.xlsx");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/Subscription \(MRR\)/);
    const sheet = await subscriptionSheet(join(dir, "mrr.xlsx"));
    expect(sheet?.getCell("A4").value).toBe("MRR now");
    expect(sheet?.getCell("B4").value).toBe(160);
  });

  it("--subscription adds it to a file without one (every payment a month); a bad term names the line", async () => {
    const monthly = join(dir, "monthly.csv");
    writeFileSync(monthly, PAYMENTS.replace(/,[^,\n]*$/gm, ""));
    const run = cli(monthly, "--subscription", "--sheets", "summary", "--out", "monthly.xlsx");
    expect(run.stdout).toMatch(/Wrote monthly\.xlsx: Summary, Subscription \(MRR\)\./);
    // a's 1,200 is one month's now: March has b's 30 and d's 30.
    expect((await subscriptionSheet(join(dir, "monthly.xlsx")))?.getCell("B4").value).toBe(60);

    const bad = join(dir, "bad.csv");
    writeFileSync(bad, PAYMENTS.replace("b,2024-02-03,50,1", "b,2024-02-03,50,0"));
    const failed = cli(bad, "--out", "bad.xlsx");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /bad\.csv, line 4: Transactions: term column "Term" is "0" — expected a whole number/,
    );
  });

  it("--sample subscription builds the seeded subscription sample", async () => {
    const run = cli("--sample", "subscription", "--sheets", "subscription", "--out", "sample.xlsx");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/built-in subscription sample .*Wrote sample\.xlsx: Subscription \(MRR\)\./s);
    const sheet = await subscriptionSheet(join(dir, "sample.xlsx"));
    expect(sheet?.getCell("B4").value).toBeGreaterThan(0);
    expect(cli("--sample", "store").code).toBe(2);
  });
});
