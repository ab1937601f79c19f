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
export function BooleanColumn<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<boolean>, N, S>,
): TypedColumn<boolean, NoInfer<N>, NoInfer<S>>;
export function BooleanColumn(options: ColumnOptions<boolean> = {}): ColumnType<boolean> {
  checkOptions("BooleanColumn", options, commonOptionNames);
  return new ColumnType<boolean>("boolean", options, toBoolean, () => false);
}
