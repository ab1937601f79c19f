import type { ColumnType } from "../columns/column-type";
import type { Now as NowMarker } from "../columns/now";
import { Text } from "../columns/text";
import { Timestamp } from "../columns/timestamp";
import { Timestamptz } from "../columns/timestamptz";
import { unknownTimeZone } from "../errors/factories";
import { parseDateFormat } from "../sql/dialects/date-format";
import { scalar, type NullIf } from "./functions";
import { checked } from "./scalar-functions";
import { Scalar } from "./scalar";

// Date and time functions as typed Scalars: DateFormat (strftime / to_char), AtTimeZone and Now.
// Dialects spell them (lib/sql/dialects/*/compiler.ts); patterns and zones are checked here, when built.

const textType = Text() as ColumnType<unknown>;
const timestampType = Timestamp() as ColumnType<unknown>;
const timestamptzType = Timestamptz() as ColumnType<unknown>;

/**
 * A date or timestamp as text in a portable pattern, formatted in UTC on both engines (a
 * Timestamptz as its UTC wall clock; wrap it in AtTimeZone() for another zone's). Tokens:
 * `%Y` year, `%m` month, `%d` day, `%H` hour (00-23), `%M` minute, `%S` second, `%f` seconds with
 * milliseconds (`05.123`), `%j` day of the year, `%%` a literal %; other text is kept as it is.
 * Any other token is refused with PICCOLO_UNSUPPORTED_DATE_FORMAT. Key "dateformat".
 * @example
 * Concert.select(DateFormat(Concert.c.startsAt, "%Y-%m-%d %H:%M").as("starts"))
 * // postgres: SELECT to_char(("concert"."startsAt" AT TIME ZONE 'UTC'), $1) AS "starts" FROM "concert"
 * // sqlite:   SELECT strftime(?, "concert"."startsAt") AS "starts" FROM "concert"
 */
export function DateFormat<TValue extends Date | string | null, TRoot>(
  expr: Scalar<TValue, string, TRoot>,
  pattern: string,
): Scalar<string | NullIf<TValue>, "dateformat", TRoot> {
  const type = checked(
    expr,
    "DateFormat",
    ["date", "timestamp", "timestamptz"],
    "DateColumn, Timestamp and Timestamptz",
  );
  const parts = parseDateFormat(pattern);
  return scalar(
    "DateFormat",
    "dateformat",
    [expr],
    ([e]) => ({ kind: "dateFormat", expr: e!, pattern: parts, type: type.dataType }),
    textType,
  );
}

/** Whether the runtime knows the IANA zone; offsets such as "+05:45" are refused (PostgreSQL reads them with POSIX's inverted sign). */
function isZoneName(zone: unknown): zone is string {
  if (typeof zone !== "string" || !/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall-clock time of a Timestamp or Timestamptz in an IANA zone, as a zone-less timestamp: a
 * Date whose UTC fields are the zone's local date and time (2024-03-01T20:30Z in "Asia/Kathmandu"
 * reads as 2024-03-02T02:15Z), ready for DateFormat() and Extract(). PostgreSQL `AT TIME ZONE`;
 * SQLite knows no zone rules and refuses every zone but UTC (PICCOLO_TIME_ZONE_UNSUPPORTED) when
 * the query compiles. Key "attimezone".
 * @example
 * Concert.select(AtTimeZone(Concert.c.startsAt, "Asia/Kathmandu").as("local")).toSQL()
 * // PostgreSQL: SELECT "concert"."startsAt" AT TIME ZONE CAST($1 AS TEXT) AS "local" FROM "concert"
 */
export function AtTimeZone<TValue extends Date | null, TRoot>(
  expr: Scalar<TValue, string, TRoot>,
  zone: string,
): Scalar<Date | NullIf<TValue>, "attimezone", TRoot> {
  const type = checked(expr, "AtTimeZone", ["timestamp", "timestamptz"], "Timestamp and Timestamptz");
  if (!isZoneName(zone)) throw unknownTimeZone(zone);
  return scalar(
    "AtTimeZone",
    "attimezone",
    [expr],
    ([e]) => ({ kind: "atTimeZone", expr: e!, zone, type: type.dataType }),
    timestampType,
  );
}

/**
 * The database's current date and time, for select, where and update values. Compared with or
 * assigned to a column it takes that column's form (a Timestamp's UTC, a DateColumn's day, a
 * Time's time of day), as a `now` default does; alone it is a Timestamptz. Key "now".
 * @example
 * Concert.update({ startsAt: Now() }).where(Concert.c.startsAt.lt(Now()))
 * // postgres: UPDATE "concert" SET "startsAt" = CURRENT_TIMESTAMP WHERE "concert"."startsAt" < CURRENT_TIMESTAMP
 * // sqlite:   UPDATE "concert" SET "startsAt" = (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) WHERE "concert"."startsAt" <
 * //           (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
 */
export function Now(): Scalar<Date, "now"> {
  return new Scalar<Date, "now">({ kind: "now" }, [], undefined, "now", timestamptzType);
}

/** As a type, `Now` is still the type of the `now` default marker (columns/now.ts). */
export type Now = NowMarker;
