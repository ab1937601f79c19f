import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toJson } from "./coercers";

/** Any JSON value, stored as text and parsed on read. PostgreSQL `json`, SQLite `TEXT`. */
export function JSONColumn<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<unknown>, N, S>,
): TypedColumn<unknown, NoInfer<N>, NoInfer<S>>;
export function JSONColumn(options: ColumnOptions<unknown> = {}): ColumnType<unknown> {
  checkOptions("JSONColumn", options, commonOptionNames);
  return new ColumnType<unknown>("json", options, toJson, () => null);
}
