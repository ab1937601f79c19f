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
export function JSONColumn<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<unknown>, TNullable, TSecret>,
): TypedColumn<unknown, NoInfer<TNullable>, NoInfer<TSecret>>;
export function JSONColumn(options: ColumnOptions<unknown> = {}): ColumnType<unknown> {
  checkOptions("JSONColumn", options, commonOptionNames);
  return new ColumnType<unknown>("json", options, toJson, () => null);
}
