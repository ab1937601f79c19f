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
export function SmallInt<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, TNullable, TSecret>,
): TypedColumn<number, NoInfer<TNullable>, NoInfer<TSecret>>;
export function SmallInt(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("SmallInt", options, commonOptionNames);
  return new ColumnType<number>("smallint", options, integerIn(-32768, 32767, "a 16-bit integer"), () => 0);
}
