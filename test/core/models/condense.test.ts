/** Condensing identical (x, t_x, T) rows: the same groups a naive keyed grouping finds. */
import fc from "fast-check";
import { expect, it } from "vitest";
import { condenseRfm } from "../../../src/core/fit/condense";

it("groups identical rows with their counts, in order of first appearance, and maps every customer to its row", () => {
  const row = fc.record({
    x: fc.integer({ min: 0, max: 3 }),
    tx: fc.constantFrom(0, -0, 1 / 7, 2 / 7, 0.5),
    T: fc.constantFrom(1, 2, 39 / 7),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
      const data = { x: rows.map((r) => r.x), tx: rows.map((r) => r.tx), T: rows.map((r) => r.T) };
      const condensed = condenseRfm(data);
      const keys: string[] = [];
      const counts = new Map<string, number>();
      for (const r of rows) {
        const key = `${r.x}|${r.tx + 0}|${r.T}`;
        if (!counts.has(key)) keys.push(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(condensed.x.length).toBe(keys.length);
      keys.forEach((key, i) => {
        expect(`${condensed.x[i]}|${condensed.tx[i]}|${condensed.T[i]}`).toBe(key);
        expect(condensed.weight[i]).toBe(counts.get(key));
      });
      rows.forEach((r, i) => {
        const at = condensed.rowOf[i];
        expect([condensed.x[at], condensed.tx[at] + 0, condensed.T[at]]).toEqual([r.x, r.tx + 0, r.T]);
      });
    }),
  );
});
