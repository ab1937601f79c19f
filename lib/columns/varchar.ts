import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toText } from "./coercers";

/** Text of at most `length` characters (default 255). PostgreSQL `varchar(n)`, SQLite `TEXT`. */
export function Varchar(options: ColumnOptions<string> & { length?: number } = {}): ColumnType<string> {
  checkOptions("Varchar", options, [...commonOptionNames, "length"]);
  return new ColumnType<string>("varchar", options, toText(options.length ?? 255), () => "", { length: options.length ?? 255 }, toText());
}
