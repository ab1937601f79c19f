import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { integerIn } from "./coercers";

/** 32-bit integer. PostgreSQL `integer`, SQLite `INTEGER`. */
export function Integer(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("Integer", options, commonOptionNames);
  return new ColumnType<number>("integer", options, integerIn(-2147483648, 2147483647, "a 32-bit integer"), () => 0);
}
