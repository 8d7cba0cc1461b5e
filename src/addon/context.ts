/**
 * The spreadsheet's locale and time zone for reading cells. Custom functions may call read-only
 * Spreadsheet methods; outside Apps Script (Node tests, the CLI) there is no spreadsheet, so the
 * defaults apply. Read once per script execution: Sheets may evaluate many cells in one.
 */
import { type SheetContext, sheetContext } from "../core/cells";
import { type Language, languageOfLocale } from "../core/language";

let cached: SheetContext | undefined;

export function currentSheetContext(): SheetContext {
  if (cached) return cached;
  let locale = "en_US";
  let timeZone = "UTC";
  if (typeof SpreadsheetApp !== "undefined") {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    if (spreadsheet) {
      locale = spreadsheet.getSpreadsheetLocale() || locale;
      timeZone = spreadsheet.getSpreadsheetTimeZone() || timeZone;
    }
  }
  cached = sheetContext(locale, timeZone);
  return cached;
}

/** Forgets the cached context (tests switch spreadsheets between calls). */
export function resetSheetContext(): void {
  cached = undefined;
}

/** The language of the user running the script: the sidebar's and every message's. */
export function userLanguage(): Language {
  return languageOfLocale(Session.getActiveUserLocale());
}
