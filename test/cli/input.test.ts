/**
 * The command line on unusual files and command lines: export date formats, day/month order, years
 * outside 1900–2200, headerless and binary files, refunds written with other minus signs, and
 * options it doesn't know — each a report or one plain line, never "this is a bug".
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseOptions, UsageError } from "../../src/cli/options";
import { sheetContext } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import { runCli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "cohort-input-"));
const cli = (...args: string[]) => runCli(dir, ...args);

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every value of a workbook's sheets, for comparing two runs. */
async function values(path: string): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book.worksheets
    .filter((sheet) => sheet.name !== "Summary") // it names the source file
    .map((sheet) => sheet.getSheetValues());
}

/** Time for a test that runs the command several times, on a busy machine. */
const SPAWNS = 240_000;

const csv = (rows: string[][]) => `${rows.map((r) => r.join(",")).join("\n")}\n`;
const ORDERS = [
  ["A", "2024-01-01", "100"],
  ["B", "2024-01-14", "40"],
  ["A", "2024-02-03", "60"],
  ["C", "2024-03-01", "25"],
  ["B", "2024-03-15", "-10"],
  ["C", "2024-04-01", "30"],
];

describe("dates as exports write them", () => {
  it(
    "reads Shopify, ISO, Excel, month-name, compact and serial dates as the days they write",
    async () => {
      const written = [
        "2024-01-01 10:00:00 -0500",
        "1/14/2024 10:00",
        "2024-02-03T23:30:00Z",
        "01-Mar-2024",
        "Mar 15, 2024",
        "20240401",
      ];
      const plain = file("plain.csv", csv([["Customer", "Date", "Amount"], ...ORDERS]));
      const exported = file(
        "exported.csv",
        csv([
          ["Customer", "Created at", "Amount"],
          ...ORDERS.map(([id, , amount], i) => [id, `"${written[i]}"`, amount]),
        ]),
      );
      // The same orders with the dates as spreadsheet serial numbers (days since 1899-12-30).
      const serial = file(
        "serial.csv",
        csv([
          ["Customer", "Date", "Amount"],
          ...ORDERS.map(([id, day, amount]) => [id, String(Date.parse(day) / 86_400_000 + 25_569), amount]),
        ]),
      );
      const runs = [plain, exported, serial].map((input, i) => ({
        run: cli(input, "--out", `dates${i}.xlsx`),
        i,
      }));
      for (const { run } of runs) {
        expect(run.stderr).toBe("");
        expect(run.stdout).toMatch(/Orders +5\n/);
      }
      const [a, b, c] = await Promise.all(runs.map(({ i }) => values(join(dir, `dates${i}.xlsx`))));
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    },
    SPAWNS,
  );

  it.each([
    [
      "9999-03-05",
      'line 4: Transactions: date column "Date" is "9999-03-05" — the year 9999 is outside 1900–2200',
    ],
    [
      "0024-03-05",
      'line 4: Transactions: date column "Date" is "0024-03-05" — the year 24 is outside 1900–2200 (type all four digits of the year)',
    ],
    [
      "3/5/24",
      'line 4: Transactions: date column "Date" is "3/5/24" — the year has two digits — write it with four (2024, not 24)',
    ],
  ])("a date %s is an error naming the line", (date, message) => {
    const run = cli(
      file("year.csv", csv([["Customer", "Date", "Amount"], ...ORDERS.slice(0, 2), ["A", date, "5"]])),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${join(dir, "year.csv")}, ${message}\n`);
  });

  it("never asks for more columns than a sheet holds: 1900 to 2200 in weeks fits", () => {
    const rows = [
      ["Customer", "Date", "Amount"],
      ["A", "1900-01-01", "1"],
      ["B", "2200-12-31", "1"],
    ];
    // The report's own width limit refuses this by default; lifted, the widest span still fits a sheet.
    expect(() =>
      reportFromTable({ rows, spend: null, context: sheetContext(), options: { period: "week" } }),
    ).toThrow(/1900-01-01.*2200-12-31/);
    const { report } = reportFromTable({
      rows,
      spend: null,
      context: sheetContext(),
      options: { period: "week", maxPeriods: 16_000 },
    });
    for (const sheet of report.sheets) {
      const widest = Math.max(
        ...sheet.cells.map((row) => row.length),
        ...sheet.styles.map((s) => s.range.column + s.range.columns - 1),
        ...sheet.conditionalFormats.map((f) => f.range.column + f.range.columns - 1),
      );
      expect(widest, sheet.name).toBeLessThanOrEqual(16_384);
    }
  });
});

describe("day and month order", () => {
  // UK dates, every day 12 or less: February's customers would land in January, March, November.
  const UK = csv([
    ["Customer", "Order date", "Amount"],
    ["A", "03/01/2024", "10"],
    ["B", "05/02/2024", "20"],
    ["C", "11/02/2024", "30"],
    ["A", "01/03/2024", "15"],
  ]);

  it("stops on a column that reads both ways, naming both readings and the option", () => {
    const run = cli(file("uk.csv", UK));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: ${join(dir, "uk.csv")}: dates such as "03/01/2024" (line 2) read as 3 January 2024 in day/month/year order ` +
        "or as 1 March 2024 in month/day/year order, and no date in the column has a day above 12 to tell which — " +
        "add --date-format dmy or --date-format mdy (or --locale, e.g. en_GB or en_US)\n",
    );
  });

  it(
    "reads them as told by --date-format or --locale, the same either way",
    async () => {
      const path = file("uk-told.csv", UK);
      const byFormat = cli(path, "--date-format", "dmy", "--out", "uk-dmy.xlsx");
      const byLocale = cli(path, "--locale", "en_GB", "--out", "uk-gb.xlsx");
      expect(byFormat.stderr).toBe("");
      expect(byFormat.stdout).toMatch(/Customers +3\n/);
      expect(byLocale.stdout.replace("uk-gb", "uk-dmy")).toBe(byFormat.stdout);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(dir, "uk-dmy.xlsx"));
      // January: A; February: B and C.
      const retention = book.getWorksheet("Retention");
      expect([retention?.getCell("A4").value, retention?.getCell("B4").value]).toEqual([
        new Date(Date.UTC(2024, 0, 1)),
        1,
      ]);
      expect([retention?.getCell("A5").value, retention?.getCell("B5").value]).toEqual([
        new Date(Date.UTC(2024, 1, 1)),
        2,
      ]);
      expect(await values(join(dir, "uk-gb.xlsx"))).toEqual(await values(join(dir, "uk-dmy.xlsx")));
    },
    SPAWNS,
  );

  it("names --date-format and --locale when a day above 12 contradicts the default order", () => {
    const run = cli(file("uk13.csv", `${UK}D,14/03/2024,5\n`));
    expect(run.stderr).toBe(
      `error: ${join(dir, "uk13.csv")}: the date "14/03/2024" (line 6) is written day/month/year, but dates are read ` +
        "month/day/year (the default for a comma-separated file) — add --date-format dmy (or --locale en_GB)\n",
    );
  });
});

describe("files that are not what they seem", () => {
  it("counts the rows of a headerless file as the orders they are", () => {
    const run = cli(
      file("headerless.csv", csv(ORDERS.filter((row) => !row[2].startsWith("-")))),
      "--out",
      "h.xlsx",
    );
    expect(run.stdout).toContain("headerless.csv (5 rows,");
    expect(run.stdout).toMatch(/Orders +5\n/);
  });

  it("refuses a file of NUL bytes in one short line", () => {
    const run = cli(file("zeros.csv", new Uint8Array(25_000)));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: ${join(dir, "zeros.csv")} is not a text file (it holds binary data) — export the transactions as CSV\n`,
    );
  });

  it(
    "reads en-dash and trailing-minus refunds as refunds",
    async () => {
      const refunds = (minus: (amount: string) => string) =>
        csv([
          ["Customer", "Date", "Amount"],
          ...ORDERS.map(([id, day, amount]) => [
            id,
            day,
            amount.startsWith("-") ? minus(amount.slice(1)) : amount,
          ]),
        ]);
      const plain = cli(
        file(
          "minus.csv",
          refunds((a) => `-${a}`),
        ),
        "--out",
        "minus.xlsx",
      );
      const dash = cli(
        file(
          "dash.csv",
          refunds((a) => `–${a}`),
        ),
        "--out",
        "dash.xlsx",
      );
      const trailing = cli(
        file(
          "trailing.csv",
          refunds((a) => `${a}-`),
        ),
        "--out",
        "trailing.xlsx",
      );
      expect(plain.stdout).toMatch(/Orders +5\n {2}Revenue +\$245\.00/);
      expect(dash.stdout.replaceAll("dash", "minus")).toBe(plain.stdout);
      expect(trailing.stdout.replaceAll("trailing", "minus")).toBe(plain.stdout);
    },
    SPAWNS,
  );
});

describe("the command line", () => {
  it.each([
    [["--foo"], "unknown option --foo"],
    [["--spend"], "--spend needs a value"],
    [["--no-split=yes"], "--no-split takes no value"],
    [
      ["--locale", "xx_YY"],
      '--locale is "xx_YY" — not a known locale; give language_COUNTRY as Google Sheets names it, e.g. en_US, en_GB, en_IN, de_DE, fr_FR, es_ES, it_IT, pt_BR, ru_RU, ko_KR or ja_JP',
    ],
    [["--locale", "english"], /--locale is "english" — not a known locale/],
    [
      ["--date-format", "dym"],
      '--date-format is "dym" — expected dmy (14/03/2024), mdy (03/14/2024) or ymd (2024-03-14)',
    ],
  ])("%j: %s", (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it("takes --date-format as dmy or as a pattern, and a locale as Sheets or BCP 47 names it", () => {
    expect(parseOptions(["--date-format", "DD/MM/YYYY", "--locale", "de-CH"])).toMatchObject({
      dateOrder: "dmy",
      locale: "de-CH",
    });
  });

  it(
    "an unknown option, an --end that is no date and a folder as --out: one plain line each",
    () => {
      const unknown = cli("--frobnicate");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/^error: unknown option --frobnicate\n\nUsage:/);
      const end = cli("--end", "2024-13-45");
      expect(end.code).toBe(2);
      expect(end.stderr).toMatch(
        /^error: --end is "2024-13-45" — expected a date such as 2024-03-14\n\nUsage:/,
      );
      const folder = cli("--out", dir);
      expect(folder.code).toBe(1);
      expect(folder.stderr).toBe(
        `error: --out ${dir} is a folder — give a file name, e.g. ${join(dir, "report.xlsx")}\n`,
      );
    },
    SPAWNS,
  );
});
