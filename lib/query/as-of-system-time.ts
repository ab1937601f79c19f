import { invalidAsOfSystemTime } from "../errors/factories";

/** Units of a CockroachDB interval in `asOfSystemTime()`. */
export type IntervalUnit = "us" | "ms" | "s" | "m" | "h";

/**
 * When a CockroachDB read happens (`AS OF SYSTEM TIME`): a Date, a negative interval before now
 * ("-10s", "-1m30s"), or "follower_read_timestamp()" (the newest time a follower replica can serve).
 */
export type AsOfSystemTime =
  | Date
  | `-${number}${IntervalUnit}`
  | `-${number}${IntervalUnit}${number}${IntervalUnit}`
  | "follower_read_timestamp()";

// Digits and units only: the value is written into the SQL (CockroachDB reads it before planning).
const negativeInterval = /^-(?:\d+(?:\.\d+)?(?:us|ms|s|m|h))+$/;

/** The time as given, once it is one asOfSystemTime() accepts. */
export function checkAsOfSystemTime(time: unknown): Date | string {
  if (time instanceof Date) {
    if (Number.isNaN(time.getTime())) throw invalidAsOfSystemTime(time);
    return time;
  }
  if (time === "follower_read_timestamp()") return time;
  if (typeof time === "string" && negativeInterval.test(time)) return time;
  throw invalidAsOfSystemTime(time);
}
