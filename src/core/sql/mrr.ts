/**
 * The Subscription sheet's MRR movements computed inside a database, with subscription/mrr.ts's
 * definitions to the letter: a payment of A over n months adds A / n to each of the n calendar months
 * from the month of its day (cut at the observation end's month), a customer's MRR in a month is what
 * their payments add to it when that is above noise, and the movements, cohorts and trailing
 * retention follow from month to month.
 *
 * One rule is sequential: a change under half a cent is no change, the customer keeping the MRR they
 * had, so a run of such changes is compared with the MRR kept, not with the month before. SQL without
 * recursion (which node-sql-parser's BigQuery grammar does not read) cannot follow that, so the
 * queries aggregate every customer without such a change — for them the MRR of a month is what their
 * payments add to it — and return the few customers with one (a change above noise and under half a
 * cent) month by month, for {@link mrrTableFromRows} to walk as mrrTable does.
 */
import { type DayNumber, isoDay } from "../cells";
import { periodIndex } from "../cohorts/periods";
import { MIN_CHANGE, MrrSums, type MrrTable, mrrMonths, NOISE, TRAILING } from "../subscription/mrr";
import { type Dialect, SPELLING, type SqlParam, type SqlQuery } from "./dialect";
import { parameters, type SqlSource, typedSource, Writer } from "./queries";

/** Per month (absolute month index, periods.ts), the sums of the customers aggregated in SQL. */
export interface MrrMonthRow {
  m: number;
  end_mrr: number;
  customers: number;
  added: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churned: number;
  churned_customers: number;
  trailing_base: number;
  trailing_now: number;
  trailing_kept: number;
}

/** Per cohort (the month of its customers' first MRR) and k months on: their MRR; customers at k = 0 is the cohort's size. */
export interface MrrCohortRow {
  cohort: number;
  k: number;
  mrr: number;
  customers: number;
}

/** What one customer left to JavaScript has paid for one month (net of refunds; every month a payment covers). */
export interface MrrWalkRow {
  id: string;
  m: number;
  net: number;
}

export interface MrrQueries {
  mrrMonths: SqlQuery;
  mrrCohorts: SqlQuery;
  mrrWalk: SqlQuery;
}

/** The MRR queries of the rows up to `end` (every payment a month without a term column). */
export function mrrQueries(dialect: Dialect, source: SqlSource, end: DayNumber): MrrQueries {
  const s = SPELLING[dialect];
  const values: Record<string, SqlParam> = {
    ...parameters(source, undefined),
    observation_end: { name: "observation_end", type: "STRING", value: isoDay(end) },
    end_month: { name: "end_month", type: "INT64", value: periodIndex("month", end) },
  };
  const lag = (f: "LAG" | "LEAD", column: string) => `${f}(${column}) OVER (PARTITION BY id ORDER BY m)`;
  const neighbour = (f: "LAG" | "LEAD", step: string) =>
    `CASE WHEN ${lag(f, "m")} = m ${step} AND ${lag(f, "net")} > ${NOISE} THEN ${lag(f, "net")} ELSE 0.0 END`;
  const months =
    dialect === "bigquery"
      ? "UNNEST(GENERATE_ARRAY(p.first_m, p.last_m)) AS m"
      : "UNNEST(generate_series(p.first_m, p.last_m)) AS g(m)";
  /** Each customer's months: net paid, MRR (v), MRR the month before and after, first month with MRR, and whether JavaScript walks them. */
  const payments = {
    ...source,
    columns: { ...source.columns, segment: undefined, margin: undefined, cost: undefined, order: undefined },
  };
  const months_ = (w: Writer) => `WITH ${typedSource(w, payments, undefined)},
  pays AS (
    SELECT id, m0 AS first_m, LEAST(m0 + term - 1, ${w.p("end_month")}) AS last_m, amount / term AS share FROM (
      SELECT id, EXTRACT(YEAR FROM tx_date) * 12 + EXTRACT(MONTH FROM tx_date) - 1 AS m0, amount, ${source.columns.term ? "term" : "1 AS term"}
      FROM source WHERE id IS NOT NULL AND id != '' AND amount IS NOT NULL AND tx_date <= CAST(${w.p("observation_end")} AS DATE)
    ) AS rows_in
  ),
  nets AS (SELECT p.id, m, SUM(p.share) AS net FROM pays AS p CROSS JOIN ${months} GROUP BY p.id, m),
  steps AS (
    SELECT id, m, net, CASE WHEN net > ${NOISE} THEN net ELSE 0.0 END AS v,
      ${neighbour("LAG", "- 1")} AS prev_v,
      ${neighbour("LEAD", "+ 1")} AS next_v,
      MIN(CASE WHEN net > ${NOISE} THEN m END) OVER (PARTITION BY id) AS first_m
    FROM nets
  ),
  flagged AS (
    SELECT id, m, net, v, prev_v, next_v, first_m,
      MAX(CASE WHEN v > 0 AND prev_v > 0 AND ABS(v - prev_v) > ${NOISE} AND ABS(v - prev_v) < ${MIN_CHANGE} THEN 1 ELSE 0 END)
        OVER (PARTITION BY id) AS walked
    FROM steps
  ),
  kept AS${s.inline} (SELECT id, m, v, prev_v, next_v, first_m FROM flagged WHERE walked = 0 AND v > 0)`;

  const w1 = new Writer(dialect, values);
  const d = "v - prev_v";
  const mrrMonthsQuery = w1.query(`${months_(w1)},
  events AS (
    SELECT m, v AS end_mrr, 1 AS customers, CASE WHEN m = first_m THEN v ELSE 0.0 END AS added,
      CASE WHEN prev_v > 0 AND ${d} >= ${MIN_CHANGE} THEN ${d} ELSE 0.0 END AS expansion,
      CASE WHEN prev_v = 0 AND m > first_m THEN v ELSE 0.0 END AS reactivation,
      CASE WHEN prev_v > 0 AND ${d} <= -${MIN_CHANGE} THEN ${d} ELSE 0.0 END AS contraction,
      0.0 AS churned, 0 AS churned_customers, 0.0 AS trailing_base, 0.0 AS trailing_now, 0.0 AS trailing_kept
    FROM kept
    UNION ALL
    SELECT m + 1, 0.0, 0, 0.0, 0.0, 0.0, 0.0, -v, 1, 0.0, 0.0, 0.0
    FROM kept WHERE next_v = 0 AND m + 1 <= ${w1.p("end_month")}
    UNION ALL
    SELECT a.m + ${TRAILING}, 0.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, a.v, COALESCE(b.v, 0.0), LEAST(COALESCE(b.v, 0.0), a.v)
    FROM kept AS a LEFT JOIN kept AS b ON b.id = a.id AND b.m = a.m + ${TRAILING}
    WHERE a.m + ${TRAILING} <= ${w1.p("end_month")}
  )
SELECT m, SUM(end_mrr) AS end_mrr, SUM(customers) AS customers, SUM(added) AS added, SUM(expansion) AS expansion,
  SUM(reactivation) AS reactivation, SUM(contraction) AS contraction, SUM(churned) AS churned,
  SUM(churned_customers) AS churned_customers, SUM(trailing_base) AS trailing_base,
  SUM(trailing_now) AS trailing_now, SUM(trailing_kept) AS trailing_kept
FROM events GROUP BY m ORDER BY m`);

  const w2 = new Writer(dialect, values);
  const mrrCohorts = w2.query(`${months_(w2)}
SELECT first_m AS cohort, m - first_m AS k, SUM(v) AS mrr, COUNT(*) AS customers
FROM kept GROUP BY first_m, k ORDER BY cohort, k`);

  const w3 = new Writer(dialect, values);
  const mrrWalk = w3.query(`${months_(w3)}
SELECT id, m, net FROM flagged WHERE walked = 1 ORDER BY id, m`);

  return { mrrMonths: mrrMonthsQuery, mrrCohorts, mrrWalk };
}

/** The MRR table of the queries' rows: their sums, plus the customers they leave to JavaScript walked as mrrTable walks them. */
export function mrrTableFromRows(
  rows: {
    mrrMonths: readonly MrrMonthRow[];
    mrrCohorts: readonly MrrCohortRow[];
    mrrWalk: readonly MrrWalkRow[];
  },
  firstDay: DayNumber,
  end: DayNumber,
): MrrTable {
  const { firstMonth, width } = mrrMonths(firstDay, end);
  const sums = new MrrSums(firstMonth, width);
  for (const r of rows.mrrMonths) {
    const m = r.m - firstMonth;
    sums.end[m] += r.end_mrr;
    sums.customers[m] += r.customers;
    sums.added[m] += r.added;
    sums.expansion[m] += r.expansion;
    sums.reactivation[m] += r.reactivation;
    sums.contraction[m] += r.contraction;
    sums.churned[m] += r.churned;
    sums.churnedCustomers[m] += r.churned_customers;
    sums.trailingBase[m] += r.trailing_base;
    sums.trailingNow[m] += r.trailing_now;
    sums.trailingKept[m] += r.trailing_kept;
  }
  for (const r of rows.mrrCohorts) {
    const c = r.cohort - firstMonth;
    sums.cohortMrr[c * width + r.k] += r.mrr;
    if (r.k === 0) sums.cohortSize[c] += r.customers;
  }
  const contribution = new Float64Array(width);
  const walk = rows.mrrWalk;
  for (let i = 0; i < walk.length; ) {
    const lo = walk[i].m - firstMonth;
    let hi = lo;
    const id = walk[i].id;
    for (; i < walk.length && walk[i].id === id; i++) {
      hi = walk[i].m - firstMonth;
      contribution[hi] = walk[i].net;
    }
    sums.walk(contribution, lo, hi);
  }
  return sums.table();
}
