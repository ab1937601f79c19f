import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toText } from "./coercers";

/** Unlimited-length text. PostgreSQL `text`, SQLite `TEXT`. */
export function Text<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<string>, TNullable, TSecret>,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Text(options: ColumnOptions<string> = {}): ColumnType<string> {
  checkOptions("Text", options, commonOptionNames);
  return new ColumnType<string>("text", options, toText(), () => "");
}
