import {
  ColumnType,
  checkOptions,
  commonOptionNames,
  InvalidValue,
  type ChoiceValue,
  type Choices,
  type OptionsWithChoices,
  type FlagOptions,
  type TypedColumn,
} from "./column-type";
import { toText } from "./coercers";

/** Drops trailing blanks: CHAR(n) pads with them and they carry no meaning (PostgreSQL ignores them in comparisons). */
function unpadded(length?: number) {
  const text = toText(length);
  return (v: unknown) =>
    typeof v === "string"
      ? text(v.replace(/ +$/, ""))
      : new InvalidValue(length ? `a string of at most ${length} characters` : "a string", "isString");
}

/**
 * Fixed-length text of `length` characters (default 1). PostgreSQL `CHAR(n)`, SQLite `CHAR(n)` (TEXT
 * affinity). The database pads values with blanks; piccolo reads them back without the trailing
 * blanks on both engines, so `"ab"` in a `Char({ length: 4 })` comes back as `"ab"`.
 */
export function Char<
  TChoices extends Choices<string> = never,
  TNullable extends boolean = false,
  TSecret extends boolean = false,
>(
  options?: FlagOptions<OptionsWithChoices<TChoices, string> & { length?: number }, TNullable, TSecret>,
): TypedColumn<ChoiceValue<TChoices, string>, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Char<TChoices extends Choices<string> = never>(
  options: OptionsWithChoices<TChoices, string> & { length?: number } = {},
): ColumnType<ChoiceValue<TChoices, string>> {
  checkOptions("Char", options, [...commonOptionNames, "length"]);
  const length = options.length ?? 1;
  return new ColumnType(
    "char",
    options as never,
    unpadded(length) as never,
    () => "" as never,
    { length },
    unpadded() as never,
  );
}
