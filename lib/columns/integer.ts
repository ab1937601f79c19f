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
import { integerIn } from "./coercers";

/**
 * 32-bit integer. PostgreSQL `integer`, SQLite `INTEGER`. A numeric enum as `choices` makes the
 * value type the enum: `Integer({ choices: Size })` is a `ColumnType<Size>`.
 */
export function Integer<
  TChoices extends Choices<number> = never,
  TNullable extends boolean = false,
  TSecret extends boolean = false,
>(
  options?: FlagOptions<OptionsWithChoices<TChoices, number>, TNullable, TSecret>,
): TypedColumn<ChoiceValue<TChoices, number>, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Integer<TChoices extends Choices<number> = never>(
  options: OptionsWithChoices<TChoices, number> = {},
): ColumnType<ChoiceValue<TChoices, number>> {
  checkOptions("Integer", options, commonOptionNames);
  return new ColumnType(
    "integer",
    options as never,
    integerIn(-2147483648, 2147483647, "a 32-bit integer") as never,
    () => 0 as never,
  );
}
