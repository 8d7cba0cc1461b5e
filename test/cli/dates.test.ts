import { describe, expect, it } from "vitest";
import { CsvError, parseCsvText } from "../../src/cli/csv";
import { checkDayMonthOrder, type OrderSource, withSerialDays } from "../../src/cli/dates";

const table = (...dates: string[]) => parseCsvText(`Date\n${dates.join("\n")}\n`, "f.csv");
const assumed = (order: OrderSource["order"]): OrderSource => ({
  order,
  explicit: false,
  said: "the default for a comma-separated file",
});
const check = (source: OrderSource, ...dates: string[]) =>
  checkDayMonthOrder("f.csv", table(...dates), 0, 1, source);

describe("checkDayMonthOrder", () => {
  it("passes a column that confirms the assumed order, and says it did", () => {
    expect(check(assumed("mdy"), "03/04/2024", "03/14/2024")).toBe(true);
    expect(check(assumed("dmy"), "03/04/2024", "14.03.2024 10:00")).toBe(true);
  });

  it("passes a column with nothing to confirm or contradict", () => {
    expect(check(assumed("mdy"), "2024-03-04", "05/05/2024", "Mar 4, 2024")).toBe(false);
  });

  it("stops on a column whose dates read both ways, unless told the order", () => {
    expect(() => check(assumed("mdy"), "2024-01-01", "03/04/2024")).toThrow(
      new CsvError(
        'f.csv: dates such as "03/04/2024" (line 3) read as 3 April 2024 in day/month/year order or as 4 March 2024 ' +
          "in month/day/year order, and no date in the column has a day above 12 to tell which — add --date-format dmy " +
          "or --date-format mdy (or --locale, e.g. en_GB or en_US)",
      ),
    );
    expect(check({ order: "dmy", explicit: true, said: "--date-format dmy" }, "03/04/2024")).toBe(true);
  });

  it("names the date that contradicts the assumed order and the option", () => {
    expect(() => check(assumed("dmy"), "03/04/2024", "03/14/2024")).toThrow(
      new CsvError(
        'f.csv: the date "03/14/2024" (line 3) is written month/day/year, but dates are read day/month/year ' +
          "(the default for a comma-separated file) — add --date-format mdy (or --locale en_US)",
      ),
    );
    expect(() => check({ order: "ymd", explicit: true, said: "--locale ko_KR" }, "14/03/2024")).toThrow(
      'f.csv: the date "14/03/2024" (line 2) is written day/month/year, but dates are read year/month/day (--locale ko_KR)',
    );
  });
});

describe("withSerialDays", () => {
  it("turns the plain numbers of the date column into serial days, and nothing else", () => {
    const rows = [
      ["Date", "Amount"],
      ["45292", "10"],
      [" 45292.75 ", "20"],
      ["20240101", "30"],
      ["2024-01-01", "40"],
    ];
    expect(withSerialDays(rows, 0, 1)).toEqual([
      ["Date", "Amount"],
      [45292, "10"],
      [45292.75, "20"],
      ["20240101", "30"],
      ["2024-01-01", "40"],
    ]);
  });
});
