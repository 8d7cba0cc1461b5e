/**
 * Spend tables read by their headers: any column order, headers in the languages our users export
 * in and as Google Ads and Meta Ads Manager download them; by position only when the values leave no
 * doubt; campaigns mapped to channels by the campaign map.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { type Cell, dayNumber, sheetContext } from "../../../src/core/cells";
import { campaignChannels, readCampaignMap } from "../../../src/core/report/campaign-map";
import { readSpendTable, type SpendTable, spendByPeriod } from "../../../src/core/report/spend";
import { SpendTableError } from "../../../src/core/report/spend-columns";

const ctx = sheetContext("en_US", "UTC");
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "spend");
const fixture = (name: string): Cell[][] => parseCsv(readFileSync(join(FIXTURES, name)), name).rows;

const rowsOf = (table: SpendTable) => table.rows.map(({ day, spend, segment }) => ({ day, spend, segment }));
const JAN = dayNumber(2024, 1, 1);
const EXPECTED = [
  { day: JAN, spend: 100, segment: "Search" },
  { day: JAN, spend: 50, segment: "Social" },
];

/** Per period and channel, to the cent: what the report matches to cohorts. */
function byMonth(table: SpendTable): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { period, segment, spend } of spendByPeriod(table, "month").amounts) {
    const key = `${period} ${segment}`;
    out[key] = Math.round(((out[key] ?? 0) + spend) * 100) / 100;
  }
  return out;
}

describe("spend tables by header", () => {
  it("reads Month, Channel, Spend in any column order", () => {
    const orders = [
      ["Month", "Channel", "Spend"],
      ["Channel", "Month", "Spend"],
      ["Spend", "Channel", "Month"],
    ];
    for (const header of orders) {
      const row = (month: string, channel: string, spend: string) =>
        header.map((h) => ({ Month: month, Channel: channel, Spend: spend })[h] as string);
      const table = readSpendTable(
        [header, row("2024-01", "Search", "100"), row("2024-01", "Social", "50")],
        ctx,
      );
      expect(rowsOf(table)).toEqual(EXPECTED);
    }
  });

  it("reads headers in English, Korean, Russian, German, French, Spanish, Portuguese and ad platforms' words", () => {
    const headers = [
      ["Month", "Channel", "Spend"],
      ["Date", "Source", "Cost"],
      ["Day", "Channel", "Amount spent (USD)"],
      ["월", "채널", "지출"],
      ["Месяц", "Канал", "Расходы"],
      ["Monat", "Kanal", "Kosten"],
      ["Mois", "Canal", "Dépenses"],
      ["Fecha", "Fuente", "Gasto"],
      ["Mês", "Origem", "Custo"],
    ];
    for (const header of headers) {
      const table = readSpendTable(
        [header, ["2024-01-01", "Search", "100"], ["2024-01-01", "Social", "50"]],
        ctx,
      );
      expect(rowsOf(table), header.join(",")).toEqual(EXPECTED);
    }
  });

  it("reads a month named without a day as its first day", () => {
    const table = readSpendTable(
      [
        ["Month", "Cost"],
        ["January 2024", "1"],
        ["Feb 2024", "2"],
        ["2024년 3월", "3"],
        ["2024/4", "4"],
      ],
      ctx,
    );
    expect(table.rows.map((r) => r.day)).toEqual([1, 2, 3, 4].map((m) => dayNumber(2024, m, 1)));
  });

  it("reads Google Ads and Meta headers as their German, French, Spanish, Portuguese, Korean and Russian interfaces write them", () => {
    const headers = [
      ["Tag", "Kampagne", "Währungscode", "Kosten"],
      ["Jour", "Campagne", "Code de devise", "Coût"],
      ["Día", "Campaña", "Código de moneda", "Coste"],
      ["Dia", "Campanha", "Código da moeda", "Custo"],
      ["일", "캠페인", "통화 코드", "비용"],
      ["День", "Кампания", "Код валюты", "Стоимость"],
      ["Berichtsbeginn", "Kampagnenname", "Währung", "Ausgegebener Betrag (EUR)"],
      ["Début des rapports", "Nom de la campagne", "Devise", "Montant dépensé (EUR)"],
      ["Inicio del informe", "Nombre de la campaña", "Moneda", "Importe gastado (EUR)"],
      ["Início dos relatórios", "Nome da campanha", "Moeda", "Valor usado (EUR)"],
      ["보고 시작", "캠페인 이름", "통화", "지출 금액 (EUR)"],
      ["Начало отчетности", "Название кампании", "Валюта", "Потраченная сумма (EUR)"],
    ];
    for (const header of headers) {
      const table = readSpendTable([header, ["2024-01-01", "Search", "EUR", "100"]], ctx);
      expect(rowsOf(table), header.join(",")).toEqual([EXPECTED[0]]);
      expect(table.reading, header.join(",")).toContain("in EUR");
    }
  });

  it("reads headers folded as transactions' headers are: camel case, accents, a parenthesised part", () => {
    const table = readSpendTable(
      [
        ["ReportingStarts", "CampaignName", "Devise", "AmountSpent (EUR)"],
        ["2024-01-01", "Search", "EUR", "100"],
      ],
      ctx,
    );
    expect(rowsOf(table)).toEqual([EXPECTED[0]]);
  });

  it("says which columns it used", () => {
    const table = readSpendTable(
      [
        ["Channel", "Month", "Spend"],
        ["Search", "2024-01", "100"],
      ],
      ctx,
    );
    expect(table.reading?.[0]).toBe('period = "Month", spend = "Spend", channel = "Channel"');
  });

  it("reads a table without a header by position only when the values leave no doubt", () => {
    expect(
      rowsOf(
        readSpendTable(
          [
            ["2024-01-01", "100", "Search"],
            ["2024-01-01", "50", "Social"],
          ],
          ctx,
        ),
      ),
    ).toEqual(EXPECTED);
    // A header it does not know, over values that read by position, is skipped as before.
    expect(
      rowsOf(
        readSpendTable(
          [
            ["Period", "Money", "Where"],
            ["2024-01-01", "100", "Search"],
          ],
          ctx,
        ),
      ),
    ).toEqual([EXPECTED[0]]);
    expect(() => readSpendTable([["Search", "2024-01-01", "100"]], ctx)).toThrow(
      'Spend table: no header row names its columns (e.g. Month, Channel, Spend), and read by position (period start, spend, channel) row 1 has "Search" in column 1, not a date — add a header row.',
    );
    expect(() => readSpendTable([["2024-01-01", "Search", "100"]], ctx)).toThrow(
      /row 1 has "Search" in column 2, not a spend/,
    );
  });

  it("stops naming the missing column under a header that names only some", () => {
    expect(() =>
      readSpendTable(
        [
          ["Month", "Channel", "Budget plan"],
          ["2024-01-01", "Search", "100"],
        ],
        ctx,
      ),
    ).toThrow(
      'Spend table: no spend (Spend, Cost, Amount spent…) column — the headers are "Month", "Channel", "Budget plan". Name it in the header row (e.g. Month, Channel, Spend).',
    );
    expect(() =>
      readSpendTable(
        [
          ["Channel", "Spend"],
          ["Search", "100"],
        ],
        ctx,
      ),
    ).toThrow(/no period \(Month, Date, Day…\) column/);
    expect(() =>
      readSpendTable(
        [
          ["Month", "Spend", "Spend"],
          ["2024-01-01", "1", "2"],
        ],
        ctx,
      ),
    ).toThrow(
      'Spend table: two columns could be the spend (Spend, Cost, Amount spent…): "Spend" and "Spend"',
    );
    expect(() => readSpendTable([["Month", "Spend"]], ctx, "Spend table", { language: "ru" })).not.toThrow();
    expect(() =>
      readSpendTable(
        [
          ["Channel", "Spend"],
          ["Search", "100"],
        ],
        ctx,
        "Spend table",
        { language: "ko" },
      ),
    ).toThrow(/기간 \(월, 날짜, 일…\) 열이 없습니다/);
  });

  it("names the row and column of a bad spend under any column order", () => {
    expect(() =>
      readSpendTable(
        [
          ["Channel", "Spend", "Month"],
          ["Search", "lots", "2024-01-01"],
        ],
        ctx,
      ),
    ).toThrow('Spend table: spend, row 2, column 2, is "lots" — expected a number');
  });

  it("stops on spend in two currencies", () => {
    expect(() =>
      readSpendTable(
        [
          ["Day", "Campaign", "Currency code", "Cost"],
          ["2024-01-01", "A", "USD", "1"],
          ["2024-01-02", "A", "EUR", "1"],
        ],
        ctx,
      ),
    ).toThrow("Spend table: row 3 is in EUR, earlier rows in USD");
  });
});

describe("ad-platform exports", () => {
  const map = readCampaignMap(fixture("campaign-map.csv"));
  const hand = byMonth(readSpendTable(fixture("hand-typed.csv"), ctx));
  const only = (channel: string) =>
    Object.fromEntries(Object.entries(hand).filter(([k]) => k.endsWith(channel)));

  it("reads a Google Ads campaign report as downloaded: title lines above, total rows below", () => {
    const table = readSpendTable(fixture("google-ads-campaigns.csv"), ctx, "Spend table", {
      campaignMap: map,
    });
    expect(table.rows).toHaveLength(184);
    expect(table.reading).toEqual([
      'period = "Day", spend = "Cost", campaign = "Campaign", currency = "Currency code"',
      "campaigns → channels by the campaign map (3 rules): 2 campaigns",
      "in USD",
      "2 total rows skipped",
    ]);
    expect(byMonth(table)).toEqual(only("Paid Search"));
  });

  it("reads a Meta Ads Manager export as downloaded: Reporting starts/ends, Amount spent (USD)", () => {
    const table = readSpendTable(fixture("meta-ads-campaigns.csv"), ctx, "Spend table", { campaignMap: map });
    expect(table.reading?.[0]).toBe(
      'period = "Reporting starts", spend = "Amount spent (USD)", campaign = "Campaign name", end = "Reporting ends"',
    );
    expect(table.reading).toContain("in USD");
    expect(byMonth(table)).toEqual(only("Social"));
  });

  it("stops on a Meta row that covers more than one period (an export without a daily breakdown)", () => {
    const table = readSpendTable(
      [
        ["Reporting starts", "Reporting ends", "Campaign name", "Amount spent (USD)"],
        ["2024-04-01", "2024-05-31", "Prospecting", "100"],
      ],
      ctx,
    );
    expect(() => spendByPeriod(table, "month")).toThrow(SpendTableError);
    expect(() => spendByPeriod(table, "month")).toThrow(
      "Spend table: row 2 covers 2024-04-01 … 2024-05-31, more than one month — export the spend by day",
    );
    expect(() => spendByPeriod(table, "quarter")).not.toThrow();
  });

  it("takes Meta's Day column over Reporting starts, and then the report's end is no row's end", () => {
    const table = readSpendTable(
      [
        ["Reporting starts", "Reporting ends", "Day", "Campaign name", "Amount spent (EUR)"],
        ["2024-03-01", "2024-05-31", "2024-03-02", "Prospecting", "10"],
      ],
      ctx,
    );
    expect(table.rows).toEqual([{ day: dayNumber(2024, 3, 2), spend: 10, segment: "Prospecting", row: 2 }]);
    expect(() => spendByPeriod(table, "week")).not.toThrow();
    expect(table.reading).toContain("in EUR");
  });

  it("keeps a campaign no rule matches under its own name, and says so", () => {
    const table = readSpendTable(
      [
        ["Day", "Campaign", "Cost"],
        ["2024-03-01", "Brand - Search", "10"],
        ["2024-03-01", "Spring promo", "5"],
      ],
      ctx,
      "Spend table",
      { campaignMap: map },
    );
    expect(table.rows.map((r) => r.segment)).toEqual(["Paid Search", "Spring promo"]);
    expect(table.reading).toContain(
      "campaigns → channels by the campaign map (3 rules): 2 campaigns, 1 matched no rule and keep their names",
    );
  });
});

describe("the campaign map", () => {
  it("matches plain text anywhere in the name, * as any text over the whole name, first rule first", () => {
    const channel = campaignChannels(
      readCampaignMap([
        ["Campaign", "Channel"],
        ["brand*", "Brand"],
        ["search", "Paid Search"],
        ["*  Retargeting", "Social"],
      ]),
    );
    expect(channel("Brand – Search")).toBe("Brand");
    expect(channel("Non-brand search")).toBe("Paid Search");
    expect(channel("  NON-BRAND  ")).toBeUndefined();
    expect(channel("FB retargeting")).toBe("Social");
    expect(channel("Retargeting FB")).toBeUndefined();
  });

  it("names the row of a rule without a channel", () => {
    expect(() => readCampaignMap([["brand*", ""]])).toThrow(
      "Campaign map: channel, row 1, column 2, is blank — expected the channel its campaigns count for",
    );
  });
});
