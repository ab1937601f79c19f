import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toBoolean } from "./coercers";

/** true/false. PostgreSQL `boolean`, SQLite `INTEGER` 0/1. */
export function BooleanColumn<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<boolean>, TNullable, TSecret>,
): TypedColumn<boolean, NoInfer<TNullable>, NoInfer<TSecret>>;
export function BooleanColumn(options: ColumnOptions<boolean> = {}): ColumnType<boolean> {
  checkOptions("BooleanColumn", options, commonOptionNames);
  return new ColumnType<boolean>("boolean", options, toBoolean, () => false);
}
