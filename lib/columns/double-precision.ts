import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toFloat } from "./coercers";

/** 64-bit float. PostgreSQL `double precision`, SQLite `REAL`. */
export function DoublePrecision(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("DoublePrecision", options, commonOptionNames);
  return new ColumnType<number>("double", options, toFloat, () => 0);
}
