import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { integerIn } from "./coercers";

/** 16-bit integer. PostgreSQL `smallint`, SQLite `INTEGER`. */
export function SmallInt<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, N, S>,
): TypedColumn<number, NoInfer<N>, NoInfer<S>>;
export function SmallInt(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("SmallInt", options, commonOptionNames);
  return new ColumnType<number>("smallint", options, integerIn(-32768, 32767, "a 16-bit integer"), () => 0);
}
