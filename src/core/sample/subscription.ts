/**
 * The subscription variant of the sample: seeded payment rows of a SaaS product with three plans,
 * billed monthly or (a fifth of sign-ups) yearly at ten months' price for twelve. Each month a
 * monthly customer may cancel, upgrade or downgrade at renewal; a yearly one may cancel at renewal;
 * some cancelled customers come back months later; about 1% of payments are refunded within days.
 * `npm start -- --sample subscription` builds the Subscription (MRR) sheet from it.
 */
import { type DayNumber, dayNumber, isoDay } from "../cells";
import { civilFromDays } from "../cohorts/periods";
import { Random } from "./random";

export interface SubscriptionPayment {
  customerId: string;
  day: DayNumber;
  /** In dollars; negative for a refund. */
  amount: number;
  /** Months the payment covers. */
  term: number;
  channel: string;
}

export interface SubscriptionSample {
  payments: SubscriptionPayment[];
  start: DayNumber;
  /** The last observed day (the end of the last month). */
  end: DayNumber;
}

/** Monthly prices of the plans. */
const PRICES = [29, 79, 199];
/** Per month: cancel (by plan), upgrade and downgrade at a monthly renewal, come back after cancelling. */
const CANCEL = [0.05, 0.035, 0.02];
const UPGRADE = 0.03;
const DOWNGRADE = 0.015;
const COME_BACK = 0.25;
const YEARLY_SHARE = 0.2;
const REFUND_SHARE = 0.01;
const CHANNELS = ["Paid search", "Paid social", "Partners", "Organic"];

/** The day of month `k` after a start day (day of month capped at 28). */
function monthDay(start: DayNumber, k: number): DayNumber {
  const { year, month, day } = civilFromDays(start);
  return dayNumber(year, month + k, Math.min(day, 28));
}

/** Generates the subscription sample; the same options always give the same data. */
export function generateSubscriptionSample(
  options: { customers?: number; seed?: number; months?: number } = {},
): SubscriptionSample {
  const customers = options.customers ?? 1500;
  const months = options.months ?? 30;
  const random = new Random(options.seed ?? 20230101);
  const start = dayNumber(2023, 1, 1);
  const end = dayNumber(2023, 1 + months, 1) - 1;
  const payments: SubscriptionPayment[] = [];
  const width = String(customers).length;
  for (let i = 1; i <= customers; i++) {
    const customerId = `S${String(i).padStart(width, "0")}`;
    const channel = CHANNELS[Math.floor(random.next() * CHANNELS.length)];
    const first = start + Math.floor(random.next() * (end - 3 - start));
    let plan = random.next() < 0.6 ? 0 : random.next() < 0.75 ? 1 : 2;
    let term = random.next() < YEARLY_SHARE ? 12 : 1;
    for (let k = 0; k < months; ) {
      const day = monthDay(first, k);
      if (day > end) break;
      const amount = term === 12 ? PRICES[plan] * 10 : PRICES[plan];
      payments.push({ customerId, day, amount, term, channel });
      if (random.next() < REFUND_SHARE)
        payments.push({
          customerId,
          day: day + 1 + Math.floor(random.next() * 10),
          amount: -amount,
          term,
          channel,
        });
      k += term;
      // At renewal: cancel (a yearly plan after its year's worth of monthly chances), or change plan.
      const cancel = term === 12 ? 1 - (1 - CANCEL[plan]) ** 12 * 1.3 : CANCEL[plan];
      if (random.next() < cancel) {
        if (random.next() >= COME_BACK) break;
        k += 2 + Math.floor(random.next() * 6);
        term = 1;
      } else if (term === 1 && random.next() < UPGRADE) plan = Math.min(plan + 1, 2);
      else if (term === 1 && random.next() < DOWNGRADE) plan = Math.max(plan - 1, 0);
    }
  }
  payments.sort((p, q) => p.day - q.day);
  return { payments: payments.filter((p) => p.day <= end), start, end };
}

/** The sample as a payments table with a header row, dates as ISO text. */
export function paymentTable(sample: SubscriptionSample): string[][] {
  return [
    ["Customer ID", "Payment date", "Amount", "Term (months)", "Channel"],
    ...sample.payments.map((p) => [
      p.customerId,
      isoDay(p.day),
      p.amount.toFixed(2),
      String(p.term),
      p.channel,
    ]),
  ];
}
