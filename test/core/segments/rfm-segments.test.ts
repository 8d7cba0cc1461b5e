import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readExports } from "../../../scripts/exports";
import { type Cell, dayNumber, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { wordsOf } from "../../../src/core/report/words";
import {
  quintileScores,
  RFM_SEGMENT_NAMES,
  rfmScores,
  rfmSegment,
} from "../../../src/core/segments/rfm-segments";
import { FORMULAS } from "../../../src/sidebar/help/translations";

const ctx = sheetContext("en_US", "UTC");

describe("quintileScores", () => {
  it("scores 1 + ⌊5(i + ½)/n⌋ by sorted position without ties", () => {
    expect([...quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // n = 7: 5(i + ½)/7 = 0.36, 1.07, 1.79, 2.5, 3.21, 3.93, 4.64.
    expect([...quintileScores([1, 2, 3, 4, 5, 6, 7])]).toEqual([1, 2, 2, 3, 4, 4, 5]);
  });

  it("gives a tied run the score of its first position: one-time buyers all score 1", () => {
    // Six 1s at positions 0–5: 1 + ⌊5·½/10⌋ = 1; then positions 6, 7, 8, 9: 1 + ⌊5(i + ½)/10⌋ = 4, 4, 5, 5.
    expect([...quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])]).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect([...quintileScores([3, 3, 3])]).toEqual([1, 1, 1]);
  });

  it("holds n/5 customers per score, give or take one, when values are distinct", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 200 }), (values) => {
        const counts = [0, 0, 0, 0, 0];
        for (const s of quintileScores(values)) counts[s - 1]++;
        for (const c of counts) expect(Math.abs(c - values.length / 5)).toBeLessThan(1);
      }),
    );
  });

  it("moves a tied customer only within the scores its run of positions spans, same value same score", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 100 }), (values) => {
        const n = values.length;
        const scores = quintileScores(values);
        values.forEach((v, i) => {
          const lo = values.filter((w) => w < v).length;
          const hi = lo + values.filter((w) => w === v).length - 1;
          expect(scores[i]).toBeGreaterThanOrEqual(1 + Math.floor((5 * (lo + 0.5)) / n));
          expect(scores[i]).toBeLessThanOrEqual(1 + Math.floor((5 * (hi + 0.5)) / n));
          values.forEach((w, j) => {
            if (w === v) expect(scores[j]).toBe(scores[i]);
            if (w > v) expect(scores[j]).toBeGreaterThanOrEqual(scores[i]);
          });
        });
      }),
    );
  });
});

describe("rfmSegment", () => {
  // The map, rows r = 5 … 1, columns f = 1 … 5, as documented.
  const MAP = [
    ["New customers", "Potential loyalists", "Potential loyalists", "Champions", "Champions"],
    ["Promising", "Potential loyalists", "Potential loyalists", "Loyal customers", "Loyal customers"],
    ["About to sleep", "About to sleep", "Need attention", "Loyal customers", "Loyal customers"],
    ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ["Lost", "Hibernating", "At risk", "At risk", "Can't lose them"],
  ];

  it("follows the map in every cell, so every boundary", () => {
    for (let r = 5; r >= 1; r--)
      for (let f = 1; f <= 5; f++)
        expect(`${r}${f} ${rfmSegment(r, f)}`).toBe(`${r}${f} ${MAP[5 - r][f - 1]}`);
  });

  it("uses all eleven segments", () => {
    expect(new Set(MAP.flat())).toEqual(new Set(RFM_SEGMENT_NAMES));
  });
});

describe("rfmScores", () => {
  const day = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return dayNumber(y, m, d);
  };
  const log: Cell[][] = [
    ["a", "2024-01-01", 10],
    ["a", "2024-01-01", 5],
    ["a", "2024-01-08", 20],
    ["a", "2024-01-10", -8],
    ["a", "2024-01-15", 30],
    ["a", "2024-03-01", 99], // after the end: ignored
    ["b", "2024-01-03", 7],
    ["e", "2024-01-20", -2],
    ["e", "2024-01-21", 4],
    ["e", "2024-01-28", 6],
  ];
  const tx = readTransactions(log, { customerId: 0, date: 1, amount: 2 }, ctx);

  it("scores days since the last purchase, purchase days and net spend by hand", () => {
    const s = rfmScores(tx, day("2024-01-29"));
    expect(s.ids).toEqual(["a", "b", "e"]);
    expect([...s.daysSince]).toEqual([14, 26, 1]);
    expect([...s.purchaseDays]).toEqual([3, 1, 2]);
    expect([...s.spend]).toEqual([57, 7, 8]);
    // n = 3: positions 0, 1, 2 score 1 + ⌊5(i + ½)/3⌋ = 1, 3, 5.
    expect([...s.recency]).toEqual([3, 1, 5]);
    expect([...s.frequency]).toEqual([5, 1, 3]);
    expect([...s.monetary]).toEqual([5, 1, 3]);
    expect(s.segment).toEqual(["Loyal customers", "Lost", "Potential loyalists"]);
  });

  it("puts every customer in exactly one segment", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 30 }),
            fc.integer({ min: 1, max: 60 }),
            fc.integer({ min: 1, max: 99 }),
          ),
          {
            minLength: 1,
            maxLength: 80,
          },
        ),
        (rows) => {
          const cells = rows.map(([c, d, v]) => [
            `c${c}`,
            `2024-01-${String(1 + (d % 28)).padStart(2, "0")}`,
            v,
          ]);
          const s = rfmScores(readTransactions(cells, { customerId: 0, date: 1, amount: 2 }, ctx));
          expect(new Set(s.ids).size).toBe(new Set(rows.map(([c]) => c)).size);
          expect(s.segment.length).toBe(s.ids.length);
          for (const name of s.segment) expect(RFM_SEGMENT_NAMES).toContain(name);
        },
      ),
    );
  });
});

describe("the map in the Help", () => {
  const en = readExports(join(import.meta.dirname, "..", "..", "..", "src", "main.ts")).find(
    (fn) => fn.name === "RFM_SEGMENTS",
  );

  it("names every segment in the English card", () => {
    for (const name of RFM_SEGMENT_NAMES) expect(en?.definition).toContain(name);
  });

  it.each(["ko", "ru"] as const)(
    "names every segment in the %s card, with the Customers sheet's name for it",
    (language) => {
      const text = FORMULAS[language].RFM_SEGMENTS.definition;
      const names = wordsOf(language).rfmSegments;
      for (const name of RFM_SEGMENT_NAMES) {
        expect(text).toContain(name);
        expect(text).toMatch(new RegExp(`${name}( —)? ${names[name]}[,.]`));
      }
    },
  );
});
