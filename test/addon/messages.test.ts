/**
 * The server's messages: every data error the core raises on the way to a report becomes a whole
 * message in English, Korean and Russian (no English left in the translations), naming the table,
 * the column, the sheet row and the value; user text is isolated and shortened; the date summary's
 * invariants hold for any dates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataMessage } from "../../src/addon/data-errors";
import { insideWindow, summariseDates } from "../../src/addon/dates";
import { words } from "../../src/addon/errors";
import { type Message, quote } from "../../src/addon/messages";
import { type Cell, CellError, isoDay, sheetContext } from "../../src/core/cells";
import { readTransactions } from "../../src/core/cohorts";
import { detectColumns } from "../../src/core/columns";
import type { Language } from "../../src/core/language";
import { readCampaignMap } from "../../src/core/report/campaign-map";
import { readSpendTable } from "../../src/core/report/spend";
import { thrown } from "../helpers/fake";

const ctx = sheetContext("en_US", "UTC");
const columns = { customerId: 0, date: 1, amount: 2, margin: 3 };
const names = {
  customerId: 'customer id column "Kunde"',
  date: 'date column "Datum"',
  amount: 'amount column "Betrag"',
  margin: 'margin column "Marge"',
};

const transactions = (rows: Cell[][]) => () => readTransactions(rows, columns, ctx, { names, firstRow: 5 });

const cellError = (detail: string) =>
  new CellError("Transactions", 'date column "Datum"', { row: 5, column: 2, wide: true }, detail);

/** Each way the core refuses data on the way to a report. */
const CASES: [string, unknown][] = [
  ["a bad date", thrown(transactions([["a", "someday", 1, 1]]))],
  ["a blank date", thrown(transactions([["a", "", 1, 1]]))],
  ["a bad amount", thrown(transactions([["a", "2024-01-02", "lots", 1]]))],
  ["a checkbox amount", thrown(transactions([["a", "2024-01-02", true, 1]]))],
  ["an error amount", thrown(transactions([["a", "2024-01-02", "#N/A", 1]]))],
  ["a blank id", thrown(transactions([["", "2024-01-02", 1, 1]]))],
  ["a blank margin", thrown(transactions([["a", "2024-01-02", 1, ""]]))],
  ["a one-column spend table", thrown(() => readSpendTable([["2024-01-01"]], ctx))],
  ["a bad spend", thrown(() => readSpendTable([["2024-01-01", "x"]], ctx))],
  ["a negative spend", thrown(() => readSpendTable([["2024-01-01", -5]], ctx))],
  ["a bad period start", thrown(() => readSpendTable([["soon", 5]], ctx))],
  // As the core words them once dates outside a range of years are refused (branch h/cli).
  ["a year out of range", cellError('is "1800-01-01" — the year 1800 is outside 1900–2200')],
  [
    "a two-digit year",
    cellError('is "24-03-01" — the year has two digits — write it with four (2024, not 24)'),
  ],
  ["a campaign map row without a channel", thrown(() => readCampaignMap([["brand*", ""]]))],
  // As subscription/terms.ts words a term column's cell (it read as an "unexpected error" before).
  [
    "a plan length that is text",
    new CellError(
      "Transactions",
      'term column "Laufzeit"',
      { row: 5, column: 5, wide: true },
      'is "yearly" — expected a number',
    ),
  ],
  [
    "a plan length out of range",
    new CellError(
      "Transactions",
      'term column "Laufzeit"',
      { row: 5, column: 5, wide: true },
      "is 0 — expected a whole number of months from 1 to 1200 (12 for an annual plan)",
    ),
  ],
  [
    "a campaign map row without a pattern",
    thrown(() =>
      readCampaignMap([
        ["Campaign", "Channel"],
        ["", "Paid Search"],
      ]),
    ),
  ],
  [
    "no date column",
    thrown(() =>
      detectColumns(
        [
          ["Who", "What"],
          ["a", "b"],
        ],
        ctx,
      ),
    ),
  ],
];

/** Latin words a Korean or Russian message may hold: product names, the range example and the campaign pattern example. */
const ALLOWED = /\b(Google|Apps|Script|ID|Spend|A1|C13|brand)\b/g;

function withoutUserText(text: string): string {
  return text.replace(/“\u2068[^\u2069]*\u2069”/g, "").replace(ALLOWED, "");
}

describe("data errors", () => {
  it.each(CASES)("%s becomes a whole message in every language", (_, error) => {
    const said = dataMessage(error, { spend: 10, campaignMap: 10 }) as Message;
    expect(said).toBeDefined();
    expect(said.key).not.toBe("dataOther");
    const en = words("en", said);
    for (const language of ["ko", "ru"] as Language[]) {
      const text = words(language, said);
      expect(withoutUserText(text)).not.toMatch(/[A-Za-z]{3,}/);
      expect(text).not.toBe(en);
    }
  });

  it("say which years a date may have", () => {
    expect(
      words("en", dataMessage(cellError('is "1800-01-01" — the year 1800 is outside 1900–2200')) as Message),
    ).toBe(
      `Transactions, column ${quote("Datum")}, row 5: ${quote("1800-01-01")} has a year outside 1900–2200.`,
    );
  });

  it("name the sheet row: transactions as the core counts them, spend rows shifted to the sheet", () => {
    expect(words("en", dataMessage(CASES[0][1]) as Message)).toBe(
      `Transactions, column ${quote("Datum")}, row 5: ${quote("someday")} is not a date such as 2024-03-14.`,
    );
    expect(words("en", dataMessage(CASES[8][1], { spend: 10 }) as Message)).toBe(
      `Spend table, column spend, row 10: ${quote("x")} is not a number.`,
    );
    expect(words("ru", dataMessage(CASES[2][1]) as Message)).toBe(
      `Транзакции, столбец ${quote("Betrag")}, строка 5: ${quote("lots")} — не число.`,
    );
  });

  it("name the campaign map's cell by its header and sheet row, in every language", () => {
    const map = thrown(() =>
      readCampaignMap([
        ["Kampagne", "Kanal"],
        ["brand*", "Paid Search"],
        ["*shopping*", ""],
      ]),
    );
    const said = dataMessage(map, { spend: 2, campaignMap: 5 }) as Message;
    expect(said).toMatchObject({ key: "blankCell", params: { table: "campaignMap", row: 7 } });
    expect(words("en", said)).toBe(
      `Campaign map, column ${quote("Kanal")}, row 7 is blank: expected the channel its campaigns count for.`,
    );
    expect(words("ko", said)).toBe(
      `캠페인 매핑, ${quote("Kanal")} 열, 7행이 비어 있습니다: 해당 캠페인을 집계할 채널이 필요합니다.`,
    );
    expect(words("ru", said)).toBe(
      `Карта кампаний, столбец ${quote("Kanal")}, строка 7: пусто; ожидается канал для кампаний по этому шаблону.`,
    );
    const noHeader = dataMessage(
      thrown(() => readCampaignMap([["", "Search"]])),
      { campaignMap: 3 },
    ) as Message;
    expect(words("en", noHeader)).toBe(
      "Campaign map, column campaign pattern, row 3 is blank: expected a campaign name or pattern such as brand*.",
    );
    expect(words("ko", noHeader)).toBe(
      "캠페인 매핑, 캠페인 패턴 열, 3행이 비어 있습니다: 캠페인 이름이나 패턴(예: brand*)이 필요합니다.",
    );
    expect(words("ru", noHeader)).toBe(
      "Карта кампаний, столбец шаблон кампании, строка 3: пусто; ожидается название кампании или шаблон, например brand*.",
    );
  });

  it("show a value as the user wrote it, whatever it holds", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        // Text the core reads as an amount ("x0", "12 ₽") is no error: only refused text is shown.
        let error: unknown;
        try {
          transactions([["a", "2024-01-02", text, 1]])();
        } catch (caught) {
          error = caught;
        }
        const said = error ? dataMessage(error) : undefined;
        if (said?.key === "badCell") expect(said.params?.value).toBe(quote(text));
      }),
    );
  });
});

describe("quote", () => {
  it("isolates any text and keeps at most 80 characters of it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "grapheme" }), (text) => {
        const q = quote(text);
        expect(q.startsWith("“\u2068") && q.endsWith("\u2069”")).toBe(true);
        const inner = q.slice(2, -2);
        expect(inner).not.toMatch(/[\u2066-\u2069]/);
        expect(Array.from(inner).length).toBeLessThanOrEqual(81);
      }),
    );
  });
});

describe("the date summary", () => {
  const days = fc.array(fc.integer({ min: -20_000, max: 40_000 }), { minLength: 1, maxLength: 60 });
  const now = new Date(Date.UTC(2026, 0, 1));

  it("flags exactly the dates outside its bulk window, and a window leaves out exactly those rows", () => {
    fc.assert(
      fc.property(days, (list) => {
        const rows: Cell[][] = [["Date"], ...list.map((d) => [isoDay(d)])];
        const summary = summariseDates(rows, 0, 1, ctx, now);
        if (!summary) throw new Error("no summary");
        if (summary.bulk === null) {
          expect(summary.suspiciousCount).toBe(list.length);
          return;
        }
        const { from, to } = summary.bulk;
        const inside = (iso: string) => (from === null || iso >= from) && (to === null || iso <= to);
        const outside = list.map(isoDay).filter((iso) => !inside(iso));
        expect(summary.suspiciousCount).toBe(outside.length);
        for (const s of summary.suspicious) expect(inside(s.date)).toBe(false);
        for (const s of summary.suspicious)
          if (s.reason === "future") expect(s.date > isoDay(20_454)).toBe(true);
        const kept = insideWindow(rows, 0, summary.bulk, ctx);
        expect(kept).toHaveLength(rows.length);
        expect(kept.slice(1).filter((r) => r[0] !== "").length).toBe(list.length - outside.length);
      }),
    );
  });

  it("lists a typo far from the rest with its sheet row", () => {
    const rows: Cell[][] = [["Date"]];
    for (let i = 0; i < 50; i++) rows.push([isoDay(19_700 + i * 7)]);
    rows.push(["1924-05-02"]);
    expect(summariseDates(rows, 0, 3, ctx, now)?.suspicious).toEqual([
      { row: 54, date: "1924-05-02", value: "1924-05-02", reason: "outlier" },
    ]);
  });
});
