import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import type { WithNow } from "./now";
import { toTimestamp } from "./coercers";

/** A point in time without zone, read and written as UTC (defaults to now). PostgreSQL `timestamp`, SQLite ISO text. */
export function Timestamp<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<WithNow<ColumnOptions<Date>>, TNullable, TSecret>,
): TypedColumn<Date, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Timestamp(options: WithNow<ColumnOptions<Date>> = {}): ColumnType<Date> {
  checkOptions("Timestamp", options, commonOptionNames);
  return new ColumnType<Date>("timestamp", options as ColumnOptions<Date>, toTimestamp, () => new Date());
}
