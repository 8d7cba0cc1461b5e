/**
 * Hand-worked payback data, shared by the Payback sheet's tests and PAYBACK_CURVE's. January: 2
 * customers buying 10 each in months 0–2, then 30 and 10 in month 3, so 10, 20, 30, 50 per customer;
 * at CAC 100 / 2 = 50 that is 0.2, 0.4, 0.6, 1: paid back in period 3. February: 1 customer buying 10
 * then 5, so 10, 15, 15; at CAC 100 that is 0.1, 0.15, 0.15: not yet.
 */
export const PAYBACK_PURCHASES: [string, string, number][] = [
  ["a1", "2024-01-05", 10],
  ["a2", "2024-01-06", 10],
  ["a1", "2024-02-05", 10],
  ["a2", "2024-02-06", 10],
  ["a1", "2024-03-05", 10],
  ["a2", "2024-03-06", 10],
  ["a1", "2024-04-30", 30],
  ["a2", "2024-04-30", 10],
  ["b1", "2024-02-10", 10],
  ["b1", "2024-03-10", 5],
];

export const PAYBACK_SPEND: [string, number][] = [
  ["2024-01-01", 100],
  ["2024-02-01", 100],
];
