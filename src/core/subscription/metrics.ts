/**
 * Revenue retention ratios of one month's MRR movements, as ChartMogul and Baremetrics define them
 * (ChartMogul, "Net MRR Retention" and "Gross MRR Retention"; Baremetrics, "Quick Ratio"):
 * - net revenue retention NRR = (start + expansion + contraction + churned) / start;
 * - gross revenue retention GRR = (start + contraction + churned) / start;
 * - quick ratio = (new + expansion + reactivation) / −(contraction + churned).
 * Contraction and churned are the movements' signs (≤ 0); callers with amounts lost as positive
 * numbers pass their negation. A zero denominator raises {@link ZeroDenominatorError}.
 */
import { MetricError, ratio, ZeroDenominatorError } from "../metrics/errors";

/** A loss given either as a movement (≤ 0) or as the positive amount lost: as a movement. */
export const asLoss = (x: number): number => -Math.abs(x);

/** MRR at start must be 0 or more, and the losses no more than it (customers lose only what they had). */
function check(start: number, contraction: number, churned: number): void {
  if (start < 0) throw new MetricError("mrr_start", `is ${start} — MRR cannot be negative`);
  const lost = -(contraction + churned);
  if (lost > start * (1 + 1e-12))
    throw new MetricError(
      "churned",
      `and contraction lose ${lost}, more than mrr_start (${start}) — customers can lose only the MRR they had`,
    );
}

/** @example nrr(1000, 50, -20, -30) // 1 */
export function nrr(start: number, expansion: number, contraction: number, churned: number): number {
  check(start, contraction, churned);
  return ratio(
    start + expansion + contraction + churned,
    start,
    ["mrr_start", "mrr_start"],
    "there was no MRR to retain",
  );
}

/** @example grr(1000, -20, -30) // 0.95 */
export function grr(start: number, contraction: number, churned: number): number {
  check(start, contraction, churned);
  return ratio(
    start + contraction + churned,
    start,
    ["mrr_start", "mrr_start"],
    "there was no MRR to retain",
  );
}

/** @example quickRatio(40, 20, 0, -10, -20) // 2 */
export function quickRatio(
  added: number,
  expansion: number,
  reactivation: number,
  contraction: number,
  churned: number,
): number {
  return ratio(
    added + expansion + reactivation,
    -(contraction + churned),
    ["expansion", "contraction"],
    "no MRR was lost, so the quick ratio is unbounded",
  );
}

/** A ratio, or null where its denominator is 0 (a blank cell in a table). */
export function orBlank(compute: () => number): number | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof ZeroDenominatorError) return null;
    throw error;
  }
}
