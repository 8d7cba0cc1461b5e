/**
 * A report built in Korean or Russian by the shipped bundle has no English left, on the paths a
 * sound sample never takes: fits that fail or that the data hardly pin (too few customers, nobody
 * buying again, a hold-out without repeat buyers, customers buying in lock-step), a hold-out cut at
 * the last date, spend and campaign-map problems and bad cells. Every text the user reads — the
 * report's sheets and notes, the failure and the field problems — is searched for runs of Latin
 * letters; only the tokens of test/helpers/latin.ts and the user's own data may remain. A report
 * from a BigQuery table (computed there, Predicted CLV from its condensed summary), its refusal of a
 * scan beyond what was approved, and a report from a GA4 export are searched the same way.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../src/core/language";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { Random } from "../../src/core/sample/random";
import { bigQuerySample, SAMPLE_PROJECT, SAMPLE_TABLE } from "../helpers/bigquery";
import { loadBundle } from "../helpers/bundle";
import { GA4_DATASET, GA4_LAST, GA4_PROJECT, ga4BigQuerySample } from "../helpers/ga4-bigquery";
import { latinLeft } from "../helpers/latin";
import { addonServices, FakeSpreadsheet, type Value } from "../helpers/sheets";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER = ["Customer ID", "Order date", "Amount", "Channel"];

/** The sample's purchases as a sheet holds them: dates and numbers, not text. */
function sampleRows(customers: number, seed = 1): Value[][] {
  const [, ...rows] = purchaseTable(generateSample({ customers, seed }));
  return [HEADER, ...rows.map(([id, date, amount, channel]) => [id, day(date), Number(amount), channel])];
}

function sampleSpend(customers: number, seed = 1): Value[][] {
  const [header, ...rows] = spendTable(generateSample({ customers, seed }));
  return [header, ...rows.map(([month, spend, channel]) => [day(month), Number(spend), channel])];
}

/** Each customer buys once: nobody to learn purchase rates or dropout from. */
function oneEach(customers: number): Value[][] {
  return [
    HEADER,
    ...Array.from({ length: customers }, (_, i) => [
      `C${i}`,
      new Date(Date.UTC(2024, 0, 1 + ((i * 7) % 360))),
      20 + (i % 9),
      i % 2 ? "Email" : "Ads",
    ]),
  ];
}

/** Every customer buys every 30 days from the same day, at the same price: nobody drops out, no spread. */
function lockStep(customers: number): Value[][] {
  const rows: Value[][] = [HEADER];
  for (let c = 0; c < customers; c++)
    for (let k = 0; k < 18; k++) rows.push([`L${c}`, new Date(Date.UTC(2024, 0, 1 + 30 * k)), 25, "Ads"]);
  return rows;
}

/** Repeat purchases only in the first half of the year: a hold-out from July has no repeat buyer. */
function earlyRepeats(customers: number): Value[][] {
  const random = new Random(7);
  const rows: Value[][] = [HEADER];
  for (let c = 0; c < customers; c++) {
    const first = Math.floor(random.next() * 120);
    const times = 1 + Math.floor(random.next() * 3);
    for (let k = 0; k < times; k++)
      rows.push([`E${c}`, new Date(Date.UTC(2024, 0, 1 + first + 15 * k)), 10 + (c % 30), "Ads"]);
  }
  rows.push(["E-last", new Date(Date.UTC(2024, 11, 31)), 10, "Ads"]);
  return rows;
}

const ALL_SHEETS = [
  "retention",
  "revenue",
  "ltv-cac",
  "summary",
  "predicted-clv",
  "forecast-check",
  "customers",
  "payback",
];

interface Case {
  rows: Value[][];
  spend?: Value[][];
  campaignMap?: Value[][];
  extra?: Record<string, unknown>;
}

const CASES: Record<string, Case> = {
  "an ordinary sample with spend": { rows: sampleRows(300), spend: sampleSpend(300) },
  "too few customers": { rows: sampleRows(25, 3) },
  "nobody buying again": { rows: oneEach(60) },
  "customers in lock-step": { rows: lockStep(40) },
  "a hold-out without repeat buyers": {
    rows: earlyRepeats(80),
    extra: { calibrationEnd: "2024-06-30", observationEnd: "2024-12-31" },
  },
  "a hold-out end after the data": {
    rows: sampleRows(200, 5),
    extra: { calibrationEnd: "2024-12-31", observationEnd: "2026-12-31" },
  },
  "spend of a channel the data do not have": {
    rows: sampleRows(150, 2),
    spend: [
      ["Month", "Spend", "Channel"],
      ...Array.from({ length: 6 }, (_, m) => [day(`2024-0${m + 1}-01`), 100, "Radio"]),
    ],
  },
  "a campaign map": {
    rows: sampleRows(150, 2),
    spend: [
      ["Month", "Spend", "Campaign"],
      [day("2024-01-01"), 100, "brand_search_jan"],
      [day("2024-02-01"), 100, "tv_spot"],
    ],
    campaignMap: [
      ["Campaign", "Channel"],
      ["brand*", "Paid search"],
    ],
  },
  "subscriptions with a plan length": {
    rows: [
      [...HEADER, "Months"],
      ...Array.from({ length: 60 }, (_, i) => [
        `S${i}`,
        day(`2024-0${1 + (i % 6)}-0${1 + (i % 9)}`),
        i % 4 ? 10 : 120,
        i % 2 ? "Email" : "Ads",
        i % 4 ? 1 : 12,
      ]),
      ...Array.from({ length: 40 }, (_, i) => [
        `S${i}`,
        day(`2024-0${7 + (i % 3)}-1${i % 9}`),
        10,
        i % 2 ? "Email" : "Ads",
        1,
      ]),
    ],
    extra: { termColumn: 4, sheets: ["retention", "summary", "subscription"] },
  },
  "a bad plan length": {
    rows: [
      [...HEADER, "Months"],
      ["A", day("2024-01-05"), 10, "Email", 1],
      ["A", day("2024-02-05"), 10, "Email", "yearly"],
    ],
    extra: { termColumn: 4, sheets: ["summary", "subscription"] },
  },
  "an observation end before the first purchase": {
    rows: sampleRows(40, 4),
    extra: { observationEnd: "2020-01-31" },
  },
  "a mistyped year far back": {
    rows: [...sampleRows(40, 4), ["X1", day("1994-02-02"), 10, "Ads"]],
    extra: { period: "week" },
  },
  "fields typed wrong": {
    rows: sampleRows(40, 4),
    extra: { margin: "lots", observationEnd: "2024-13-45", calibrationEnd: "soon", spend: "Nowhere!A1:C3" },
  },
  "no date column": {
    rows: [
      ["Who", "What", "How much", "Where"],
      ["a", "b", 1, "c"],
    ],
  },
  "a bad amount": { rows: [...sampleRows(40, 4), ["X1", day("2024-02-02"), "lots", "Ads"]] },
  "a negative spend": {
    rows: sampleRows(60, 4),
    spend: [
      ["Month", "Spend"],
      [day("2024-01-01"), -5],
    ],
  },
  "a spend table without a spend column": {
    rows: sampleRows(60, 4),
    spend: [
      ["Month", "Channel", "Notes"],
      [day("2024-01-01"), "Ads", "launch"],
    ],
  },
  "a spend table in two currencies": {
    rows: sampleRows(60, 4),
    spend: [
      ["Month", "Spend", "Currency"],
      [day("2024-01-01"), 100, "USD"],
      [day("2024-02-01"), 100, "EUR"],
    ],
  },
  "a campaign map row without a channel": {
    rows: sampleRows(60, 4),
    spend: [
      ["Month", "Spend", "Campaign"],
      [day("2024-01-01"), 100, "brand_a"],
    ],
    campaignMap: [
      ["Campaign", "Channel"],
      ["brand*", ""],
    ],
  },
};

/** Builds the case's report in `language`; every text the user reads afterwards, with the data's own words. */
function built(language: Language, c: Case): { texts: string[]; data: Set<string> } {
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  const orders = book.addSheet("Orders", c.rows);
  const spend = c.spend && book.addSheet("Spend", c.spend);
  const map = c.campaignMap && book.addSheet("Map", c.campaignMap);
  book.select(orders, "A1");
  const script = loadBundle(addonServices(book, { userLocale: `${language}_XX` }));
  const result = script.buildReport({
    source: { sheetId: orders.id, range: `A1:${c.rows[0].length > 4 ? "E" : "D"}${c.rows.length}` },
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    period: "month",
    observationEnd: "",
    margin: "40",
    spend: spend ? `Spend!A1:C${c.spend?.length}` : "",
    campaignMap: map ? `Map!A1:B${c.campaignMap?.length}` : "",
    sheets: ALL_SHEETS,
    language,
    ...c.extra,
  });
  const texts: string[] = [];
  if (!result.ok) texts.push(result.message, ...Object.values<string>(result.problems ?? {}));
  const inputs = new Set([orders.name, spend?.name, map?.name]);
  for (const sheet of book.sheets) {
    if (inputs.has(sheet.name)) continue;
    texts.push(sheet.name);
    for (const grid of [sheet.values, sheet.prop("note")])
      for (const row of grid.rows) for (const v of row ?? []) if (typeof v === "string") texts.push(v);
    for (const chart of sheet.charts)
      for (const [key, v] of Object.entries(chart.options))
        if (/title/i.test(key) && typeof v === "string") texts.push(v);
  }
  const data = new Set<string>([orders.name, spend?.name ?? "", map?.name ?? ""]);
  // What the user typed in the fields is theirs too (a message quotes it).
  const typed: unknown[] = Object.values(c.extra ?? {});
  for (const v of [...[...c.rows, ...(c.spend ?? []), ...(c.campaignMap ?? [])].flat(), ...typed])
    if (typeof v === "string") for (const part of [v, ...v.split("!")]) data.add(part);
  return { texts, data };
}

describe.each(["ko", "ru"] as const)("a report in %s", (language) => {
  it.each(Object.keys(CASES))("leaves no English after %s", (name) => {
    const { texts, data } = built(language, CASES[name]);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.flatMap((text) => latinLeft(text, data))).toEqual([]);
  });
});

describe.each(["ko", "ru"] as const)("a BigQuery report in %s", (language) => {
  let sample: Awaited<ReturnType<typeof bigQuerySample>>;
  beforeAll(async () => {
    sample = await bigQuerySample({
      period: "month",
      splitBySegment: true,
      marginRate: 0.4,
      // The sheets built below: split by channel, LTV-CAC's prediction reads the customers query too.
      sheets: ["retention", "revenue", "ltv-cac", "summary", "predicted-clv"],
    });
  }, 120_000);

  /** Builds from the table with `approvedBytes`; the texts the user reads, and the table's words. */
  function fromBigQuery(approvedBytes: number) {
    const book = new FakeSpreadsheet({ timeZone: "UTC" });
    book.select(book.addSheet("Notes", [["Our orders are in BigQuery"]]), "A1");
    const script = loadBundle({
      ...addonServices(book, { userLocale: language }),
      BigQuery: sample.fake.copy().service(),
    });
    const result = script.buildReport({
      source: { sheetId: -1, range: "" },
      mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
      period: "month",
      observationEnd: "",
      margin: "40",
      spend: "",
      sheets: ["retention", "revenue", "ltv-cac", "summary", "predicted-clv"],
      language,
      bigquery: { project: SAMPLE_PROJECT, table: SAMPLE_TABLE, approvedBytes },
    });
    const texts: string[] = result.ok ? [] : [result.message];
    for (const sheet of book.sheets.filter((s) => s.name !== "Notes")) {
      texts.push(sheet.name);
      for (const row of sheet.values.rows)
        for (const v of row ?? []) if (typeof v === "string") texts.push(v);
    }
    const columns = ["customer_id", "order_date", "amount", "channel"];
    const data = new Set([
      SAMPLE_TABLE,
      SAMPLE_PROJECT,
      ...columns,
      "Paid search",
      "Paid social",
      "Email",
      "Organic",
    ]);
    return { ok: result.ok, texts, data };
  }

  it("leaves no English on the sheets", () => {
    const { ok, texts, data } = fromBigQuery(2 ** 40);
    expect(ok).toBe(true);
    expect(texts.flatMap((text) => latinLeft(text, data))).toEqual([]);
  });

  it("refuses a scan beyond what was approved in the language", () => {
    const { ok, texts, data } = fromBigQuery(1);
    expect(ok).toBe(false);
    expect(texts.flatMap((text) => latinLeft(text, data))).toEqual([]);
  });
});

describe.each(["ko", "ru"] as const)("a GA4 report in %s", (language) => {
  const sheets = ["retention", "revenue", "ltv-cac", "summary"] as const;
  let sample: Awaited<ReturnType<typeof ga4BigQuerySample>>;
  beforeAll(async () => {
    const options = {
      period: "month",
      splitBySegment: true,
      marginRate: 0.4,
      observationEnd: GA4_LAST,
    } as const;
    sample = await ga4BigQuerySample([
      { days: { to: GA4_LAST }, options: { ...options, sheets: [...sheets] } },
    ]);
  }, 120_000);

  it("leaves no English on the sheets", () => {
    const book = new FakeSpreadsheet({ timeZone: "UTC" });
    book.select(book.addSheet("Notes", [["Our GA4 export is in BigQuery"]]), "A1");
    const script = loadBundle({
      ...addonServices(book, { userLocale: language }),
      BigQuery: sample.fake.copy().service(),
    });
    const result = script.buildReport({
      source: { sheetId: -1, range: "" },
      mapping: { customerId: 5, date: 6, amount: 7 },
      period: "month",
      observationEnd: "2024-04-29",
      margin: "40",
      spend: "",
      sheets: [...sheets],
      language,
      ga4: {
        project: GA4_PROJECT,
        dataset: GA4_DATASET,
        currency: "local",
        firstDay: "",
        approvedBytes: 2 ** 40,
      },
    });
    expect(result).toMatchObject({ ok: true });
    const texts: string[] = [];
    for (const sheet of book.sheets.filter((s) => s.name !== "Notes")) {
      texts.push(sheet.name);
      for (const row of sheet.values.rows)
        for (const v of row ?? []) if (typeof v === "string") texts.push(v);
    }
    const data = new Set([GA4_DATASET, GA4_PROJECT, ...sample.sample.flat.flat(), "Unassigned"]);
    expect(texts.flatMap((text) => latinLeft(text, data))).toEqual([]);
  });
});

describe.each(["ko", "ru"] as const)("a refresh in %s", (language) => {
  it("says why a report could not be refreshed with no English left", () => {
    const rows = sampleRows(80, 6);
    const book = new FakeSpreadsheet({ timeZone: "UTC" });
    const orders = book.addSheet("Orders", rows);
    book.select(orders, "A1");
    const script = loadBundle(addonServices(book, { userLocale: language }));
    const built = script.buildReport({
      source: { sheetId: orders.id, range: `A1:D${rows.length}` },
      mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
      period: "month",
      observationEnd: "",
      margin: "40",
      spend: "",
      sheets: ["retention", "summary", "predicted-clv"],
      language,
    });
    expect(built).toMatchObject({ ok: true });
    // A teammate types text into an amount, and another deletes a date.
    orders.values.set(3, 3, "refund?");
    orders.values.set(4, 2, "");
    const refreshed = script.refreshReports();
    const messages: string[] = refreshed.ok
      ? [...refreshed.failed, ...refreshed.skipped].map((f: { message: string }) => f.message)
      : [refreshed.message];
    expect(messages.length).toBeGreaterThan(0);
    const data = new Set<string>(["Orders", "refund?"]);
    for (const v of rows.flat()) if (typeof v === "string") data.add(v);
    expect(messages.flatMap((text) => latinLeft(text, data))).toEqual([]);
  });
});
