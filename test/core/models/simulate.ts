/** BG/NBD customers drawn with the generative story of Fader, Hardie & Lee (2005), for the model tests. */
import type { BgNbdParams } from "../../../src/core/models/bg-nbd";
import { Random } from "../../../src/core/sample/random";

/**
 * Simulates BG/NBD customers with the generative story of the paper; `modified`: MBG/NBD's (Batislam et
 * al. 2007), where a customer may also drop out right after the first purchase.
 */
export function simulate(p: BgNbdParams, customers: number, seed: number, modified = false) {
  const random = new Random(seed);
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  for (let i = 0; i < customers; i++) {
    const age = 20 + random.next() * 40;
    const lambda = random.gamma(p.r, p.alpha);
    const dropout = random.beta(p.a, p.b);
    let purchases = 0;
    let last = 0;
    const gone = modified && random.next() < dropout;
    for (let t = random.exponential(lambda); !gone && t <= age; t += random.exponential(lambda)) {
      purchases++;
      last = t;
      if (random.next() < dropout) break;
    }
    x.push(purchases);
    tx.push(last);
    T.push(age);
  }
  return { x, tx, T };
}
