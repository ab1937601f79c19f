import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toDecimal, toDecimalWithin } from "./coercers";

/** An exact decimal kept as a string, never a float. PostgreSQL `numeric(p, s)`, SQLite `TEXT` (exactness over arithmetic). */
export function Numeric(options: ColumnOptions<string> & { digits?: readonly [precision: number, scale: number] } = {}): ColumnType<string> {
  checkOptions("Numeric", options, [...commonOptionNames, "digits"]);
  const digits = options.digits;
  const coerce = digits ? toDecimalWithin(digits[0], digits[1]) : toDecimal;
  return new ColumnType<string>("numeric", options, coerce, () => "0", digits ? { precision: digits[0], scale: digits[1] } : {}, toDecimal);
}

/** Alias of Numeric, as in SQL. */
export const Decimal = Numeric;
