/**
 * Build progress the sidebar polls while the build call runs: the server records each step in the
 * user's properties under the sidebar's run id; a second google.script.run call reads it.
 */
export type Step = "waiting" | "reading" | "computing" | "writing" | "done";

export interface Progress {
  step: Step;
  /** The sheet being written, during "writing". */
  sheet?: string;
}

const PREFIX = "progress:";

function validRunId(runId: unknown): runId is string {
  return typeof runId === "string" && /^[\w-]{1,40}$/.test(runId);
}

/** Records a step; without a run id (the menu's refresh) there is nobody to tell. */
export function reportProgress(runId: string | undefined, progress: Progress): void {
  if (!validRunId(runId)) return;
  const properties = PropertiesService.getUserProperties();
  if (progress.step === "done") properties.deleteProperty(PREFIX + runId);
  else properties.setProperty(PREFIX + runId, JSON.stringify(progress));
}

export function readProgress(runId: string): Progress | null {
  if (!validRunId(runId)) return null;
  const value = PropertiesService.getUserProperties().getProperty(PREFIX + runId);
  return value ? (JSON.parse(value) as Progress) : null;
}
