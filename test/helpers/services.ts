/**
 * Installs fake Apps Script services as globals for tests that import src/addon modules directly
 * (the bundle tests pass the same services to `loadBundle` instead).
 */
import { resetSheetContext } from "../../src/addon/context";

export function installGlobals(services: Record<string, unknown>): () => void {
  const g = globalThis as Record<string, unknown>;
  const previous = Object.fromEntries(Object.keys(services).map((k) => [k, g[k]]));
  Object.assign(g, services);
  resetSheetContext();
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete g[k];
      else g[k] = v;
    }
    resetSheetContext();
  };
}
