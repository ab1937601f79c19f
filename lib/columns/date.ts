import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import type { WithNow } from "./now";
import { toDateString } from "./coercers";

/** A calendar date as a "YYYY-MM-DD" string (defaults to today, UTC). PostgreSQL `date`, SQLite `TEXT`. */
export function DateColumn<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<WithNow<ColumnOptions<string>>, TNullable, TSecret>,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function DateColumn(options: WithNow<ColumnOptions<string>> = {}): ColumnType<string> {
  checkOptions("DateColumn", options, commonOptionNames);
  return new ColumnType<string>("date", options as ColumnOptions<string>, toDateString, () =>
    new Date().toISOString().slice(0, 10),
  );
}
