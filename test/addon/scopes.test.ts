/**
 * The manifest's scopes against the documented method → scopes tables (test/fixtures/scopes/, facts
 * copied from the BigQuery v2 discovery document and the Apps Script reference): every Google API
 * method and Apps Script service the code calls is covered, BigQuery by the narrowest scope all its
 * methods list, and the manifest asks for nothing the code does not use.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIGQUERY_SCOPE } from "../../src/addon/consent";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const bigquery: { methods: Record<string, string[]> } = JSON.parse(
  read("test/fixtures/scopes/bigquery-v2.json"),
);
const appsScript: { services: Record<string, string[]>; uiMethods: Record<string, string[]> } = JSON.parse(
  read("test/fixtures/scopes/apps-script.json"),
);
const manifest: { oauthScopes: string[] } = JSON.parse(read("appsscript.json"));
const BIGQUERY_FULL = "https://www.googleapis.com/auth/bigquery";

/** The server code Apps Script runs (src/core, src/cli and src/sidebar run elsewhere). */
function serverCode(): string {
  const files = [
    "src/main.ts",
    ...["src/addon", "src/functions"].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => `${dir}/${f}`),
    ),
  ];
  // Comments may name services the code does not call.
  return files.map((f) => read(f).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")).join("\n");
}

const code = serverCode();
const unique = (items: string[]) => [...new Set(items)].sort();

/** `service().Tables.get(` → `bigquery.tables.get`: the advanced service names REST resources capitalised. */
const bigQueryMethods = unique(
  [
    ...code.matchAll(
      /\.(Jobs|Tables|Tabledata|Datasets|Projects|Models|Routines|RowAccessPolicies)\.(\w+)\(/g,
    ),
  ].map(([, resource, method]) => `bigquery.${resource[0].toLowerCase()}${resource.slice(1)}.${method}`),
);
const services = unique(
  [
    ...code.matchAll(
      /(?<![.\w])(SpreadsheetApp|HtmlService|Session|LockService|PropertiesService|ScriptApp|Utilities|UrlFetchApp|DriveApp|CacheService|MailApp|GmailApp|DocumentApp|CardService|CalendarApp|FormApp)\./g,
    ),
  ].map(([, name]) => name),
);
const uiMethods = unique(
  [...code.matchAll(/\.(showSidebar|showModalDialog|showModelessDialog|alert|prompt)\(/g)].map(([, m]) => m),
);

describe("the manifest's scopes", () => {
  it("finds the BigQuery methods the code calls, each in the discovery document's table", () => {
    expect(bigQueryMethods).toEqual([
      "bigquery.jobs.getQueryResults",
      "bigquery.jobs.query",
      "bigquery.tables.get",
      "bigquery.tables.list",
    ]);
    for (const method of bigQueryMethods) {
      expect(bigquery.methods[method], `${method}: add its scopes from the discovery document`).toBeDefined();
    }
  });

  it("covers every BigQuery method the code calls with one scope each method lists", () => {
    for (const method of bigQueryMethods) {
      expect(bigquery.methods[method], method).toContain(BIGQUERY_SCOPE);
      expect(manifest.oauthScopes, method).toContain(BIGQUERY_SCOPE);
    }
  });

  it("asks BigQuery for the narrowest scope all its calls accept: the one the fewest of the API's methods accept", () => {
    const candidates = Object.keys(bigquery.methods).length
      ? bigQueryMethods.map((m) => bigquery.methods[m]).reduce((a, b) => a.filter((s) => b.includes(s)))
      : [];
    const reach = (scope: string) => Object.values(bigquery.methods).filter((s) => s.includes(scope)).length;
    const narrowest = [...candidates].sort((a, b) => reach(a) - reach(b))[0];
    expect(narrowest).toBe(BIGQUERY_SCOPE);
    // Every method that accepts it accepts `bigquery` too (never the reverse): strictly narrower in this API.
    const all = Object.values(bigquery.methods);
    expect(all.filter((s) => s.includes(BIGQUERY_SCOPE)).every((s) => s.includes(BIGQUERY_FULL))).toBe(true);
    expect(reach(BIGQUERY_SCOPE)).toBeLessThan(reach(BIGQUERY_FULL));
    // It lets the add-on change nothing: no method that writes, deletes or starts a job of its own accepts it.
    for (const method of [
      "bigquery.jobs.insert",
      "bigquery.tables.delete",
      "bigquery.tables.patch",
      "bigquery.datasets.delete",
    ]) {
      expect(bigquery.methods[method]).not.toContain(BIGQUERY_SCOPE);
    }
    // `bigquery.readonly`, which the manifest used to ask for, is not documented for these methods.
    expect(manifest.oauthScopes).not.toContain("https://www.googleapis.com/auth/bigquery.readonly");
  });

  it("covers every Apps Script service the code calls", () => {
    expect(services).toEqual(
      expect.arrayContaining([
        "SpreadsheetApp",
        "Session",
        "LockService",
        "PropertiesService",
        "HtmlService",
      ]),
    );
    for (const service of services) {
      const needs = appsScript.services[service];
      expect(needs, `${service}: add its scopes from the Apps Script reference`).toBeDefined();
      if (needs.length)
        expect(
          manifest.oauthScopes.some((s) => needs.includes(s)),
          service,
        ).toBe(true);
    }
    for (const method of uiMethods) {
      expect(
        manifest.oauthScopes.some((s) => appsScript.uiMethods[method].includes(s)),
        method,
      ).toBe(true);
    }
  });

  it("asks only for the current spreadsheet, not every spreadsheet of the user", () => {
    expect(manifest.oauthScopes).toContain("https://www.googleapis.com/auth/spreadsheets.currentonly");
    expect(manifest.oauthScopes).not.toContain("https://www.googleapis.com/auth/spreadsheets");
  });

  it("asks for no scope the code does not need", () => {
    const requirements = [
      ...bigQueryMethods.map((m) => bigquery.methods[m]),
      ...services.map((s) => appsScript.services[s]),
      ...uiMethods.map((m) => appsScript.uiMethods[m]),
    ];
    const needed = new Set(
      requirements.flatMap((any) => manifest.oauthScopes.filter((s) => any.includes(s))),
    );
    for (const scope of manifest.oauthScopes) expect(needed.has(scope), scope).toBe(true);
  });
});
