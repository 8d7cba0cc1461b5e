/**
 * The campaign map: a small table a user keeps with the report, one rule per row, campaign pattern →
 * channel, that turns an ad platform's campaigns into the data's channels. A pattern matches a
 * campaign name, both trimmed and case-folded, when the name contains it; `*` stands for any text
 * and then the whole name must match ("brand*" matches "Brand – Search", not "Non-brand"). The first
 * rule that matches wins, so specific rules go above general ones. A campaign no rule matches keeps
 * its name as its channel, and is named with its spend wherever unmatched spend is.
 */
import { type Cell, isBlank, Where } from "../cells";
import { foldHeader } from "../columns";

export interface CampaignRule {
  pattern: string;
  channel: string;
}

const HEADER_WORDS = new Set(
  [
    "campaign",
    "campaign pattern",
    "pattern",
    "campaign name",
    "channel",
    "캠페인",
    "패턴",
    "채널",
    "кампания",
    "шаблон",
    "канал",
    "kampagne",
    "kanal",
    "campagne",
    "canal",
    "campana",
    "campanha",
  ].map(foldHeader),
);

/**
 * Reads a campaign map (pattern, channel), a header row skipped when it names those columns. A row
 * with a pattern but no channel, or a channel but no pattern, is an error naming its row.
 * @example readCampaignMap([["Campaign", "Channel"], ["brand*", "Paid Search"]])
 *   // [{ pattern: "brand*", channel: "Paid Search" }]
 */
export function readCampaignMap(table: readonly Cell[][], label = "Campaign map"): CampaignRule[] {
  const header =
    table.length > 0 && table[0].some((c) => typeof c === "string" && HEADER_WORDS.has(foldHeader(c)));
  // A column is named by its header when it has one, as a transactions column is ('channel column "Kanal"').
  const names = (["campaign pattern", "channel"] as const).map((name, column) => {
    const written = header ? String(table[0][column] ?? "").trim() : "";
    return written ? `${name} column "${written}"` : name;
  });
  const rules: CampaignRule[] = [];
  for (let i = header ? 1 : 0; i < table.length; i++) {
    const [pattern, channel] = table[i];
    if (isBlank(pattern) && isBlank(channel)) continue;
    const where = (column: 1 | 2) => new Where(label, names[column - 1]).at(i + 1, column, true);
    if (isBlank(pattern))
      throw where(1).error("is blank — expected a campaign name or pattern such as brand*");
    if (isBlank(channel)) throw where(2).error("is blank — expected the channel its campaigns count for");
    rules.push({ pattern: String(pattern).trim(), channel: String(channel).trim() });
  }
  return rules;
}

/** Lower case, accents kept: campaign names are matched as written, only case and spaces aside. */
const fold = (text: string) => text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");

function matcher(pattern: string): (name: string) => boolean {
  const p = fold(pattern);
  if (!p.includes("*")) return (name) => name.includes(p);
  const glob = new RegExp(
    `^${p
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "su",
  );
  return (name) => glob.test(name);
}

/** The channel of each campaign by the first rule that matches it; undefined when none does. */
export function campaignChannels(rules: readonly CampaignRule[]): (campaign: string) => string | undefined {
  const tests = rules.map((rule) => ({ test: matcher(rule.pattern), channel: rule.channel }));
  return (campaign) => {
    const name = fold(campaign);
    return tests.find((t) => t.test(name))?.channel;
  };
}
