import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { randomUUID } from "node:crypto";
import { toUuid } from "./coercers";

/** A UUID string; new rows get a random v4 UUID unless a default is given. PostgreSQL `uuid`, SQLite `TEXT`. */
export function UUID<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<string>, N, S>,
): TypedColumn<string, NoInfer<N>, NoInfer<S>>;
export function UUID(options: ColumnOptions<string> = {}): ColumnType<string> {
  checkOptions("UUID", options, commonOptionNames);
  return new ColumnType<string>("uuid", options, toUuid, () => randomUUID());
}
