/**
 * The add-on menu. `onOpen` runs in AuthMode.NONE for an add-on that is installed but not yet used
 * in this document, so it only builds the menu and touches no data: it names the functions its items
 * run and imports nothing.
 */

/** Adds the add-on menu when the spreadsheet opens. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Build report…", "showSidebar")
    .addItem("Refresh reports", "refreshReportsFromMenu")
    .addItem("Formula help", "showFormulaHelp")
    .addItem("Check installation", "checkInstallationFromMenu")
    .addToUi();
}

/** Runs when a user installs the add-on from inside a spreadsheet: show the menu at once. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
