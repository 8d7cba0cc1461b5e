/**
 * Errors the user reads. An {@link AddonError} carries a code (what kind of problem, for the
 * sidebar's layout) and a {@link Message} said in the reader's language when it reaches them; the
 * core's data errors become messages too. A data problem is said once, as a data problem; only an
 * unexpected failure says that something unexpected happened.
 */
import type { Language } from "../core/language";
import { dataMessage } from "./data-errors";
import { type Message, quote, say } from "./messages";

export type ErrorCode =
  | "busy"
  | "no-lock"
  | "no-selection"
  | "own-sheet"
  | "source-missing"
  | "data"
  | "input"
  | "no-reports"
  | "accounts"
  | "bigquery"
  | "consent"
  | "too-big"
  | "in-the-way"
  | "no-job"
  | "not-approved"
  | "internal";

/** The input fields a problem can be shown under. */
export type InputField = "margin" | "observationEnd" | "spend" | "calibrationEnd" | "campaignMap";

/** Problems per field, in the user's language, to show under each field. */
export type InputProblems = Partial<Record<InputField, string>>;

export class AddonError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly said: Message,
    readonly problems?: Partial<Record<InputField, Message>>,
  ) {
    super(said.key);
    this.name = "AddonError";
  }
}

/**
 * What a failed server call returns: a complete message in the user's language (show it as it is),
 * never a stack trace.
 */
export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /**
   * With code "input": the message for each field that is wrong, to show under the field (then
   * `message`, the first of them, is for places without fields, such as the menu's alerts).
   */
  problems?: InputProblems;
  /**
   * With code "consent": the page where the user grants the missing permission, which `message`
   * names; the sidebar shows that part of the message as a link. Only an https address on a Google
   * host ({@link grantLink}), never anything else from a message.
   */
  link?: string;
}

/**
 * The authorization page Apps Script gave (AuthorizationInfo.getAuthorizationUrl, "the authorization
 * URL that can be used to grant access to the script":
 * https://developers.google.com/apps-script/reference/script/authorization-info), if it is an https
 * address on google.com or a subdomain, without spaces, quotes or angle brackets; else undefined.
 */
export function grantLink(url: string): string | undefined {
  return /^https:\/\/([a-z0-9-]+\.)*google\.com(\/[^\s"'<>\\]*)?$/i.test(url) ? url : undefined;
}

/** The words of a message, in `language`. */
export function words(language: Language, message: Message): string {
  return say(language, message.key, message.params as never);
}

/** The message for anything thrown: ours, a data error from the core, else an unexpected failure. */
export function messageOf(error: unknown): {
  code: ErrorCode;
  said: Message;
  problems?: Partial<Record<InputField, Message>>;
} {
  if (error instanceof AddonError) return error;
  const data = dataMessage(error);
  if (data) return { code: "data", said: data };
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: "internal", said: { key: "internal", params: { detail: quote(detail) } } };
}

/** Each field's problem in `language`. */
export function problemWords(
  language: Language,
  problems: Partial<Record<InputField, Message>>,
): InputProblems {
  const out: InputProblems = {};
  for (const [field, said] of Object.entries(problems)) out[field as InputField] = words(language, said);
  return out;
}

export function failure(error: unknown, language: Language): Failure {
  const { code, said, problems } = messageOf(error);
  const result: Failure = { ok: false, code, message: words(language, said) };
  if (problems) result.problems = problemWords(language, problems);
  const link = said.key === "bqConsent" && said.params ? grantLink(said.params.url) : undefined;
  if (link) result.link = link;
  return result;
}
