/** The sidebar's script: a placeholder until the report issue lands. */
export {};

const statusLine = document.getElementById("status");
if (statusLine) statusLine.dataset.ready = "true";
