/**
 * The add-on menu and the dialogs it opens. `onOpen` runs in AuthMode.NONE for an add-on that is
 * installed but not yet used in this document, so it only builds the menu and touches no data.
 */
import { languageOfLocale } from "../core/language";
import { HELP_TITLE, helpFileName } from "../sidebar/help/file";

/** Adds the add-on menu when the spreadsheet opens. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Build report…", "showSidebar")
    .addItem("Refresh reports", "refreshReportsFromMenu")
    .addItem("Formula help", "showFormulaHelp")
    .addToUi();
}

/** Runs when a user installs the add-on from inside a spreadsheet: show the menu at once. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Opens the report sidebar. */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("Cohort LTV");
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Opens the formula reference in the user's language (also the sidebar's Help link). */
export function showFormulaHelp(): void {
  const language = languageOfLocale(Session.getActiveUserLocale());
  const html = HtmlService.createHtmlOutputFromFile(helpFileName(language)).setWidth(720).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(html, HELP_TITLE[language]);
}
