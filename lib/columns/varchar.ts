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
export function Varchar<C extends Choices<string> = never, N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<OptionsWithChoices<C, string> & { length?: number }, N, S>,
): TypedColumn<ChoiceValue<C, string>, NoInfer<N>, NoInfer<S>>;
export function Varchar<C extends Choices<string> = never>(
  options: OptionsWithChoices<C, string> & { length?: number } = {},
): ColumnType<ChoiceValue<C, string>> {
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
