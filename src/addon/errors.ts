/**
 * Errors the sidebar shows to the user. A code lets the sidebar say it in the user's language;
 * the message is plain English with the specifics (which column, which row, what to do), and is
 * what the menu's alerts show.
 */
export type ErrorCode =
  | "busy"
  | "no-selection"
  | "own-sheet"
  | "source-missing"
  | "data"
  | "no-reports"
  | "internal";

export class AddonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AddonError";
  }
}

/** What a failed server call returns: the sidebar never sees a stack trace. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
}

/** Turns anything thrown into a {@link Failure}; errors from reading the data keep their words. */
export function failure(error: unknown): Failure {
  if (error instanceof AddonError) return { ok: false, code: error.code, message: error.message };
  if (error instanceof Error && /^(CellError|ColumnError|RangeError|TypeError)$/.test(error.name)) {
    return { ok: false, code: "data", message: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, code: "internal", message: `Something went wrong: ${detail}` };
}
