/**
 * A model's complaint about the data, as a report sheet says it: in the report's language where the
 * kind of problem is known (nobody bought again; the likelihood runs to a boundary), else the model's
 * own English words. The formula's argument name the complaint starts with means nothing on a sheet.
 */
import { IdentificationError } from "../fit/mle";
import type { MetricError } from "../metrics/errors";
import type { ReportWords } from "./words";

export function fitErrorText(error: MetricError, w: ReportWords): string {
  if (error instanceof IdentificationError) {
    if (error.kind === "no-repeat") return w.fitNoRepeat;
    if (error.kind === "no-maximum") return w.fitNoMaximum(error.detail.replace(/^— /, ""));
  }
  return error.message;
}
