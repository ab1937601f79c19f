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
export function Text<N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<ColumnOptions<string>, N, S>,
): TypedColumn<string, NoInfer<N>, NoInfer<S>>;
export function Text(options: ColumnOptions<string> = {}): ColumnType<string> {
  checkOptions("Text", options, commonOptionNames);
  return new ColumnType<string>("text", options, toText(), () => "");
}
