/**
 * The sidebar's checks of what a user types, run as they type and again before a build: each gives
 * the value to send, or the words to show under the field. The server checks again; these exist so
 * that `abc` in the margin is never quietly dropped and a typo is named where it was made.
 */
import type { Key } from "./i18n";

export type Checked<T> =
  | { ok: true; value: T }
  | { ok: false; problem: Key; values?: Record<string, string> };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const problem = <T>(key: Key, values?: Record<string, string>): Checked<T> => ({
  ok: false,
  problem: key,
  values,
});

/**
 * Gross margin typed in percent — `40`, `40.5`, `40,5` (a decimal comma, as ko/ru and many locales
 * write it), `40 %` — as a fraction; blank is no margin. At most two decimals, so `1,000` (a
 * thousands comma) is not read as 1 %.
 */
export function checkMarginPercent(text: string): Checked<number | null> {
  const s = text.trim().replace(/\s*%$/, "");
  if (!s) return ok(null);
  if (!/^\d{1,3}(?:[.,]\d{1,2})?$/.test(s)) return problem("marginNotNumber");
  const percent = Number(s.replace(",", "."));
  if (!(percent > 0 && percent <= 100)) return problem("marginRange");
  return ok(Math.round(percent * 100) / 10_000);
}

/** A range as Sheets writes one: `Spend!A1:C13`, `'Ad spend'!A:C`, `A1:C13`; blank is none. */
export function checkRange(text: string): Checked<string> {
  const s = text.trim();
  if (!s) return ok("");
  const bang = s.lastIndexOf("!");
  const sheet = bang < 0 ? "" : s.slice(0, bang);
  const cells = bang < 0 ? s : s.slice(bang + 1);
  const sheetOk = bang < 0 || /^'(?:[^']|'')+'$/.test(sheet) || /^[^'!]+$/.test(sheet);
  if (!sheetOk || !/^\$?[A-Z]{1,3}\$?\d*(?::\$?[A-Z]{1,3}\$?\d*)?$/i.test(cells)) return problem("notRange");
  return ok(s);
}

/**
 * The date to count data up to, from a date field (`yyyy-mm-dd`, or "" when blank or half typed);
 * blank is the last date in the data. Before the data's first date nothing would be counted.
 */
export function checkObservationEnd(
  value: string,
  halfTyped: boolean,
  data?: { first: string; last: string },
): Checked<string | null> {
  if (halfTyped) return problem("endNotDate");
  if (!value) return ok(null);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return problem("endNotDate");
  if (data && value < data.first) return problem("endBeforeData", { first: data.first });
  return ok(value);
}
