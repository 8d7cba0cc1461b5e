/**
 * A model's complaint about the data, as a report sheet says it, in the report's language: nobody
 * bought again, the likelihood runs to a boundary, the spend model's mean is unbounded, the data do
 * not pin an interval; any other complaint in general words (English keeps the model's own). The
 * formula's argument name the complaint starts with means nothing on a sheet.
 */
import { IdentificationError } from "../fit/mle";
import type { MetricError } from "../metrics/errors";
import { UnpinnedIntervalError } from "../models/clv-interval";
import { UnboundedMeanError } from "../models/gamma-gamma";
import type { ReportWords } from "./words";

export function fitErrorText(error: MetricError, w: ReportWords): string {
  if (error instanceof IdentificationError) {
    if (error.kind === "no-repeat") return w.fitNoRepeat;
    if (error.kind === "no-maximum") return w.fitNoMaximum(error.detail.replace(/^— /, ""), error.boundary);
  }
  if (error instanceof UnboundedMeanError) return w.fitUnboundedMean(error.q);
  if (error instanceof UnpinnedIntervalError) return w.intervalUnpinned(error.model);
  return w.fitOther(error.message);
}
