import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toText } from "./coercers";

declare const secretBrand: unique symbol;

/** The brand that marks a field as secret, for the types that leave secret fields out. */
export type SecretBrand = typeof secretBrand;

/**
 * A secret field's type: `@column(Secret()) password!: Secret<string>`. The brand tells the types
 * that `select()` leaves the field out; the value is an ordinary string.
 */
export type Secret<TValue = string> = TValue & { readonly [secretBrand]?: true };

/**
 * A Varchar (default length 255) that `select()` and `toDict()` leave out unless it is named, and
 * whose values error reports redact; `objects()` loads it so that instances can be saved. Any other
 * column type takes the same `{ secret: true }` option.
 */
export function Secret<TNullable extends boolean = false, TSecret extends boolean = true>(
  options?: FlagOptions<ColumnOptions<string> & { length?: number }, TNullable, TSecret>,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Secret(options: ColumnOptions<string> & { length?: number } = {}): ColumnType<string> {
  checkOptions("Secret", options, [...commonOptionNames, "length"]);
  const length = options.length ?? 255;
  return new ColumnType<string>(
    "varchar",
    { ...options, secret: options.secret ?? true },
    toText(length),
    () => "",
    { length },
    toText(),
  );
}
