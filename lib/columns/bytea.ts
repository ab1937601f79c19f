import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toBytes } from "./coercers";

/** Binary data, written from a Buffer or Uint8Array and read as a Buffer. PostgreSQL `bytea`, SQLite `BLOB`. */
export function Bytea<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<Uint8Array>, TNullable, TSecret>,
): TypedColumn<Uint8Array, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Bytea(options: ColumnOptions<Uint8Array> = {}): ColumnType<Uint8Array> {
  checkOptions("Bytea", options, commonOptionNames);
  return new ColumnType<Uint8Array>("bytea", options, toBytes, () => Buffer.alloc(0));
}
