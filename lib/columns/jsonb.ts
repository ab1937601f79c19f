import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toJson } from "./coercers";

/** Any JSON value in binary form. PostgreSQL `jsonb`, SQLite `TEXT`. */
export function JSONB<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<unknown>, TNullable, TSecret>,
): TypedColumn<unknown, NoInfer<TNullable>, NoInfer<TSecret>>;
export function JSONB(options: ColumnOptions<unknown> = {}): ColumnType<unknown> {
  checkOptions("JSONB", options, commonOptionNames);
  return new ColumnType<unknown>("jsonb", options, toJson, () => null);
}
