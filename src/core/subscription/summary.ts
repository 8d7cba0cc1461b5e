/**
 * The headline numbers of a subscription business from its MRR table, as the SaaS tools (ChartMogul,
 * Baremetrics) define them: MRR now and ARR = 12 × MRR; NRR, GRR and the quick ratio of the last month
 * and NRR / GRR over the trailing twelve months; ARPA = MRR / customers with MRR; customer churn
 * rate = customers churned / customers with MRR at the start of the month, pooled over the last
 * twelve months; LTV = ARPA × margin / customer churn rate.
 */
import type { DayNumber } from "../cells";
import type { MrrTable } from "./mrr";

/** Months pooled for the customer churn rate. */
export const CHURN_MONTHS = 12;

export interface SubscriptionHeadline {
  /** First day of the last month. */
  month: DayNumber;
  mrr: number;
  arr: number;
  customers: number;
  nrr: number | null;
  grr: number | null;
  trailingNrr: number | null;
  trailingGrr: number | null;
  quickRatio: number | null;
  arpa: number | null;
  /** Monthly customer churn rate. */
  churnRate: number | null;
  ltv: number | null;
}

/** The headline of the last month; `margin` is gross margin as a fraction of revenue (1: LTV is revenue). */
export function subscriptionHeadline(t: MrrTable, margin = 1): SubscriptionHeadline | null {
  const last = t.months - 1;
  if (last < 0) return null;
  let churned = 0;
  let atStart = 0;
  for (let m = Math.max(1, t.months - CHURN_MONTHS); m <= last; m++) {
    churned += t.churnedCustomers[m];
    atStart += t.customers[m - 1];
  }
  const customers = t.customers[last];
  const arpa = customers > 0 ? t.end[last] / customers : null;
  const churnRate = atStart > 0 ? churned / atStart : null;
  return {
    month: t.monthStart[last],
    mrr: t.end[last],
    arr: 12 * t.end[last],
    customers,
    nrr: t.nrr[last],
    grr: t.grr[last],
    trailingNrr: t.trailingNrr[last],
    trailingGrr: t.trailingGrr[last],
    quickRatio: t.quickRatio[last],
    arpa,
    churnRate,
    ltv: arpa !== null && churnRate ? (arpa * margin) / churnRate : null,
  };
}
