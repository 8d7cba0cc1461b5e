/**
 * `npm run bench`: every benchmark suite, one after another. Each suite prints its own times as
 * ratios against a peer measured in the same run; add a suite by adding its module here.
 */
export {};

const suites: string[] = [
  "./bench/cohorts.ts",
  "./bench/models.ts",
  "./bench/forecast.ts",
  "./bench/mrr.ts",
  "./bench/cli.ts",
  "./bench/channels.ts",
  "./bench/predictions.ts",
  "./bench/hostile-text.ts",
];

for (const suite of suites) {
  await import(suite);
}
