import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toText } from "./coercers";

/**
 * Text of at most `length` characters (default 255). PostgreSQL `varchar(n)`, SQLite `TEXT`.
 * `choices` (a list or a string enum) narrow the value type: `Varchar({ choices: Genre })` is a
 * `ColumnType<Genre>`, so the field must be declared `Genre`.
 */
export function Varchar<V extends string = string>(options: ColumnOptions<V> & { length?: number } = {}): ColumnType<V> {
  checkOptions("Varchar", options, [...commonOptionNames, "length"]);
  return new ColumnType<V>("varchar", options, toText(options.length ?? 255) as never, () => "" as V, { length: options.length ?? 255 }, toText() as never);
}
