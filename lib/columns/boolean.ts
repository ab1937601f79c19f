import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toBoolean } from "./coercers";

/** true/false. PostgreSQL `boolean`, SQLite `INTEGER` 0/1. */
export function BooleanColumn(options: ColumnOptions<boolean> = {}): ColumnType<boolean> {
  checkOptions("BooleanColumn", options, commonOptionNames);
  return new ColumnType<boolean>("boolean", options, toBoolean, () => false);
}
