import { expect } from "vitest";
import { wordsOf } from "../../src/core/report/words";

/**
 * Report sheets (cells by sheet name) from rows in memory as a database-computed report writes them:
 * the predicted value by channel needs the rows (a fit), so LTV-CAC has one line saying so instead
 * of the block, and Summary no predicted ratios.
 */
export function withoutPredicted(book: Record<string, unknown[][]>): Record<string, unknown[][]> {
  const w = wordsOf("en");
  const ltvCac = book["LTV-CAC"];
  const top = ltvCac.findIndex(
    (row) => row[0] === w.predictedTitle(true) || row[0] === w.predictedTitle(false),
  );
  expect(top).toBeGreaterThan(0);
  return {
    ...book,
    "LTV-CAC": [...ltvCac.slice(0, top + 1), [w.predictedNeedsRows]],
    Summary: book.Summary.filter((row) => !String(row[0]).startsWith("Predicted")),
  };
}
