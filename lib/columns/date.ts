import { ColumnType, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";
import { toDateString } from "./coercers";

/** A calendar date as a "YYYY-MM-DD" string (defaults to today, UTC). PostgreSQL `date`, SQLite `TEXT`. */
export function DateColumn(options: ColumnOptions<string> = {}): ColumnType<string> {
  checkOptions("DateColumn", options, commonOptionNames);
  return new ColumnType<string>("date", options, toDateString, () => new Date().toISOString().slice(0, 10));
}
