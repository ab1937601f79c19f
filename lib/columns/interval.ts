import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toInterval } from "./coercers";

/**
 * A duration as a number of milliseconds, exact down to microseconds: `Interval({ default: 90 * 60_000 })`.
 * PostgreSQL `interval` (months and years, which have no fixed length, read as 30 and 365.25 days,
 * as `EXTRACT(EPOCH FROM …)` counts them); SQLite `REAL`.
 */
export function Interval<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, TNullable, TSecret>,
): TypedColumn<number, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Interval(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("Interval", options, commonOptionNames);
  return new ColumnType<number>("interval", options, toInterval, () => 0);
}
