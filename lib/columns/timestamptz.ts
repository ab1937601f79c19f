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
export function Timestamptz<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<WithNow<ColumnOptions<Date>>, N, S>,
): TypedColumn<Date, NoInfer<N>, NoInfer<S>>;
export function Timestamptz(options: WithNow<ColumnOptions<Date>> = {}): ColumnType<Date> {
  checkOptions("Timestamptz", options, commonOptionNames);
  return new ColumnType<Date>("timestamptz", options as ColumnOptions<Date>, toTimestamp, () => new Date());
}
