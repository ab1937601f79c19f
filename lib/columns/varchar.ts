import {
  ColumnType,
  checkOptions,
  commonOptionNames,
  type ChoiceValue,
  type Choices,
  type OptionsWithChoices,
  type FlagOptions,
  type TypedColumn,
} from "./column-type";
import { toText } from "./coercers";

/**
 * Text of at most `length` characters (default 255). PostgreSQL `varchar(n)`, SQLite `VARCHAR(n)`.
 * A string enum as `choices` makes the value type the enum: `Varchar({ choices: Genre })` is a
 * `ColumnType<Genre>`, so the field must be declared `Genre` (an `as const` list gives a union).
 */
export function Varchar<
  TChoices extends Choices<string> = never,
  TNullable extends boolean = false,
  TSecret extends boolean = false,
>(
  options?: FlagOptions<OptionsWithChoices<TChoices, string> & { length?: number }, TNullable, TSecret>,
): TypedColumn<ChoiceValue<TChoices, string>, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Varchar<TChoices extends Choices<string> = never>(
  options: OptionsWithChoices<TChoices, string> & { length?: number } = {},
): ColumnType<ChoiceValue<TChoices, string>> {
  checkOptions("Varchar", options, [...commonOptionNames, "length"]);
  const length = options.length ?? 255;
  return new ColumnType(
    "varchar",
    options as never,
    toText(length) as never,
    () => "" as never,
    { length },
    toText() as never,
  );
}
