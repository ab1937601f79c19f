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
export function Integer<C extends Choices<number> = never, N extends boolean = false, S extends boolean = false>(
  options?: FlagOptions<OptionsWithChoices<C, number>, N, S>,
): TypedColumn<ChoiceValue<C, number>, NoInfer<N>, NoInfer<S>>;
export function Integer<C extends Choices<number> = never>(
  options: OptionsWithChoices<C, number> = {},
): ColumnType<ChoiceValue<C, number>> {
  checkOptions("Integer", options, commonOptionNames);
  return new ColumnType(
    "integer",
    options as never,
    integerIn(-2147483648, 2147483647, "a 32-bit integer") as never,
    () => 0 as never,
  );
}
