import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toFloat } from "./coercers";

/** 32-bit float. PostgreSQL `real`, SQLite `REAL`. */
export function Real<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, TNullable, TSecret>,
): TypedColumn<number, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Real(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("Real", options, commonOptionNames);
  return new ColumnType<number>("real", options, toFloat, () => 0);
}
