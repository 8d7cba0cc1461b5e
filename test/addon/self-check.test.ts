/**
 * "Check installation" over the fakes, through the shipped bundle: every step passes on a healthy
 * spreadsheet, a failing step is reported while the others still run, the temporary sheets go
 * whatever failed, and the report is one dialog with a copy button.
 */
import { describe, expect, it } from "vitest";
import { BIGQUERY_SCOPE } from "../../src/addon/consent";
import { loadBundle, readDistHtml } from "../helpers/bundle";
import { newCalls, strictFake } from "../helpers/fake";
import { latinLeft } from "../helpers/latin";
import { addonServices, FakeSpreadsheet, fakeProperties, MANIFEST_SCOPES } from "../helpers/sheets";

/** A spreadsheet with a sheet of its own, and Sheets computing the check's formula with the bundle. */
function setup(options: Parameters<typeof addonServices>[1] = {}, extra: Record<string, unknown> = {}) {
  const book = new FakeSpreadsheet({ timeZone: "Asia/Seoul" });
  const notes = book.addSheet("Notes", [["Our numbers"]]);
  book.select(notes, "A1");
  // The editor function logs its report: kept out of the test output.
  const services = { console: { log: () => {} }, ...addonServices(book, options), ...extra };
  const script = loadBundle(services);
  book.evaluate = (formula) => (formula === "=AOV(12500, 250)" ? script.AOV(12500, 250) : "#NAME?");
  return { book, script };
}

const LABELS = {
  script: "Script",
  metadata: "Developer metadata",
  lock: "Document lock",
  properties: "User properties",
  sidebar: "Sidebar",
  help: "Formula help",
  scopes: "Permissions",
  formula: "One formula",
  report: "One small report",
  bigquery: "BigQuery dry run",
  cleanup: "Clean-up",
};
/** Each step's status, read from the report's lines ("OK — Script: …"). */
function statuses(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, label] of Object.entries(LABELS)) {
    const line = text.split("\n").find((l) => l.includes(` — ${label}: `));
    if (line) out[key] = line.split(" — ")[0];
  }
  return out;
}

describe("Check installation", () => {
  it("passes every step on a healthy spreadsheet, times them, and leaves the spreadsheet as it was", () => {
    const properties = new Map<string, string>();
    const { book, script } = setup({ properties });
    const report = script.checkInstallation();
    expect(report).toContain("Cohort LTV — installation check");
    const lines = report.split("\n").slice(3);
    for (const label of [
      "Script",
      "Developer metadata",
      "Document lock",
      "User properties",
      "Sidebar",
      "Formula help",
      "Permissions",
      "One formula",
      "One small report",
      "Clean-up",
    ]) {
      expect(
        lines.find((l: string) => l.includes(`${label}:`)),
        label,
      ).toMatch(/^OK — .* \(\d[\d,]* ms\)$/);
    }
    expect(report).toMatch(/^skipped — BigQuery dry run: No billing project given\.$/m);
    expect(report).toContain("10 of 10 checks passed.");
    expect(report).toContain("=AOV(12500, 250) gave 50.");
    expect(report).toContain("Sidebar.html opens.");
    expect(report).toMatch(/sample rows built into 2 sheets \(then removed\)/);
    expect(report).toMatch(/4 temporary sheets removed/);
    // Nothing left behind: the sheets, the active sheet, the user's properties.
    expect(book.sheets.map((s) => s.name)).toEqual(["Notes"]);
    expect(book.active?.sheet.name).toBe("Notes");
    expect([...properties.keys()]).toEqual([]);
  });

  it("from the menu asks for a billing project and shows one dialog with a copy button", () => {
    const { book, script } = setup();
    book.ui.promptAnswers.push("");
    script.checkInstallationFromMenu();
    expect(book.ui.dialogs).toHaveLength(1);
    const [{ title, html }] = book.ui.dialogs;
    expect(title).toBe("Cohort LTV — installation check");
    expect(html).toContain('<button id="copy">Copy the report</button>');
    expect(html).toContain("navigator.clipboard");
    expect(html).toContain("10 of 10 checks passed.");
    expect(book.ui.menus).toEqual([]);
  });

  it("is an item of the add-on menu", () => {
    const { book, script } = setup();
    script.onOpen();
    expect(book.ui.menus[0]).toContain("Check installation|checkInstallationFromMenu");
  });

  it("reports failing steps, runs the others, and still removes every sheet it made", () => {
    const calls = newCalls();
    const store = new Map<string, string>();
    const broken = fakeProperties(calls, store);
    const properties = strictFake<GoogleAppsScript.Properties.PropertiesService>(
      "PropertiesService",
      {
        getUserProperties: () => {
          const props = broken.getUserProperties();
          return strictFake<GoogleAppsScript.Properties.Properties>(
            "Properties",
            {
              setProperty: () => {
                throw new Error("Exception: Service unavailable: Properties");
              },
              getProperty: (key: string) => props.getProperty(key),
              deleteProperty: (key: string) => props.deleteProperty(key),
            },
            calls,
          );
        },
      },
      calls,
    );
    const { book, script } = setup({}, { PropertiesService: properties });
    book.evaluate = () => "#NAME?";
    const text = script.checkInstallation();
    expect(statuses(text)).toMatchObject({
      script: "OK",
      metadata: "OK",
      lock: "OK",
      properties: "FAILED",
      sidebar: "OK",
      formula: "FAILED",
      // A build keeps its progress in the user's properties.
      report: "FAILED",
      cleanup: "OK",
    });
    expect(text).toMatch(/^FAILED — User properties: Exception: Service unavailable: Properties/m);
    expect(text).toContain("=AOV(12500, 250) gave #NAME?, not 50");
    expect(text).toContain("Use in this document");
    expect(text).toContain("7 of 10 checks passed.");
    expect(book.sheets.map((s) => s.name)).toEqual(["Notes"]);
  });

  it("removes only what it made: a sheet a colleague adds meanwhile stays", () => {
    const { book, script } = setup();
    const evaluate = book.evaluate;
    book.evaluate = (formula) => {
      book.addSheet("Colleague's notes", [["added while the check ran"]]);
      return evaluate?.(formula) ?? "";
    };
    const text = script.checkInstallation();
    expect(text).toContain("10 of 10 checks passed.");
    expect(book.sheets.map((s) => s.name)).toEqual(["Notes", "Colleague's notes"]);
  });

  it("reports a page HtmlService refuses, and goes on with the other steps", () => {
    const { script } = setup({
      readFile: (name) => {
        if (name === "Sidebar") throw new Error("Malformed HTML content: <div");
        return readDistHtml(name);
      },
    });
    const text = script.checkInstallation();
    expect(statuses(text)).toMatchObject({ sidebar: "FAILED", help: "OK", cleanup: "OK" });
    expect(text).toContain("Malformed HTML content");
  });

  it("says which scopes are granted; without BigQuery's, the rest passes and the dry run asks for it", () => {
    const asked: string[][] = [];
    const { script } = setup({
      grantedScopes: MANIFEST_SCOPES.filter((s) => s !== BIGQUERY_SCOPE),
      askedScopes: asked,
    });
    const text = script.checkInstallation("my-project");
    expect(statuses(text)).toMatchObject({ scopes: "OK", bigquery: "FAILED", cleanup: "OK" });
    expect(text).toContain(`Not granted: ${BIGQUERY_SCOPE}.`);
    expect(asked).toEqual([[BIGQUERY_SCOPE]]);
  });

  it("with a billing project, makes a BigQuery dry run that scans nothing", () => {
    const calls = newCalls();
    const requests: unknown[] = [];
    const jobs = strictFake<GoogleAppsScript.BigQuery.Collection.JobsCollection>(
      "Jobs",
      {
        query: ((request: GoogleAppsScript.BigQuery.Schema.QueryRequest, project: string) => {
          requests.push({ request, project });
          return { totalBytesProcessed: "0" };
        }) as GoogleAppsScript.BigQuery.Collection.JobsCollection["query"],
      },
      calls,
    );
    const BigQuery = strictFake<GoogleAppsScript.BigQuery>("BigQuery", { Jobs: jobs }, calls);
    const { script } = setup({}, { BigQuery });
    const text = script.checkInstallation(" my-project ");
    expect(statuses(text).bigquery).toBe("OK");
    expect(requests).toEqual([
      { request: { query: "SELECT 1", useLegacySql: false, dryRun: true }, project: "my-project" },
    ]);
    expect(text).toContain("11 of 11 checks passed.");
  });

  it("says Apps Script's own missing-permission refusal as the permission to grant, not as no access", () => {
    const calls = newCalls();
    const jobs = strictFake<GoogleAppsScript.BigQuery.Collection.JobsCollection>(
      "Jobs",
      {
        query: (() => {
          throw new Error(
            "Exception: You do not have permission to call BigQuery.Jobs.query. Required permissions: https://www.googleapis.com/auth/bigquery",
          );
        }) as GoogleAppsScript.BigQuery.Collection.JobsCollection["query"],
      },
      calls,
    );
    const BigQuery = strictFake<GoogleAppsScript.BigQuery>("BigQuery", { Jobs: jobs }, calls);
    const { script } = setup({}, { BigQuery });
    const text = script.checkInstallation("my-project");
    expect(statuses(text).bigquery).toBe("FAILED");
    expect(text).toMatch(
      /BigQuery dry run: To read BigQuery, Cohort LTV needs the permission "View your data across Google Cloud services"/,
    );
    expect(text).not.toMatch(/Data Viewer/);
  });

  it("speaks the user's language", () => {
    const { script } = setup({ userLocale: "ko" });
    expect(script.checkInstallation()).toMatch(/^Cohort LTV — 설치 점검\n점검 10개 중 10개 통과\./);
    const ru = setup({ userLocale: "ru" }).script.checkInstallation();
    expect(ru).toMatch(/^Cohort LTV — проверка установки\nПройдено проверок: 10 из 10\./);
    // The add-on's name, milliseconds, and the technical names the steps check (files, a formula,
    // metadata visibility, BigQuery's "dry run") aside.
    const technical = new Set(
      ["Cohort", "ms", "Code.js", "Sidebar.html", "Help.html", "Help_ko.html", "Help_ru.html"].concat([
        "AOV",
        "PROJECT",
        "SELECT",
        "dry run",
      ]),
    );
    const ko = setup({ userLocale: "ko" }).script.checkInstallation();
    for (const text of [ko, ru]) expect(latinLeft(text, technical)).toEqual([]);
  });

  it("from the editor without a spreadsheet, logs what it could check and why the rest failed", () => {
    const { script } = setup(
      {},
      {
        SpreadsheetApp: strictFake<GoogleAppsScript.Spreadsheet.SpreadsheetApp>(
          "SpreadsheetApp",
          {
            getActiveSpreadsheet: () => null as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
            getUi: () => {
              throw new Error("Exception: Cannot call SpreadsheetApp.getUi() from this context.");
            },
          },
          newCalls(),
        ),
      },
    );
    const text = script.checkInstallation();
    expect(text).toMatch(/^OK — Script:/m);
    expect(text).toMatch(/^FAILED — Developer metadata: There is no active spreadsheet/m);
  });
});
