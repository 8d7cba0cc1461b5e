/**
 * Numbers typed or pasted as text, read strictly: the text is a number only if all of it reads as
 * one in the spreadsheet's locale, so "Q1 2024", "No. 5" or "5 apples" are never read as 12024, 0.5
 * or 5, and a minus sign written as an en dash or after the digits is never dropped.
 */

/** Separators of a locale, as `Intl.NumberFormat` writes them. */
export interface NumberLocale {
  tag: string;
  decimal: string;
  group: string;
  /** Whether the locale groups digits the Indian way, `12,34,567` (lakh and crore). */
  indian: boolean;
}

const localeCache = new Map<string, NumberLocale>();

/** Sheets names locales like `ru_RU`; Intl wants `ru-RU`. Unknown tags fall back to `en-US`. */
export function numberLocale(sheetsLocale = "en_US"): NumberLocale {
  const cached = localeCache.get(sheetsLocale);
  if (cached) return cached;
  let tag = sheetsLocale.replace(/_/g, "-");
  try {
    tag = Intl.getCanonicalLocales(tag)[0] ?? "en-US";
  } catch {
    tag = "en-US";
  }
  // Latin digits: Sheets and CSV exports write 0–9 whatever the locale's native digits.
  const format = new Intl.NumberFormat(tag, { numberingSystem: "latn" });
  const parts = format.formatToParts(12345.6);
  const result: NumberLocale = {
    tag,
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    indian: /^\d\d\D\d\d\D\d{3}$/.test(format.format(1234567)),
  };
  localeCache.set(sheetsLocale, result);
  return result;
}

// Minus signs: hyphen-minus, figure dash, en dash, minus sign, small and full-width hyphen-minus
// (the full-width one arrives as "-" after FULL_WIDTH below); and the plus sign.
const SIGN = "[-+\u2012\u2013\u2212\ufe63]";
// A currency: a symbol (with the letters of "US$", "R$"), an ISO code, or a word written after amounts.
const CURRENCY = "[A-Z]{1,3}\\$|\\p{Sc}|[A-Za-z]{3}|(?:руб|р|грн|лв|kr|zł|kč|ft|rs|lei)\\.?|원|円|元";
const AFFIX = new RegExp(`^\\s*(?:(\\()|(\\))|(${SIGN})|(%)|(${CURRENCY}))`, "iu");
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const BIDI_MARKS = /[\u061c\u200e\u200f]/g;
const UNUSUAL = /[\uff01-\uff5e\u061c\u200e\u200f]/;
// Spaces that group digits: space, no-break space, narrow no-break space, thin space.
const SPACE_MARKS = " \u00a0\u202f\u2009";
const PLAIN = /^-?\d+(\.\d+)?$/;
const SCIENTIFIC = /^(\d+)(?:[.,](\d+))?e([-+]?\d+)$/i;

/** Longer text is not a number (whatever it holds, it was not typed as one). */
export const MAX_NUMBER_TEXT = 100;

let isoCodes: Set<string> | undefined;
/** ISO 4217 codes where the runtime lists them (Node, V8); elsewhere any three letters are a code. */
function isCurrencyCode(code: string): boolean {
  if (typeof Intl.supportedValuesOf !== "function") return true;
  isoCodes ??= new Set(Intl.supportedValuesOf("currency"));
  return isoCodes.has(code.toUpperCase());
}

/**
 * Reads a number a person typed or pasted, or returns `undefined` when not all of the text is one.
 *
 * Around the digits, in any order and each at most once: a sign — `-`, `+`, an en dash `–`, figure
 * dash `‒`, minus `−`, full-width `－` or small `﹣` minus — before or after the digits (`5-` is −5),
 * or accounting parentheses `(5)` instead of a sign; one currency (a symbol such as `$ € ₩ ₽ ₹ R$`,
 * an ISO code such as `USD`, or `руб.`, `원`, `円`…) before or after; or a `%`, which divides by 100.
 * Full-width characters (`１２３`) read as their ASCII forms.
 *
 * The digits: the decimal mark is `.` or `,` — the last of the two when both appear, else the one
 * mark used once unless it is the locale's group separator followed by exactly three digits
 * (`1,234` is 1234 in en_US and 1.234 in de_DE). Group separators must make valid groups: 1–3
 * digits, then groups of exactly 3 (`1,234,567`), or in a locale that groups the Indian way
 * (en_IN) also 1–2 digits, then groups of 2, then a last group of 3 (`1,23,456.78`). Spaces (also
 * no-break and narrow no-break) and apostrophes group digits only in locales whose separator they
 * are (fr_FR, ru_RU; de_CH). Scientific notation (`1e3`) is read; a non-finite result is not a number.
 *
 * @example parseNumberText("1 234,50 ₽", numberLocale("ru_RU")) // 1234.5
 * @example parseNumberText("1.234,50-", numberLocale("de_DE")) // -1234.5
 */
export function parseNumberText(text: string, locale: NumberLocale): number | undefined {
  if (PLAIN.test(text) && (locale.group !== "." || !text.includes("."))) return finite(Number(text) + 0);
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  const s = UNUSUAL.test(text)
    ? text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(BIDI_MARKS, "")
    : text;
  // The digits run from the first digit (or a decimal mark just before it) to the last one.
  let start = s.search(/\d/);
  if (start < 0) return undefined;
  if (start > 0 && (s[start - 1] === "." || s[start - 1] === ",")) start--;
  let end = s.length;
  while (!/\d/.test(s[end - 1])) end--;
  const affixes = { negative: false, signs: 0, open: 0, close: 0, percents: 0, currencies: 0 };
  if (!readAffixes(s.slice(0, start), true, affixes) || !readAffixes(s.slice(end), false, affixes)) return;
  const { negative, signs, open, close, percents, currencies } = affixes;
  if (open !== close || signs + open > 1 || percents + currencies > 1) return undefined;
  const value = readDigits(s.slice(start, end), locale);
  if (value === undefined) return undefined;
  const signed = (negative || open ? -value : value) + 0; // "+ 0": "-0" and "(0.00)" are zero
  // Dividing by 100 in decimal: 12.3% is 0.123 exactly as typed, not 0.12300000000000001.
  return percents ? Number((signed / 100).toPrecision(15)) : signed;
}

/** Counts the signs, parentheses, percents and currencies before or after the digits; false for anything else. */
function readAffixes(
  text: string,
  before: boolean,
  found: {
    negative: boolean;
    signs: number;
    open: number;
    close: number;
    percents: number;
    currencies: number;
  },
): boolean {
  let s = text;
  for (let m = AFFIX.exec(s); m; m = AFFIX.exec(s)) {
    s = s.slice(m[0].length);
    // "(" only opens before the digits and ")" only closes after them.
    if ((m[1] && !before) || (m[2] && before)) return false;
    if (m[1]) found.open++;
    else if (m[2]) found.close++;
    else if (m[3]) {
      found.signs++;
      found.negative = m[3] !== "+";
    } else if (m[4]) found.percents++;
    else if (/^[a-z]{3}$/i.test(m[5]) && !/^lei$/i.test(m[5]) && !isCurrencyCode(m[5])) return false;
    else found.currencies++;
  }
  return !s.trim();
}

/** The unsigned number of the digits and separators left once the affixes are gone. */
function readDigits(digits: string, locale: NumberLocale): number | undefined {
  const scientific = SCIENTIFIC.exec(digits);
  if (scientific) return finite(Number(`${scientific[1]}.${scientific[2] ?? ""}e${scientific[3]}`));
  let dots = 0;
  let commas = 0;
  let spaces = 0;
  let apostrophes = 0;
  for (let i = 0; i < digits.length; i++) {
    const code = digits.charCodeAt(i);
    if (code >= 48 && code <= 57) continue;
    const c = digits[i];
    if (c === ".") dots++;
    else if (c === ",") commas++;
    else if (SPACE_MARKS.includes(c)) spaces++;
    else if (c === "'" || c === "’") apostrophes++;
    else return undefined;
  }
  let s = digits;
  let group: string | undefined;
  if (spaces || apostrophes) {
    // Spaces and apostrophes group digits only where the locale's separator is one of them.
    if (spaces && apostrophes) return undefined;
    if (!(spaces ? SPACE_MARKS : "'’").includes(locale.group)) return undefined;
    group = " ";
    s = s.replace(/[ \u00a0\u202f\u2009'’]/g, " ");
  }
  let decimal: string | undefined;
  if (group) {
    if (dots + commas > 1) return undefined;
    decimal = dots ? "." : commas ? "," : undefined;
  } else if (dots && commas) {
    decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    group = decimal === "." ? "," : ".";
  } else if (dots + commas === 1) {
    const mark = dots ? "." : ",";
    if (mark === locale.group && /^[1-9]\d{0,2}[.,]\d{3}$/.test(s)) group = mark;
    else decimal = mark;
  } else if (dots + commas > 1) {
    group = dots ? "." : ",";
  }
  const point = decimal ? s.lastIndexOf(decimal) : s.length;
  const whole = s.slice(0, point);
  const fraction = s.slice(point + 1);
  if (!/^\d*$/.test(fraction) || !validGroups(whole, group, locale)) return undefined;
  return finite(Number(`${group ? whole.split(group).join("") : whole || "0"}.${fraction}`));
}

/**
 * Digit groups of the whole part: `1,234,567`, or `12,34,567` where the locale groups the Indian way;
 * no leading zero and nothing but digits and the group mark. One pass, no arrays: rows of money text
 * are read by the million.
 */
function validGroups(whole: string, group: string | undefined, locale: NumberLocale): boolean {
  let groups = 1;
  let first = -1;
  let run = 0;
  let western = true;
  let indian = locale.indian;
  for (let i = 0; i < whole.length; i++) {
    const c = whole.charCodeAt(i);
    if (c >= 48 && c <= 57) run++;
    else if (whole[i] !== group) return false;
    else {
      if (first < 0) first = run;
      else {
        western &&= run === 3;
        indian &&= run === 2;
      }
      groups++;
      run = 0;
    }
  }
  if (groups === 1) return true;
  return (
    whole[0] !== "0" &&
    run === 3 &&
    ((western && first >= 1 && first <= 3) || (indian && first >= 1 && first <= 2))
  );
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}
