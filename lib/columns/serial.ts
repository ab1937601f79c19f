import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { integerIn } from "./coercers";

/** Auto-incrementing 32-bit primary key; the default `id` column. PostgreSQL `serial`, SQLite `INTEGER PRIMARY KEY`. */
export function Serial<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<number>, TNullable, TSecret>,
): TypedColumn<number, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Serial(options: ColumnOptions<number> = {}): ColumnType<number> {
  checkOptions("Serial", options, commonOptionNames);
  return new ColumnType<number>(
    "serial",
    options,
    integerIn(1, 2147483647, "a positive 32-bit integer"),
    () => null,
    {},
    integerIn(-2147483648, 2147483647, "a 32-bit integer"),
  );
}
