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

/** A point in time with zone (defaults to now). PostgreSQL `timestamptz`, SQLite ISO text in UTC. */
export function Timestamptz<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<WithNow<ColumnOptions<Date>>, TNullable, TSecret>,
): TypedColumn<Date, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Timestamptz(options: WithNow<ColumnOptions<Date>> = {}): ColumnType<Date> {
  checkOptions("Timestamptz", options, commonOptionNames);
  return new ColumnType<Date>("timestamptz", options as ColumnOptions<Date>, toTimestamp, () => new Date());
}
