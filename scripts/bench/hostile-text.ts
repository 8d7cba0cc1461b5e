/**
 * Every parser of user text on hostile text (test/helpers/hostile-text.ts: repeated whitespace,
 * digits, separators, date and time pieces, the 612-character cell of issue 21), at 10,000 and
 * 100,000 characters. For each parser, its slowest text is shown as a ratio against a linear scan of
 * the same text (a loop over its character codes), and its growth from 10k to 100k characters: about
 * 10× is linear, 100× quadratic. The best of RUNS runs of each, so a busy machine adds little.
 */
import { hostileTexts, ISSUE_CELL, PARSERS } from "../../test/helpers/hostile-text";

const RUNS = 5;
const SIZES = [10_000, 100_000] as const;

/** The fastest of RUNS runs, in milliseconds. */
function best(run: () => unknown): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

let sink = 0;
/** The linear peer: one pass over the text's character codes. */
function scan(text: string): void {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  sink ^= sum;
}

const issueCell = best(() => {
  for (const parse of Object.values(PARSERS)) parse(ISSUE_CELL);
});
console.log(
  `\nHostile text: every parser on the 612-character cell of issue 21: ${issueCell.toFixed(2)} ms in all`,
);
console.log("parser                         slowest text at 100k        ms    × scan   growth 10k→100k");
for (const [name, parse] of Object.entries(PARSERS)) {
  const worst = SIZES.map((size) => {
    let slowest = { text: "", name: "", ms: 0 };
    for (const { name: textName, text } of hostileTexts(size)) {
      const ms = best(() => parse(text));
      if (ms > slowest.ms) slowest = { text, name: textName, ms };
    }
    return slowest;
  });
  const [small, large] = worst;
  const ratio =
    large.ms /
    Math.max(
      best(() => scan(large.text)),
      1e-3,
    );
  console.log(
    `${name.padEnd(30)} ${large.name.slice(0, 24).padEnd(24)} ${large.ms.toFixed(2).padStart(8)} ${ratio.toFixed(0).padStart(9)}× ${(large.ms / Math.max(small.ms, 1e-3)).toFixed(1).padStart(9)}×`,
  );
}
if (sink === 0.5) console.log(sink);
