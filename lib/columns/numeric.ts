import {
  ColumnType,
  type FlagOptions,
  type TypedColumn,
  checkOptions,
  commonOptionNames,
  type ColumnOptions,
} from "./column-type";
import { toDecimal, toDecimalWithin } from "./coercers";

declare const numericBrand: unique symbol;

/** The brand that marks a field as Numeric, for the types that allow arithmetic on it. */
export type NumericBrand = typeof numericBrand;

/**
 * A Numeric field's type: `@column(Numeric({ digits: [10, 2] })) price!: Numeric`. The value is an
 * ordinary string; the brand tells the types that `Item.c.price.plus("1")` is arithmetic, which
 * text columns do not have.
 */
export type Numeric = string & { readonly [numericBrand]?: true };

/** Alias of the Numeric field type. */
export type Decimal = Numeric;

/**
 * An exact decimal kept as a string, never a float. PostgreSQL `numeric(p, s)`; SQLite stores
 * `digits: [p, s]` with p <= 18 as a scaled INTEGER and other Numerics as order-preserving TEXT,
 * so both compare, sort and add by value (see the README).
 */
export function Numeric<TNullable extends boolean = false, TSecret extends boolean = false>(
  options?: FlagOptions<
    ColumnOptions<string> & { digits?: readonly [precision: number, scale: number] },
    TNullable,
    TSecret
  >,
): TypedColumn<string, NoInfer<TNullable>, NoInfer<TSecret>>;
export function Numeric(
  options: ColumnOptions<string> & { digits?: readonly [precision: number, scale: number] } = {},
): ColumnType<string> {
  checkOptions("Numeric", options, [...commonOptionNames, "digits"]);
  const digits = options.digits;
  const coerce = digits ? toDecimalWithin(digits[0], digits[1]) : toDecimal;
  return new ColumnType<string>(
    "numeric",
    options,
    coerce,
    () => "0",
    digits ? { precision: digits[0], scale: digits[1] } : {},
    toDecimal,
  );
}

/** Alias of Numeric, as in SQL. */
export const Decimal = Numeric;
