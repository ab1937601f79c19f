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
export function JSONB<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<unknown>, N, S>,
): TypedColumn<unknown, NoInfer<N>, NoInfer<S>>;
export function JSONB(options: ColumnOptions<unknown> = {}): ColumnType<unknown> {
  checkOptions("JSONB", options, commonOptionNames);
  return new ColumnType<unknown>("jsonb", options, toJson, () => null);
}
