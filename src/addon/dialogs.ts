/** The dialogs the add-on menu opens: the report sidebar and the formula Help. */
import { HELP_TITLE, helpFileName } from "../sidebar/help/file";
import { userLanguage } from "./context";
import { say } from "./messages";

/**
 * What the server tells the sidebar page before any call: the key of the user who opened it (the
 * page passes it to `checkAccount`, which fails with code "accounts" when calls run as another
 * account), and the message for a call that fails because several Google accounts are signed in:
 * then no server code runs to say it, and google.script.run's failure handler gets a ScriptError
 * reading "…PERMISSION_DENIED" or "Authorization is required to perform that action".
 */
export interface SidebarBoot {
  userKey: string;
  accountsMessage: string;
}

/** Opens the report sidebar, with a {@link SidebarBoot} as `window.cohortLtvBoot`. */
export function showSidebar(): void {
  const boot: SidebarBoot = {
    userKey: Session.getTemporaryActiveUserKey(),
    accountsMessage: say(userLanguage(), "accounts"),
  };
  // `<` escaped: the JSON cannot close the script element.
  const script = `<script>window.cohortLtvBoot=${JSON.stringify(boot).replace(/</g, "\\u003c")}</script>`;
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").append(script).setTitle("Cohort LTV");
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Opens the formula reference in the user's language (also the sidebar's Help link). */
export function showFormulaHelp(): void {
  const language = userLanguage();
  const html = HtmlService.createHtmlOutputFromFile(helpFileName(language)).setWidth(720).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(html, HELP_TITLE[language]);
}
