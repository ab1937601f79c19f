import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toText } from "./coercers";

/** Unlimited-length text. PostgreSQL `text`, SQLite `TEXT`. */
export function Text(options: ColumnOptions<string> = {}): ColumnType<string> {
  checkOptions("Text", options, commonOptionNames);
  return new ColumnType<string>("text", options, toText(), () => "");
}
