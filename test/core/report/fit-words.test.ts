/**
 * The fit's notes and complaints in the report's language: every note of forecast/diagnostics.ts and
 * every model error a report sheet can show reads in Korean and Russian with no English left; the
 * formulas (no language given) keep the English words.
 */
import { describe, expect, it } from "vitest";
import { IdentificationError } from "../../../src/core/fit/mle";
import { fitNotes } from "../../../src/core/forecast/diagnostics";
import type { Language } from "../../../src/core/language";
import { MetricError } from "../../../src/core/metrics/errors";
import { fitBgNbd } from "../../../src/core/models/bg-nbd";
import { UnpinnedIntervalError } from "../../../src/core/models/clv-interval";
import { UnboundedMeanError } from "../../../src/core/models/gamma-gamma";
import { fitErrorText } from "../../../src/core/report/fit-errors";
import { wordsOf } from "../../../src/core/report/words";
import { latinLeft } from "../../helpers/latin";

/** Facts that raise every note: few customers and repeat buyers, loose parameters, a short and late split, correlated spend. */
const EVERY_NOTE = {
  customers: 21,
  repeatBuyers: 4,
  params: { names: ["r", "alpha", "a", "b"], values: [1, 2, 3, 4], errors: [2.6, 1, 9, 1] },
  split: { calibration: 40, holdout: 2.5, unit: "week" as const, lateCustomers: 30 },
  spendCorrelation: 0.45,
};

const ERRORS: MetricError[] = [
  new IdentificationError(
    "frequency",
    "is 0 for every customer — nobody made a repeat purchase",
    "no-repeat",
  ),
  new IdentificationError("frequency", "cannot determine r: the likelihood keeps improving", "no-maximum"),
  new IdentificationError("monetary", "— the model has no best fit: …", "no-maximum", {
    limits: ["oneValue"],
    runaway: ["p+", "gamma-"],
  }),
  new IdentificationError("frequency", "gives a likelihood that cannot be evaluated"),
  new UnboundedMeanError("0.912"),
  new UnpinnedIntervalError("BG/NBD"),
  new MetricError("parameters", "put |α − β| too close to max(α, β) + T to compute P(alive)"),
];

describe("fit notes", () => {
  it("keep the formulas' English words when no language is given", () => {
    const notes = fitNotes(EVERY_NOTE);
    expect(notes).toHaveLength(7);
    expect(notes[0]).toBe("Only 21 customers: estimates from so few move a lot from one sample to the next.");
    expect(notes[2]).toBe(
      "r is barely pinned by the data (standard error 2.6× the estimate): it sits near a boundary of the model.",
    );
    expect(notes[4]).toBe(
      "The hold-out is 2.5 weeks against 40.0 of calibration: too short to judge the forecast; choose an earlier calibration end.",
    );
    expect(fitNotes({ params: { ...EVERY_NOTE.params, errors: undefined } })).toEqual([
      "The data do not pin the parameters: the likelihood is flat in some direction, so treat the forecast as rough.",
    ]);
  });

  it.each(["ko", "ru"] as Language[])("read in %s with no English left", (language) => {
    const w = wordsOf(language);
    const notes = [
      ...fitNotes(EVERY_NOTE, w),
      ...fitNotes({ params: { ...EVERY_NOTE.params, errors: undefined }, spendCorrelation: -0.5 }, w),
      w.noteHoldoutCut("2026-12-31", "2025-06-29", 25.7, "week"),
    ];
    expect(notes).toHaveLength(10);
    expect(notes.flatMap((note) => latinLeft(note))).toEqual([]);
    expect(notes.join(" ")).toContain(language === "ru" ? "2,5 нед." : "2.5주");
  });

  it("say a Russian count of customers after «из» in the genitive", () => {
    const w = wordsOf("ru");
    expect(w.noteFewRepeat(4, 21)).toContain("4 из 21 клиента");
    expect(w.noteFewRepeat(4, 25)).toContain("4 из 25 клиентов");
    expect(w.noteFewRepeat(4, 11)).toContain("4 из 11 клиентов");
  });
});

/** Customers buying in lock-step: the same number of repeat purchases, the last one just now. */
function lockStep(): unknown {
  const n = 50;
  try {
    fitBgNbd({
      x: new Float64Array(n).fill(12),
      tx: new Float64Array(n).fill(51),
      T: new Float64Array(n).fill(52),
    });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("a model's complaint on a report sheet", () => {
  it("says where a fit without a best estimate runs, in every language", () => {
    const error = lockStep();
    expect(error).toBeInstanceOf(IdentificationError);
    const fit = error as IdentificationError;
    expect(fit.boundary).toEqual({ limits: ["sameRate"], runaway: ["r+", "alpha+"] });
    expect(fitErrorText(fit, wordsOf("en"))).toMatch(
      /^the model has no best fit: every customer seems to buy at the same rate/,
    );
    expect(fitErrorText(fit, wordsOf("ko"))).toContain("모든 고객의 구매율이 같아 보입니다 (r → ∞, α → ∞)");
    expect(fitErrorText(fit, wordsOf("ru"))).toContain(
      "все клиенты будто покупают с одной частотой (r → ∞, α → ∞)",
    );
  });

  it.each(["ko", "ru"] as Language[])("reads in %s with no English left", (language) => {
    const texts = ERRORS.map((error) => fitErrorText(error, wordsOf(language)));
    expect(texts.flatMap((text) => latinLeft(text))).toEqual([]);
  });

  it("keeps the model's own words in English", () => {
    const texts = ERRORS.map((error) => fitErrorText(error, wordsOf("en")));
    expect(texts[3]).toBe(ERRORS[3].message);
    expect(texts[4]).toContain("q = 0.912, not above 1");
    expect(texts[5]).toBe(
      "the data do not pin the BG/NBD parameters (the likelihood is flat in some direction)",
    );
    expect(texts[6]).toBe(ERRORS[6].message);
  });
});
