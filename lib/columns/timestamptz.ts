import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toTimestamp } from "./coercers";

/** A point in time with zone (defaults to now). PostgreSQL `timestamptz`, SQLite ISO text in UTC. */
export function Timestamptz(options: ColumnOptions<Date> = {}): ColumnType<Date> {
  checkOptions("Timestamptz", options, commonOptionNames);
  return new ColumnType<Date>("timestamptz", options, toTimestamp, () => new Date());
}
