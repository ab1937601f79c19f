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
export function UUID<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<string>, TNullable, TSecret>,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function UUID(options: ColumnOptions<string> = {}): ColumnType<string> {
  checkOptions("UUID", options, commonOptionNames);
  return new ColumnType<string>("uuid", options, toUuid, () => randomUUID());
}
