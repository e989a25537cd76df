/**
 * Fixed bounds on what one query may ask for and what one answer may hold, checked before any
 * handler runs (protocol layer) or as a frame is encoded. The README's "Reliability" section lists
 * them; the ones a user may need to raise for a large estate (response bytes, series) are
 * datasource settings instead and live with their source.
 */

/** A query model (the JSON a panel sends) larger than this is refused: real ones are a few KiB. */
export const MAX_QUERY_JSON_BYTES = 64 * 1024;

/** Objects and arrays nested deeper than this are refused before anything walks them recursively. */
export const MAX_QUERY_JSON_DEPTH = 32;

/**
 * Points per series. Grafana's Prometheus datasource widens its step to at least range / 11,000
 * ("safe interval": Prometheus refuses range queries over 11,000 points per series); every query
 * type here does the same, whatever maxDataPoints a caller sends.
 */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * Grafana's interval (a panel's "Min interval" may say `1y`) is used up to this: a step of ten
 * years already makes every range a handful of points, and longer ones overflow PromQL durations.
 */
export const MAX_INTERVAL_MS = 10 * 365.25 * 86_400_000;

/** Dates JavaScript can hold: ±8.64e15 ms, about ±273,790 years around 1970 (ECMA-262 §21.4.1.22). */
export const MAX_EPOCH_MS = 8.64e15;

/** Notices per frame; past it, the last one says how many more there were. */
export const MAX_NOTICES_PER_FRAME = 20;

/** Characters of one notice's text. */
export const MAX_NOTICE_CHARS = 1_000;

/** Characters of an error message a query or resource answers with. */
export const MAX_ERROR_CHARS = 2_000;

/** Characters of user input quoted back in a message. */
export const MAX_ECHO_CHARS = 100;

/**
 * Groups of a billing answer: series per measure over time, and rows of a table. A bill grouped by
 * account, region, service and instance type can hold hundreds of thousands; past these, the groups
 * that cost most are kept and the rest summed as one "(others)" group, with a notice.
 */
export const MAX_BILLING_SERIES_GROUPS = 500;
export const MAX_BILLING_TABLE_ROWS = 10_000;
