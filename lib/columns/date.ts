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
export function DateColumn<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<WithNow<ColumnOptions<string>>, N, S>,
): TypedColumn<string, NoInfer<N>, NoInfer<S>>;
export function DateColumn(options: WithNow<ColumnOptions<string>> = {}): ColumnType<string> {
  checkOptions("DateColumn", options, commonOptionNames);
  return new ColumnType<string>("date", options as ColumnOptions<string>, toDateString, () =>
    new Date().toISOString().slice(0, 10),
  );
}
