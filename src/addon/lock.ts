/**
 * One build at a time per spreadsheet. Two colleagues clicking Build together would interleave
 * writes into the same sheets; the document lock makes the second one wait a little, then tells
 * them plainly to try again instead of failing silently.
 */
import { AddonError } from "./errors";

/** How long a second build waits for the first before giving up. */
const WAIT_MS = 20_000;

/**
 * Runs `fn` holding the document lock. `getDocumentLock()` gives null when Apps Script has no
 * document to lock for this execution: that is not a colleague building, and is said differently.
 */
export function withDocumentLock<T>(fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new AddonError("no-lock", { key: "noLock" });
  if (!lock.tryLock(WAIT_MS)) throw new AddonError("busy", { key: "busy" });
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
