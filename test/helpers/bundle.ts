/**
 * Loads the shipped `dist/Code.js` the way Apps Script does: its one script file in a fresh global
 * scope whose top-level functions become globals. Tests then call those globals exactly as Sheets
 * would. The HTML files in dist/ are pages (the sidebar, the Help), which the `HtmlService` fake
 * serves with `readDistHtml`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { constants, createContext, runInContext } from "node:vm";
import { type Calls, newCalls, strictFake } from "./fake";

export const distDir = join(import.meta.dirname, "..", "..", "dist");

export function readCode(): string {
  return readFileSync(join(distDir, "Code.js"), "utf8");
}

/** An HTML project file (`Sidebar`, `Help`…) as `createHtmlOutputFromFile(name)` reads it. */
export function readDistHtml(name: string): string {
  return readFileSync(join(distDir, `${name}.html`), "utf8");
}

// biome-ignore lint/suspicious/noExplicitAny: the globals of a script are untyped by nature.
export type ScriptGlobals = Record<string, any>;

/**
 * Runs every script file of `dist/` (today only Code.js) in one global scope, with the given services
 * as globals. The global is a plain V8 one (`DONT_CONTEXTIFY`), not Node's contextified kind, which
 * answers every global lookup (`Math`, `Array`, `Date`…) through an interceptor, about 0.2 µs each: a
 * Node-only cost that made reading 700,000 rows take seconds more (Node's commit 2d90340: vanilla
 * contexts "speed up the global access").
 */
export function loadBundle(services: Record<string, unknown> = {}): ScriptGlobals {
  const context = Object.assign(createContext(constants.DONT_CONTEXTIFY), { console, ...services });
  for (const file of readdirSync(distDir)
    .filter((f) => f.endsWith(".js"))
    .sort()) {
    runInContext(readFileSync(join(distDir, file), "utf8"), context, { filename: file });
  }
  return context as ScriptGlobals;
}

/** A spreadsheet as custom functions see it: only its locale and time zone. */
export function customFunctionServices(
  locale = "en_US",
  timeZone = "America/New_York",
  calls: Calls = newCalls(),
) {
  const spreadsheet = strictFake<GoogleAppsScript.Spreadsheet.Spreadsheet>(
    "Spreadsheet",
    { getSpreadsheetLocale: () => locale, getSpreadsheetTimeZone: () => timeZone },
    calls,
  );
  const app = strictFake<GoogleAppsScript.Spreadsheet.SpreadsheetApp>(
    "SpreadsheetApp",
    { getActiveSpreadsheet: () => spreadsheet },
    calls,
  );
  return { SpreadsheetApp: app };
}
