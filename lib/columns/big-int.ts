import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toBigInt } from "./coercers";

/** 64-bit integer read as a JS `bigint`, never a rounded number. PostgreSQL `bigint`, SQLite `INTEGER`. */
export function BigIntColumn<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<bigint>, TNullable, TSecret>,
): TypedColumn<bigint, NoInfer<TNullable>, NoInfer<TSecret>>;
export function BigIntColumn(options: ColumnOptions<bigint> = {}): ColumnType<bigint> {
  checkOptions("BigIntColumn", options, commonOptionNames);
  return new ColumnType<bigint>("bigint", options, toBigInt, () => 0n);
}
