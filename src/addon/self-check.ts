/**
 * "Check installation": what the add-on relies on, exercised once in the real spreadsheet by the
 * person who deploys it (the tests run on fakes; this runs on Google's services). Each step is timed
 * and reported on one line; a failing step does not stop the others; every sheet it creates is
 * removed at the end, whatever failed. The report is one dialog with a copy button (from the menu),
 * or the execution log (from the Apps Script editor).
 */
import { LANGUAGES } from "../core/language";
import { generateSample } from "../core/sample/generate";
import { helpFileName } from "../sidebar/help/file";
import { bigQueryDryRun } from "./bigquery";
import { BIGQUERY_SCOPE, grantedScopes, requireBigQueryConsent } from "./consent";
import { userLanguage } from "./context";
import { AddonError, words } from "./errors";
import { CHECK_WORDS, type CheckKey } from "./self-check-words";
import { buildReport, continueBuild } from "./server";
import { ownSheets } from "./settings";

/** Put in by scripts/build.ts: the manifest's scopes. */
declare const __COHORT_LTV_BUILT__: { scopes: string[] } | undefined;

/** Entry points a working Code.js defines as globals (the menu's, the sidebar's, a formula). */
const ENTRY_POINTS = [
  "onOpen",
  "showSidebar",
  "showFormulaHelp",
  "buildReport",
  "refreshReportsFromMenu",
  "getSelectionInfo",
  "checkInstallationFromMenu",
  "AOV",
  "COHORT_RETENTION",
];

/** The formula timed in a cell: Sheets evaluates it as for any user. */
const FORMULA = "=AOV(12500, 250)";
const FORMULA_VALUE = 50;
const SAMPLE_CUSTOMERS = 40;
const KEY = "cohort-ltv-check";

export interface CheckLine {
  key: CheckKey;
  status: "ok" | "failed" | "skipped";
  detail: string;
  ms?: number;
}

export interface CheckReport {
  lines: CheckLine[];
  /** The report as plain text, as the copy button copies it. */
  text: string;
  passed: number;
}

/** A step's failure said in the check's own words (shown whole). */
class Failed {
  constructor(readonly detail: string) {}
}

/** Another service's error, at most this long in the report. */
const DETAIL_LIMIT = 300;

/** A step with nothing to do (no billing project): neither passed nor failed. */
class Skipped {
  constructor(readonly detail: string) {}
}

function built() {
  return typeof __COHORT_LTV_BUILT__ === "undefined" ? undefined : __COHORT_LTV_BUILT__;
}

/** Runs every step in the active spreadsheet; `billingProject` adds a BigQuery dry run. */
export function runInstallationCheck(options: { billingProject?: string } = {}): CheckReport {
  const language = userLanguage();
  const w = CHECK_WORDS[language];
  const lines: CheckLine[] = [];
  const step = (key: CheckKey, run: () => string) => {
    const started = Date.now();
    try {
      const detail = run();
      lines.push({ key, status: "ok", detail, ms: Date.now() - started });
    } catch (error) {
      if (error instanceof Skipped) lines.push({ key, status: "skipped", detail: error.detail });
      else lines.push({ key, status: "failed", detail: problem(error), ms: Date.now() - started });
    }
  };
  const problem = (error: unknown) => {
    if (error instanceof Failed) return error.detail;
    if (error instanceof AddonError) return words(language, error.said);
    // Errors of Apps Script's services come from outside this script's realm: read, not instanceof.
    const message = (error as { message?: unknown } | null)?.message;
    const text = typeof message === "string" ? message : String(error);
    return text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT)}…` : text;
  };
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const needSpreadsheet = () => {
    if (!spreadsheet) throw new Failed(w.noSpreadsheet);
    return spreadsheet;
  };
  /** The sheets this check inserted (by id): only they, and the report built from them, are removed. */
  const made = new Set<number>();
  const insert = (name: string) => {
    const sheet = needSpreadsheet().insertSheet(name);
    made.add(sheet.getSheetId());
    return sheet;
  };
  const activeBefore = spreadsheet?.getActiveSheet();
  const stamp = Date.now().toString(36);
  let temp: GoogleAppsScript.Spreadsheet.Sheet | undefined;
  const tempSheet = () => {
    temp ??= insert(`Cohort LTV check ${stamp}`);
    return temp;
  };

  try {
    step("script", () => {
      const global = globalThis as Record<string, unknown>;
      const missing = ENTRY_POINTS.filter((name) => typeof global[name] !== "function");
      if (missing.length) throw new Failed(`Code.js: ${missing.join(", ")} missing`);
      return w.script(ENTRY_POINTS.length);
    });
    step("metadata", () => {
      const sheet = tempSheet();
      const project = String(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
      sheet.addDeveloperMetadata(KEY, stamp, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
      const mine = () =>
        sheet
          .getDeveloperMetadata()
          .filter(
            (m) => m.getKey() === KEY && m.getValue() === stamp && String(m.getVisibility()) === project,
          );
      const found = mine();
      if (found.length !== 1) throw new Failed(w.metadataLost);
      found[0].remove();
      if (mine().length) throw new Failed(w.metadataStuck);
      return w.metadata;
    });
    step("lock", () => {
      needSpreadsheet();
      const lock = LockService.getDocumentLock();
      if (!lock) throw new Failed(w.noLock);
      if (!lock.tryLock(10_000)) throw new Failed(w.busy);
      lock.releaseLock();
      return w.lock;
    });
    step("properties", () => {
      const properties = PropertiesService.getUserProperties();
      properties.setProperty(KEY, stamp);
      const read = properties.getProperty(KEY);
      properties.deleteProperty(KEY);
      if (read !== stamp || properties.getProperty(KEY) !== null) throw new Failed(w.propertiesLost);
      return w.properties;
    });
    // HtmlService refuses a page it cannot take as HTML ("Malformed HTML content") when it creates
    // the output; the page's text is never read back into the script.
    const page = (file: string) => {
      HtmlService.createHtmlOutputFromFile(file);
      return w.page(file);
    };
    step("sidebar", () => page("Sidebar"));
    step("help", () => LANGUAGES.map((l) => page(helpFileName(l))).join(" "));
    step("scopes", () => {
      const scopes = built()?.scopes ?? [BIGQUERY_SCOPE];
      const granted = grantedScopes(scopes);
      const missing = scopes.filter((s) => !granted.includes(s));
      const detail = w.granted(granted.join(", ") || w.none, missing.join(", ") || w.none);
      // Only a BigQuery source needs its scope; the rest of the add-on needs every other one.
      if (missing.some((s) => s !== BIGQUERY_SCOPE)) throw new Failed(detail);
      return detail;
    });
    step("formula", () => {
      const cell = tempSheet().getRange(1, 1);
      cell.setFormula(FORMULA);
      SpreadsheetApp.flush();
      let value = cell.getValue();
      // Sheets shows "Loading..." while a custom function runs.
      for (let tries = 0; tries < 40 && (value === "" || value === "Loading..."); tries++) {
        Utilities.sleep(250);
        value = cell.getValue();
      }
      if (value !== FORMULA_VALUE) throw new Failed(w.formulaWrong(FORMULA, String(value)));
      return w.formula(FORMULA, String(value));
    });
    step("report", () => smallReport(insert(`Cohort LTV check data ${stamp}`), w));
    step("bigquery", () => {
      const project = options.billingProject?.trim();
      if (!project) throw new Skipped(w.noProject);
      requireBigQueryConsent();
      bigQueryDryRun(project);
      return w.bigquery(project);
    });
  } finally {
    if (spreadsheet) {
      // Every sheet the check made — the temporary one, the sample data, the report built from it
      // (found by its metadata, even half-written) — goes; a colleague's new sheet stays.
      step("cleanup", () => {
        const report = ownSheets(spreadsheet).own.filter((o) => made.has(o.meta.settings.source.sheetId));
        const mine = [
          ...spreadsheet.getSheets().filter((s) => made.has(s.getSheetId())),
          ...report.map((o) => o.sheet),
        ];
        const left: string[] = [];
        for (const sheet of mine) {
          try {
            spreadsheet.deleteSheet(sheet);
          } catch {
            left.push(`"${sheet.getName()}"`);
          }
        }
        if (activeBefore) activeBefore.activate();
        if (left.length) throw new Failed(w.cleanupFailed(left.join(", ")));
        return w.cleanup(mine.length);
      });
    }
  }
  const counted = lines.filter((l) => l.status !== "skipped");
  const passed = counted.filter((l) => l.status === "ok").length;
  const text = [
    w.title,
    w.passed(passed, counted.length),
    "",
    ...lines.map(
      (l) =>
        `${{ ok: w.ok, failed: w.failed, skipped: w.skipped }[l.status]} — ${w.labels[l.key]}: ${l.detail}${l.ms === undefined ? "" : ` (${w.ms(l.ms)})`}`,
    ),
  ].join("\n");
  return { lines, text, passed };
}

/** A report built from a small seeded sample in a sheet of its own, as the sidebar builds one. */
function smallReport(sheet: GoogleAppsScript.Spreadsheet.Sheet, w: (typeof CHECK_WORDS)["en"]): string {
  const sample = generateSample({ customers: SAMPLE_CUSTOMERS, seed: 7 });
  const rows = sample.purchases.map((p) => [p.customerId, new Date(p.day * 86_400_000), p.amount, p.channel]);
  const table = [["Customer ID", "Order date", "Amount", "Channel"], ...rows];
  sheet.getRange(1, 1, table.length, 4).setValues(table);
  // Step by step, as the sidebar drives a build.
  const runId = `check-${Date.now()}`;
  let result = buildReport(
    {
      source: { sheetId: sheet.getSheetId(), range: `A1:D${table.length}` },
      mapping: { customerId: 0, date: 1, amount: 2 },
      period: "month",
      observationEnd: "",
      margin: "",
      spend: "",
      sheets: ["retention", "summary"],
    },
    runId,
  );
  while (result.ok && !result.done) result = continueBuild(runId);
  if (!result.ok) throw new Failed(result.message);
  return w.report(rows.length, result.sheets?.length ?? 0);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The report as a dialog: one line per step, and a button that copies the plain text. */
function showReport(report: CheckReport): void {
  const w = CHECK_WORDS[userLanguage()];
  const rows = report.lines
    .map(
      (l) =>
        `<tr class="${l.status}"><td>${escapeHtml({ ok: w.ok, failed: w.failed, skipped: w.skipped }[l.status])}</td><td>${escapeHtml(w.labels[l.key])}</td><td>${escapeHtml(l.detail)}</td><td>${l.ms === undefined ? "" : escapeHtml(w.ms(l.ms))}</td></tr>`,
    )
    .join("");
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:8px}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:4px;vertical-align:top}
tr.ok td:first-child{color:#188038}tr.failed td:first-child{color:#d93025;font-weight:bold}tr.skipped td:first-child{color:#5f6368}
textarea{position:absolute;left:-9999px}button{margin-top:10px}</style></head><body>
<p>${escapeHtml(report.text.split("\n")[1])}</p><table>${rows}</table>
<textarea id="text" readonly>${escapeHtml(report.text)}</textarea>
<button id="copy">${escapeHtml(w.copy)}</button> <span id="done" hidden>${escapeHtml(w.copied)}</span>
<script>document.getElementById("copy").onclick=function(){var t=document.getElementById("text");t.select();
var done=function(){document.getElementById("done").hidden=false};
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(t.value).then(done,function(){document.execCommand("copy");done()})}else{document.execCommand("copy");done()}};</script>
</body></html>`;
  const output = HtmlService.createHtmlOutput(html).setWidth(760).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(output, w.title);
}

/** Add-on menu → Check installation: asks for an optional billing project, runs, shows the report. */
export function checkInstallationFromMenu(): void {
  const w = CHECK_WORDS[userLanguage()];
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(w.title, w.askProject, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  showReport(runInstallationCheck({ billingProject: answer.getResponseText() }));
}

/**
 * The same check run from the Apps Script editor (select `checkInstallation`, Run): the report goes to
 * the execution log, and to a dialog in the spreadsheet when the script is bound to one. Run with no
 * argument it skips BigQuery; `checkInstallation("my-project")` (e.g. from a one-line function in the
 * editor) adds the dry run.
 */
export function checkInstallation(billingProject?: string): string {
  const report = runInstallationCheck({
    billingProject: typeof billingProject === "string" ? billingProject : "",
  });
  console.log(report.text);
  try {
    showReport(report);
  } catch {
    // Run from the editor of a script with no spreadsheet UI: the log has the report.
  }
  return report.text;
}
