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
export function Real<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, N, S>,
): TypedColumn<number, NoInfer<N>, NoInfer<S>>;
export function Real(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("Real", options, commonOptionNames);
  return new ColumnType<number>("real", options, toFloat, () => 0);
}
