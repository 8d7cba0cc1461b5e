/**
 * English left in a Korean or Russian text: the runs of Latin letters that are neither the user's
 * own data nor one of the few tokens every language writes the same way.
 */

/**
 * Tokens a Korean or Russian text keeps in Latin letters, each for a reason:
 * - metric and model names users know in Latin letters in every language (the catalogues write them
 *   so): LTV, CAC, CLV, MRR…, BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, RFM;
 * - product and service names: Google, Sheets, Apps Script, BigQuery, GA4, Excel;
 * - the models' parameter names, as the parameter tables and the formulas name them (r, alpha, a, b,
 *   s, beta, p, q, gamma, delta);
 * - names the user types or reads elsewhere in Latin letters: the custom functions (=LTV(),
 *   BGNBD_PARAMS…), A1 ranges and the example campaign pattern of the catalogues;
 * - ISO currency codes (USD, KRW, RUB, EUR);
 * - the authors of the papers the notes cite, as the papers spell them (Fader, Hardie & Lee 2005);
 * - "vs", which Korean writes in Latin letters ("실제 vs 예측").
 */
const ALLOWED = new Set([
  ...["LTV", "CAC", "CLV", "MRR", "ARR", "ARPA", "NRR", "GRR", "ID", "RFM", "CSV"],
  ...["BG", "NBD", "MBG", "Pareto", "Gamma", "BB"],
  ...["Google", "Sheets", "Apps", "Script", "BigQuery", "GA", "Excel"],
  ...["alpha", "beta", "gamma", "delta"],
  ...["USD", "KRW", "RUB", "EUR"],
  ...["Fader", "Hardie", "Lee"],
  "vs",
]);

/** Function names (=LTV, BGNBD_PARAMS), A1 references (B2, Spend!A1:C13) and web addresses. */
const NAMES = /https?:\/\/\S+|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?\b/g;

/** The runs of two or more Latin letters in `text` that are not allowed, after the user's `data` is taken out. */
export function latinLeft(text: string, data: ReadonlySet<string> = new Set()): string[] {
  let rest = text.replace(NAMES, " ");
  // Longest first, so a header ("Order date") goes before a word inside it.
  for (const value of [...data].sort((a, b) => b.length - a.length))
    if (value.length > 1) rest = rest.split(value).join(" ");
  const runs = rest.match(/[A-Za-z]{2,}/g) ?? [];
  const left = runs.filter((run) => !ALLOWED.has(run));
  return left.length ? [`${left.join(" ")}  ⟵  ${text.slice(0, 300)}`] : [];
}
