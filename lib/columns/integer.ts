import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { integerIn } from "./coercers";

/**
 * 32-bit integer. PostgreSQL `integer`, SQLite `INTEGER`. `choices` (a list or a numeric enum)
 * narrow the value type: `Integer({ choices: Size })` is a `ColumnType<Size>`.
 */
export function Integer<V extends number = number>(options: ColumnOptions<V> = {}): ColumnType<V> {
  checkOptions("Integer", options, commonOptionNames);
  return new ColumnType<V>("integer", options, integerIn(-2147483648, 2147483647, "a 32-bit integer") as never, () => 0 as V);
}
