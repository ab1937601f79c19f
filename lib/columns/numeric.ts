import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toDecimal } from "./coercers";

/** An exact decimal kept as a string, never a float. PostgreSQL `numeric(p, s)`, SQLite `TEXT` (exactness over arithmetic). */
export function Numeric(options: ColumnOptions<string> & { digits?: readonly [precision: number, scale: number] } = {}): ColumnType<string> {
  checkOptions("Numeric", options, [...commonOptionNames, "digits"]);
  return new ColumnType<string>("numeric", options, toDecimal, () => "0", options.digits ? { precision: options.digits[0], scale: options.digits[1] } : {});
}

/** Alias of Numeric, as in SQL. */
export const Decimal = Numeric;
