import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toFloat } from "./coercers";

/** 32-bit float. PostgreSQL `real`, SQLite `REAL`. */
export function Real(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("Real", options, commonOptionNames);
  return new ColumnType<number>("real", options, toFloat, () => 0);
}
