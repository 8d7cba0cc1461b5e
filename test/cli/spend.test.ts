/**
 * The command line's spend table: read by header in any order, channels matched whatever their
 * spelling with the unmatched ones printed, Google Ads and Meta exports with --campaign-map, the
 * left-censored first cohort and --skip-first-period; and the real UCI exports when ../shared/data is there.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "cohort-spend-"));
const cli = (...args: string[]) => runCli(dir, ...args);
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "spend");
const fixture = (name: string) => join(FIXTURES, name);
const out = (name: string) => ["--out", join(dir, `${name}.xlsx`)];

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The printed value of one summary line. */
const line = (stdout: string, label: string) => new RegExp(`^ {2}${label} +(.+)$`, "m").exec(stdout)?.[1];

const HAND = readFileSync(fixture("hand-typed.csv"), "utf8");

describe("npm start -- orders.csv --spend …", () => {
  it("reads Channel,Month,Spend by header and names spend whose channel matches none of the data's", () => {
    const typed = cli(fixture("orders.csv"), "--spend", fixture("hand-typed.csv"), ...out("typed"));
    expect(typed.stderr).toBe("");
    expect(typed.code).toBe(0);
    expect(typed.stdout).toContain('period = "Month", spend = "Spend", channel = "Channel"');
    const other = cli(
      fixture("orders.csv"),
      "--spend",
      file("other.csv", HAND.replaceAll("Paid Search", " paid SEARCH").replaceAll("Social", "Facebook Ads")),
      ...out("other"),
    );
    expect(other.code).toBe(0);
    expect(line(other.stdout, "Blended CAC")).toBe(line(typed.stdout, "Blended CAC"));
    expect(other.stdout).toContain("Spend matched to no channel (counted in the blended CAC only):");
    expect(other.stdout).toContain("    Facebook Ads: $3,651 — no channel of the data has this name");
    expect(other.stdout).toContain("  Channels without spend: Social\n");
    // The same in DuckDB: one reading of the spend table for every engine.
    const duck = cli(
      fixture("orders.csv"),
      "--engine",
      "duckdb",
      "--spend",
      join(dir, "other.csv"),
      ...out("duck"),
    );
    expect(duck.stderr).toBe("");
    expect(line(duck.stdout, "Blended CAC")).toBe(line(typed.stdout, "Blended CAC"));
    expect(duck.stdout).toContain("    Facebook Ads: $3,651 — no channel of the data has this name");
  });

  it("reads a Google Ads export with --campaign-map as the hand-typed table of the same spend", () => {
    const typed = cli(
      fixture("orders.csv"),
      "--spend",
      file(
        "search.csv",
        HAND.split("\n")
          .filter((l) => !l.startsWith("Social"))
          .join("\n"),
      ),
      ...out("search"),
    );
    // Google Ads' export by day, and the same spend by month as it saves it in UTF-16: tab-separated
    // under a title line and a date range with a comma.
    for (const [name, spendFile] of [
      ["google", "google-ads-campaigns.csv"],
      ["google-utf16", "google-ads-campaigns-utf16.csv"],
    ]) {
      const google = cli(
        fixture("orders.csv"),
        "--spend",
        fixture(spendFile),
        "--campaign-map",
        fixture("campaign-map.csv"),
        ...out(name),
      );
      expect(google.stderr, name).toBe("");
      expect(google.code, name).toBe(0);
      expect(line(google.stdout, "Blended CAC"), name).toBe(line(typed.stdout, "Blended CAC"));
      expect(google.stdout).toContain("campaigns → channels by the campaign map (3 rules): 2 campaigns");
      expect(google.stdout).toContain("2 total rows skipped");
    }
  });

  it("stops on a spend table without a header whose values leave doubt, naming the row and column", () => {
    const run = cli(
      fixture("orders.csv"),
      "--spend",
      file("doubt.csv", "Search,2024-03-01,100\n"),
      ...out("doubt"),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'doubt.csv: Spend table: no header row names its columns (e.g. Month, Channel, Spend), and read by position (period start, spend, channel) row 1 has "Search" in column 1, not a date',
    );
    const map = cli(
      fixture("orders.csv"),
      "--spend",
      fixture("google-ads-campaigns.csv"),
      "--campaign-map",
      file("map.csv", "Campaign,Channel\n*search*,Paid Search\nbrand*,\n"),
      ...out("map"),
    );
    expect(map.code).toBe(1);
    expect(map.stderr).toContain(
      `map.csv, line 3: Campaign map: channel column "Channel" is blank — expected the channel its campaigns count for`,
    );
    const usage = cli(fixture("orders.csv"), "--campaign-map", fixture("campaign-map.csv"));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(
      "--campaign-map maps the spend table's campaigns: give --spend spend.csv with it",
    );
  });
});

const EXPORTS = join(import.meta.dirname, "..", "..", "..", "shared", "data", "exports");
const haveExports = existsSync(join(EXPORTS, "online_retail_invoices_channels.csv"));
if (!haveExports)
  console.log(`skipped: the real-export CLI checks need ${EXPORTS} (../shared/data is absent)`);

describe.skipIf(!haveExports)("npm start -- the real UCI invoices with spend by channel", () => {
  const invoices = join(EXPORTS, "online_retail_invoices_channels.csv");
  it("prints the same blended CAC whatever the spelling, names the unmatched channels, and says the first cohort is left-censored", () => {
    const same = cli(
      invoices,
      "--spend",
      join(EXPORTS, "spend_by_channel.csv"),
      "--currency",
      "£",
      ...out("uci"),
    );
    const other = cli(
      invoices,
      "--spend",
      join(EXPORTS, "spend_by_channel_other_names.csv"),
      "--currency",
      "£",
      ...out("uci-other"),
    );
    expect(same.code).toBe(0);
    expect(other.code).toBe(0);
    expect(line(same.stdout, "Blended CAC")).toBe("£56.93");
    expect(line(other.stdout, "Blended CAC")).toBe("£56.93");
    expect(other.stdout).toContain("    E-mail: £19,500 — no channel of the data has this name");
    expect(other.stdout).toContain("    Facebook Ads: £78,000 — no channel of the data has this name");
    expect(other.stdout).toContain("  Channels without spend: Email, Social\n");
    expect(same.stdout).toMatch(/First cohort: 2010-12-01 looks left-censored/);
    const skipped = cli(
      invoices,
      "--spend",
      join(EXPORTS, "spend_by_channel.csv"),
      "--skip-first-period",
      ...out("uci-skip"),
    );
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(
      /First cohort: 2010-12-01 left out of the cohort figures \(\d+ customers first seen then\)/,
    );
    // Without December 2010, its spend is outside the cohorts' periods and left out, and said.
    expect(skipped.stdout).toContain("$19,000.00 dated outside the report's periods was left out");
  });
});
