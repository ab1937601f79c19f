import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import type { WithNow } from "./now";
import { toTime } from "./coercers";

/**
 * A time of day as an "HH:MM:SS[.ffffff]" string (defaults to now, UTC). PostgreSQL `time`, SQLite
 * `TEXT`; "14:30" and "14:30:00.500" are stored as "14:30:00" and "14:30:00.5", as PostgreSQL prints them.
 */
export function Time<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<WithNow<ColumnOptions<string>>, TNullable, TSecret>,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Time(options: WithNow<ColumnOptions<string>> = {}): ColumnType<string> {
  checkOptions("Time", options, commonOptionNames);
  return new ColumnType<string>("time", options as ColumnOptions<string>, toTime, () =>
    new Date().toISOString().slice(11, 19),
  );
}
