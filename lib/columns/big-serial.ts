import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toBigInt } from "./coercers";

/** Auto-incrementing 64-bit primary key read as a `bigint`. PostgreSQL `bigserial`, SQLite `INTEGER PRIMARY KEY`. */
export function BigSerial<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<bigint>, TNullable, TSecret>,
): TypedColumn<bigint, NoInfer<TNullable>, NoInfer<TSecret>>;
export function BigSerial(options: ColumnOptions<bigint> = {}): ColumnType<bigint> {
  checkOptions("BigSerial", options, commonOptionNames);
  return new ColumnType<bigint>("bigserial", options, toBigInt, () => null);
}
