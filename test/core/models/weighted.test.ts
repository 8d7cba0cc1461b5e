/**
 * Rows that stand for several customers (`weight`, a summary condensed in a database) fit as that many
 * copies of each: the same BG/NBD and Gamma-Gamma estimates and log-likelihoods, to the last bit, in
 * whatever order the rows come — the fits sum their distinct rows in one sorted order.
 */
import { expect, it } from "vitest";
import { condenseRfm } from "../../../src/core/fit/condense";
import { fitBgNbd } from "../../../src/core/models/bg-nbd";
import { fitGammaGamma } from "../../../src/core/models/gamma-gamma";
import { describeWithReferenceData } from "../../helpers/reference-data";
import { readCdnowRfm, repeatCustomers } from "./cdnow";

const reversed = (column: ArrayLike<number>) => Array.from(column).reverse();

describeWithReferenceData("weighted rows fit as their customers (CDNOW)", () => {
  const data = readCdnowRfm();

  it("BG/NBD", () => {
    const rows = condenseRfm(data);
    expect(rows.x.length).toBeLessThan(data.x.length);
    const weighted = {
      x: reversed(rows.x),
      tx: reversed(rows.tx),
      T: reversed(rows.T),
      weight: reversed(rows.weight),
    };
    expect(fitBgNbd(weighted)).toEqual(fitBgNbd(data));
  });

  it("Gamma-Gamma", () => {
    const spend = repeatCustomers(data);
    const counts = new Map<string, number>();
    spend.x.forEach((x, i) => {
      const key = `${x} ${spend.zbar[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    const keys = [...counts.keys()].reverse().map((key) => key.split(" ").map(Number));
    const weighted = {
      x: keys.map(([x]) => x),
      zbar: keys.map(([, z]) => z),
      weight: [...counts.values()].reverse(),
    };
    expect(weighted.x.length).toBeLessThan(spend.x.length);
    expect(fitGammaGamma(weighted)).toEqual(fitGammaGamma(spend));
  });
});
