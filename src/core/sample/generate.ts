/**
 * The project's own sample data: seeded, realistic purchase histories of an online store and the
 * monthly marketing spend that acquired its customers. Used by `npm start`, the sidebar preview, the
 * benchmarks and tests; it replaces any need to ship third-party data.
 *
 * Each customer is simulated from the models the forecasts fit, with parameters of the order Fader,
 * Hardie & Lee (2005) report for CDNOW (per week): purchases follow a Poisson process with rate
 * λ ~ Gamma(r, α); after each repeat purchase the customer drops out with probability
 * p ~ Beta(a, b) (BG/NBD); order values are Gamma(p_z, ν) with ν ~ Gamma(q, γ) per customer
 * (Gamma-Gamma). Acquisition channels shift the parameters a little, and about 1.5% of orders are
 * refunded a few days later (a negative row), as real exports have.
 */
import { type DayNumber, dayNumber, isoDay, MS_PER_DAY } from "../cells";
import { Random } from "./random";

export interface SamplePurchase {
  customerId: string;
  day: DayNumber;
  /** Order value in dollars; negative for a refund. */
  amount: number;
  channel: string;
}

export interface SampleSpend {
  /** First day of the month the spend was made in. */
  periodStart: DayNumber;
  channel: string;
  spend: number;
}

export interface SampleOptions {
  /** Number of customers acquired. */
  customers?: number;
  seed?: number;
  /** First acquisition day, ISO. */
  start?: string;
  /** Months over which customers are acquired. */
  acquisitionMonths?: number;
  /** Months from `start` to the end of observation. */
  observedMonths?: number;
}

export interface Sample {
  purchases: SamplePurchase[];
  spend: SampleSpend[];
  start: DayNumber;
  /** The last observed day. */
  end: DayNumber;
}

interface Channel {
  name: string;
  share: number;
  /** Target acquisition cost in dollars; 0 for channels with no paid spend. */
  cac: number;
  /** Multiplies the purchase rate. */
  rate: number;
  /** Multiplies a of the dropout Beta(a, b): above 1, customers leave sooner. */
  dropout: number;
}

const CHANNELS: Channel[] = [
  { name: "Paid search", share: 0.35, cac: 42, rate: 1, dropout: 1 },
  { name: "Paid social", share: 0.3, cac: 30, rate: 0.85, dropout: 1.4 },
  { name: "Email", share: 0.15, cac: 9, rate: 1.3, dropout: 0.7 },
  { name: "Organic", share: 0.2, cac: 0, rate: 1.1, dropout: 0.8 },
];

/** Per-week parameters of the order published for CDNOW. */
const BGNBD = { r: 0.25, alpha: 4.5, a: 0.8, b: 2.4 };
const GAMMA_GAMMA = { p: 6.25, q: 3.75, gamma: 15.5 };
const REFUND_SHARE = 0.015;

function addMonths(day: DayNumber, months: number): DayNumber {
  const d = new Date(day * MS_PER_DAY);
  return dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1 + months, d.getUTCDate());
}

function monthStart(day: DayNumber): DayNumber {
  const d = new Date(day * MS_PER_DAY);
  return dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const cents = (x: number) => Math.round(x * 100) / 100;

/** Generates the sample; the same options always give the same data. */
export function generateSample(options: SampleOptions = {}): Sample {
  const customers = options.customers ?? 2000;
  const random = new Random(options.seed ?? 20240101);
  const [y, m, d] = (options.start ?? "2024-01-01").split("-").map(Number);
  const start = dayNumber(y, m, d);
  const acquisitionEnd = addMonths(start, options.acquisitionMonths ?? 12);
  const end = addMonths(start, options.observedMonths ?? 18) - 1;
  const width = String(customers).length;
  const channelWeights = CHANNELS.map((channel) => ({ value: channel, weight: channel.share }));
  const acquired = new Map<string, number>();
  const purchases: SamplePurchase[] = [];

  for (let i = 1; i <= customers; i++) {
    const customerId = `C${String(i).padStart(width, "0")}`;
    const channel = random.pick(channelWeights);
    const first = start + Math.floor(random.next() * (acquisitionEnd - start));
    const lambda = random.gamma(BGNBD.r, BGNBD.alpha) * channel.rate;
    const dropout = random.beta(BGNBD.a * channel.dropout, BGNBD.b);
    const nu = random.gamma(GAMMA_GAMMA.q, GAMMA_GAMMA.gamma);
    const key = `${monthStart(first)}|${channel.name}`;
    acquired.set(key, (acquired.get(key) ?? 0) + 1);

    let weeks = 0;
    let repeat = false;
    for (;;) {
      const day = first + Math.floor(weeks * 7);
      if (day > end) break;
      const amount = Math.max(0.99, cents(random.gamma(GAMMA_GAMMA.p, nu)));
      purchases.push({ customerId, day, amount, channel: channel.name });
      if (random.next() < REFUND_SHARE) {
        const refundDay = day + 1 + Math.floor(random.next() * 14);
        if (refundDay <= end)
          purchases.push({ customerId, day: refundDay, amount: -amount, channel: channel.name });
      }
      // Dropout follows repeat purchases only: a new customer is alive until they buy again.
      if (repeat && random.next() < dropout) break;
      repeat = true;
      weeks += random.exponential(lambda);
    }
  }
  purchases.sort((p, q) => p.day - q.day);

  const spend: SampleSpend[] = [];
  for (let month = monthStart(start); month < acquisitionEnd; month = addMonths(month, 1)) {
    for (const channel of CHANNELS) {
      if (channel.cac === 0) continue;
      const count = acquired.get(`${month}|${channel.name}`) ?? 0;
      const noise = 1 + 0.3 * (random.next() - 0.5);
      spend.push({
        periodStart: month,
        channel: channel.name,
        spend: Math.round(count * channel.cac * noise),
      });
    }
  }
  return { purchases, spend, start, end };
}

/** The sample as a transactions table with a header row, dates as ISO text (a CSV export's shape). */
export function purchaseTable(sample: Sample): string[][] {
  return [
    ["Customer ID", "Order date", "Amount", "Channel"],
    ...sample.purchases.map((p) => [p.customerId, isoDay(p.day), p.amount.toFixed(2), p.channel]),
  ];
}

/** The sample's spend as a table with a header row: month start, spend, channel. */
export function spendTable(sample: Sample): string[][] {
  return [
    ["Month", "Spend", "Channel"],
    ...sample.spend.map((s) => [isoDay(s.periodStart), String(s.spend), s.channel]),
  ];
}
