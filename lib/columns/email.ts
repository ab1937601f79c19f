import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toEmail, toText } from "./coercers";

/**
 * A Varchar (default length 255) whose values must be e-mail addresses, as the HTML standard
 * defines them; comparisons take any string. PostgreSQL `varchar(n)`, SQLite `VARCHAR(n)`.
 */
export function Email<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<ColumnOptions<string> & { length?: number }, TNullable, TSecret>,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Email(options: ColumnOptions<string> & { length?: number } = {}): ColumnType<string> {
  checkOptions("Email", options, [...commonOptionNames, "length"]);
  const length = options.length ?? 255;
  return new ColumnType<string>("email", options, toEmail(length), () => "", { length }, toText());
}
