// Values PostgreSQL types carry differently from their JS form: intervals, arrays, binary defaults.

/** A duration in milliseconds as interval input PostgreSQL reads exactly (whole microseconds). */
export function intervalInput(ms: number): string {
  // Past 2^53 microseconds the coercer allows whole milliseconds only, multiplied exactly here.
  const micros = Math.abs(ms * 1000) <= Number.MAX_SAFE_INTEGER ? BigInt(Math.round(ms * 1000)) : BigInt(ms) * 1000n;
  return `${micros} microseconds`;
}

/** The fields node-postgres (postgres-interval) parses an interval into. */
interface ParsedInterval {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

const secondsPerYear = 31_557_600; // 365.25 days, as EXTRACT(EPOCH FROM interval) counts a year
const secondsPerMonth = 2_592_000; // 30 days

/**
 * An interval as milliseconds, counted in whole microseconds so that the result is exact: months
 * beyond whole years count 30 days and years 365.25 days, as PostgreSQL's EXTRACT(EPOCH) does.
 */
export function intervalToMs(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const v = value as ParsedInterval;
  const months = (v.years ?? 0) * 12 + (v.months ?? 0);
  const seconds =
    Math.trunc(months / 12) * secondsPerYear +
    (months % 12) * secondsPerMonth +
    (v.days ?? 0) * 86_400 +
    (v.hours ?? 0) * 3_600 +
    (v.minutes ?? 0) * 60 +
    (v.seconds ?? 0);
  const micros = BigInt(seconds) * 1_000_000n + BigInt(Math.round((v.milliseconds ?? 0) * 1000));
  return micros % 1000n === 0n ? Number(micros / 1000n) : Number(micros) / 1000;
}

/** An array literal such as `{"a","b",NULL}` for DDL defaults; elements are already encoded. */
export function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/[\\"]/g, "\\$&")}"`));
  return `{${items.join(",")}}`;
}
