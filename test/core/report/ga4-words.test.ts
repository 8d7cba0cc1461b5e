/**
 * A GA4 report's segment sentence (words.ts `ga4Segment`, `ga4SourceText`): one text per language for
 * the command line and the add-on, naming the setting as each surface names it — `--ga4-segment …`
 * given by the command line, the sidebar's Segment "…" by default — and the segment's name in the
 * Summary's split note, in English, Korean and Russian.
 */
import { describe, expect, it } from "vitest";
import { say } from "../../../src/addon/messages";
import type { Language } from "../../../src/core/language";
import { type Ga4SegmentControl, ga4SourceText, wordsOf } from "../../../src/core/report/words";
import type { Ga4SegmentChoice, Ga4Stats } from "../../../src/core/sql/ga4";
import { translator } from "../../../src/sidebar/i18n";

const FIELD = "session_traffic_source_last_click.cross_channel_campaign.default_channel_group";
const cli: Ga4SegmentControl = (asked) => `--ga4-segment ${asked}`;
const counts = { missing: 1234, purchases: 5678 };
const choice = (reason: Ga4SegmentChoice["reason"], column: Ga4SegmentChoice["column"]) => ({
  reason,
  column,
  ...counts,
});
const CHOICES: Ga4SegmentChoice[] = [
  choice("complete", "channel_group"),
  choice("no-field", "source_medium"),
  choice("incomplete", "source_medium"),
  choice("asked", "channel_group"),
  choice("asked", "source_medium"),
];
const LANGUAGES: Language[] = ["en", "ko", "ru"];

describe("the GA4 segment's sentence", () => {
  it("in Korean, naming the sidebar's Segment or the command line's option", () => {
    const ko = wordsOf("ko");
    expect(ko.ga4Segment(choice("incomplete", "source_medium"), ko.ga4SegmentControl)).toBe(
      `세그먼트 = traffic_source.source / medium, 사용자의 첫 유입 (구매 5,678건 중 1,234건에 세션 기본 채널 그룹 없음: GA4는 2024-10-10부터 내보냄; 그래도 쓰려면: 세그먼트 "세션 기본 채널 그룹", 없는 구매는 "Unassigned")`,
    );
    expect(ko.ga4Segment(choice("complete", "channel_group"), cli)).toBe(
      `세그먼트 = 세션 기본 채널 그룹 (${FIELD}, 모든 구매에 있음; 소스 / 매체로 나누려면: --ga4-segment source-medium)`,
    );
    expect(ko.ga4Segment(choice("asked", "channel_group"), ko.ga4SegmentControl)).toBe(
      `세그먼트 = 세션 기본 채널 그룹 (세그먼트 "세션 기본 채널 그룹"; 구매 5,678건 중 1,234건에 없어 "Unassigned"로 셈)`,
    );
  });

  it("in Russian, naming the sidebar's Segment or the command line's option", () => {
    const ru = wordsOf("ru");
    expect(ru.ga4Segment(choice("no-field", "source_medium"), ru.ga4SegmentControl)).toBe(
      `сегмент = traffic_source.source / medium, первый источник пользователя (в прочитанном экспорте нет ${FIELD}: GA4 экспортирует его с 2024-10-10)`,
    );
    expect(ru.ga4Segment(choice("incomplete", "source_medium"), cli)).toBe(
      "сегмент = traffic_source.source / medium, первый источник пользователя (покупок без группы каналов по умолчанию для сеанса: 1\u00a0234 из 5\u00a0678 — GA4 экспортирует её с 2024-10-10; чтобы всё же делить по ней: --ga4-segment channel-group, покупки без неё — «Unassigned»)",
    );
    expect(ru.ga4Segment(choice("asked", "source_medium"), ru.ga4SegmentControl)).toBe(
      "сегмент = traffic_source.source / medium, первый источник пользователя (Сегмент «Источник/канал первого пользователя»)",
    );
  });

  it("names the setting that changes it in every language, and says how many purchases lack the channel group where that matters", () => {
    for (const language of LANGUAGES) {
      const w = wordsOf(language);
      for (const c of CHOICES) {
        const text = w.ga4Segment(c, cli);
        expect(text, `${language} ${c.reason}`).not.toMatch(/undefined|NaN|\[object/);
        // Each reason but "no-field" (nothing to ask for instead) names the option.
        if (c.reason !== "no-field") expect(text, `${language} ${c.reason}`).toContain("--ga4-segment ");
        else expect(text).toContain(FIELD);
        if (c.reason === "incomplete" || (c.reason === "asked" && c.column === "channel_group"))
          expect(text, `${language} ${c.reason}`).toMatch(/1[,\u00a0]234/);
      }
      // The asked channel group with none missing says nothing of missing ones.
      expect(w.ga4Segment({ ...choice("asked", "channel_group"), missing: 0 }, cli)).not.toContain(
        "Unassigned",
      );
    }
  });

  it("follows what the export held in the Summary's source, naming the sidebar's Segment unless told otherwise", () => {
    const stats: Ga4Stats = {
      purchases: 5678,
      purchases_without_user_id: 12,
      purchases_without_channel_group: 1234,
      refunds: 3,
      duplicate_events: 4,
    };
    const asked = choice("asked", "source_medium");
    for (const language of LANGUAGES) {
      const w = wordsOf(language);
      expect(ga4SourceText(language, "p.analytics_1", stats)).toBe(w.ga4Source("p.analytics_1", stats));
      expect(ga4SourceText(language, "p.analytics_1", stats, asked)).toBe(
        `${w.ga4Source("p.analytics_1", stats)}; ${w.ga4Segment(asked, w.ga4SegmentControl)}`,
      );
      expect(ga4SourceText(language, "p.analytics_1", stats, asked, cli)).toContain(
        "--ga4-segment source-medium",
      );
    }
    expect(ga4SourceText("en", "p.analytics_1", stats, asked)).toContain(
      '(Segment "First-user source / medium")',
    );
  });

  it("names the segment in the split note in the report's language", () => {
    expect(wordsOf("en").ga4SegmentName).toEqual({
      channel_group: "session default channel group",
      source_medium: "traffic_source.source / medium",
    });
    expect(wordsOf("ko").ga4SegmentName.channel_group).toBe("세션 기본 채널 그룹");
    expect(wordsOf("ko").ga4SegmentName.source_medium).toBe("첫 사용자 소스/매체");
    expect(wordsOf("ru").ga4SegmentName.channel_group).toBe("группа каналов по умолчанию для сеанса");
    expect(wordsOf("ru").ga4SegmentName.source_medium).toBe("источник/канал первого пользователя");
  });

  it("names the sidebar's Segment and its choices as the sidebar labels them, as the add-on's refusal does", () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      const control = wordsOf(language).ga4SegmentControl;
      const refusal = say(language, "ga4NoChannelGroup", { dataset: "p.analytics_1" });
      for (const [asked, key] of [
        ["auto", "ga4SegmentAuto"],
        ["channel-group", "ga4SegmentChannel"],
        ["source-medium", "ga4SegmentSource"],
      ] as const) {
        expect(control(asked), language).toContain(t("ga4Segment"));
        expect(control(asked), language).toContain(t(key));
        if (asked !== "channel-group") expect(refusal, language).toContain(t(key));
      }
      expect(refusal, language).toContain(t("ga4Segment"));
    }
  });
});
