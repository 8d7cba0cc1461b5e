/**
 * English left in a Korean or Russian text: the runs of Latin letters that are neither the user's
 * own data nor one of the few tokens every language writes the same way.
 */

/**
 * Tokens a Korean or Russian text keeps in Latin letters, each for a reason:
 * - metric and model names users know in Latin letters in every language (the catalogues write them
 *   so): LTV, CAC, CLV, MRR…, Quick ratio, SaaS, BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, RFM;
 * - product and service names: Google, Sheets, Apps Script, BigQuery, GA4, DuckDB, Excel, Google Ads,
 *   Meta;
 * - "English", the language picker's name of English, written as English writes it;
 * - the catalogues' example campaign rule "brand* → Paid Search" (a pattern and a channel as ad
 *   platforms name them);
 * - the models' parameter names, as the parameter tables and the formulas name them (r, alpha, a, b,
 *   s, beta, p, q, gamma, delta);
 * - names the user types or reads elsewhere in Latin letters (see {@link ADDRESSES} and {@link NAMES}): the custom functions
 *   (=LTV(), BGNBD_PARAMS…), A1 ranges, web addresses, the command line's options with the values
 *   the texts suggest (--engine js), and the GA4 export's field names (user_id,
 *   ecommerce.transaction_id, traffic_source.source / medium: "medium" is the field's own name);
 * - ISO currency codes (USD, KRW, RUB, EUR);
 * - the sources the notes cite, as they spell themselves (Fader, Hardie & Lee 2005; ChartMogul);
 * - "vs", which Korean writes in Latin letters ("실제 vs 예측").
 */
const ALLOWED = new Set([
  ...["LTV", "CAC", "CLV", "MRR", "ARR", "ARPA", "NRR", "GRR", "ID", "RFM", "CSV", "SaaS"],
  ...["BG", "NBD", "MBG", "Pareto", "Gamma", "BB"],
  ...["Google", "Sheets", "Apps", "Script", "BigQuery", "GA", "DuckDB", "Excel", "Ads", "Meta"],
  ...["English", "brand", "Paid", "Search"],
  "medium",
  ...["alpha", "beta", "gamma", "delta"],
  ...["USD", "KRW", "RUB", "EUR"],
  ...["Fader", "Hardie", "Lee", "ChartMogul"],
  "vs",
]);

/**
 * Web addresses, command-line options with the values the texts suggest (--engine js), and the
 * metric names of two words ("Quick ratio").
 */
const ADDRESSES = new RegExp(
  [
    String.raw`https?://\S+`,
    String.raw`\bQuick ratio\b`,
    String.raw`--[a-z0-9-]+(?: (?:js|duckdb|channel-group|source-medium|auto|local|usd)\b)?`,
  ].join("|"),
  "g",
);

/**
 * Function names (BGNBD_PARAMS), A1 references (B2, Spend!A1:C13) and field names with an underscore
 * or a dot (user_id, ecommerce.transaction_id).
 */
const NAMES = new RegExp(
  [
    String.raw`\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b`,
    String.raw`\b[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?\b`,
    String.raw`\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b`,
  ].join("|"),
  "g",
);

/** The runs of two or more Latin letters in `text` that are not allowed, after the user's `data` is taken out. */
export function latinLeft(text: string, data: ReadonlySet<string> = new Set()): string[] {
  let rest = text.replace(ADDRESSES, " ");
  // Then the data (before the names: a path holds some), longest first (a header "Order date"
  // before a word inside it).
  for (const value of [...data].sort((a, b) => b.length - a.length))
    if (value.length > 1) rest = rest.split(value).join(" ");
  rest = rest.replace(NAMES, " ");
  const runs = rest.match(/[A-Za-z]{2,}/g) ?? [];
  const left = runs.filter((run) => !ALLOWED.has(run));
  return left.length ? [`${left.join(" ")}  ⟵  ${text.slice(0, 300)}`] : [];
}
