/**
 * Granular consent: a user may grant the spreadsheet's scopes and not BigQuery's (the consent screen
 * lets them untick any scope; Apps Script asks scripts to handle that with
 * `ScriptApp.getAuthorizationInfo(authMode, oAuthScopes)` and `ScriptApp.requireScopes(authMode,
 * oAuthScopes)`: https://developers.google.com/apps-script/reference/script/script-app,
 * https://developers.google.com/apps-script/reference/script/authorization-info — "Some script
 * executions can start without a user's consent to all required scopes … control access to sections
 * of code that require certain scopes and request authorization of those scopes"). Only a BigQuery
 * source needs its scope; sheets, formulas, Help and refreshes of sheet reports run without it.
 */
import { AddonError } from "./errors";

/**
 * The one scope every BigQuery method the add-on calls accepts and the narrowest of them: in the
 * BigQuery v2 discovery document, `jobs.query`, `jobs.getQueryResults`, `tables.get` and `tables.list`
 * (a GA4 export's days) list only `bigquery`, `cloud-platform` and `cloud-platform.read-only`, and
 * the read-only one is accepted by no method that changes anything
 * (test/fixtures/scopes/bigquery-v2.json, test/addon/scopes.test.ts).
 */
export const BIGQUERY_SCOPE = "https://www.googleapis.com/auth/cloud-platform.read-only";

/** The reference's `getAuthorizationInfo(authMode, oAuthScopes)` and `getAuthorizedScopes()`, newer than @types/google-apps-script. */
interface ScopedAuthorizationInfo extends GoogleAppsScript.Script.AuthorizationInfo {
  getAuthorizedScopes(): string[] | null;
}
type ScopedScriptApp = GoogleAppsScript.Script.ScriptApp & {
  getAuthorizationInfo(
    authMode: GoogleAppsScript.Script.AuthMode,
    oAuthScopes: string[],
  ): ScopedAuthorizationInfo;
};

function authorization(scopes: string[]): ScopedAuthorizationInfo {
  const app = ScriptApp as ScopedScriptApp;
  return app.getAuthorizationInfo(app.AuthMode.FULL, scopes);
}

/** Which of `scopes` the user has granted this script. */
export function grantedScopes(scopes: string[]): string[] {
  const granted = authorization(scopes).getAuthorizedScopes() ?? [];
  return scopes.filter((s) => granted.includes(s));
}

export function bigQueryGranted(): boolean {
  return grantedScopes([BIGQUERY_SCOPE]).length === 1;
}

/** The refusal to run a BigQuery call without its scope, with the page where the user grants it. */
export function consentError(): AddonError {
  const url = authorization([BIGQUERY_SCOPE]).getAuthorizationUrl() ?? "";
  return new AddonError("consent", { key: "bqConsent", params: { url } });
}

/**
 * Before any BigQuery call from the sidebar (google.script.run): without the scope, a message with the
 * authorization URL (AuthorizationInfo.getAuthorizationUrl), instead of BigQuery's 403.
 */
export function checkBigQueryConsent(): void {
  if (!bigQueryGranted()) throw consentError();
}

/**
 * From a menu item (an execution the user started in the spreadsheet): Apps Script's own prompt.
 * `requireScopes` ends the execution and asks for the missing scope when it is not granted.
 */
export function requireBigQueryConsent(): void {
  const app = ScriptApp as ScopedScriptApp;
  if (!bigQueryGranted()) app.requireScopes(app.AuthMode.FULL, [BIGQUERY_SCOPE]);
}
