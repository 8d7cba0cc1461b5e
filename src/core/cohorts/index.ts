/** The cohort engine: typed transactions, calendar periods, the cohort table and the RFM summary. */
export * from "./cohort-table";
export * from "./periods";
export * from "./rfm";
export * from "./transactions";
