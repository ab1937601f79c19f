import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toFloat } from "./coercers";

/** 64-bit float. PostgreSQL `double precision`, SQLite `REAL`. */
export function DoublePrecision<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, TNullable, TSecret>,
): TypedColumn<number, NoInfer<TNullable>, NoInfer<TSecret>>;
export function DoublePrecision(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("DoublePrecision", options, commonOptionNames);
  return new ColumnType<number>("double", options, toFloat, () => 0);
}
