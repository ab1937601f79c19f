// Option objects: one check for unknown options, one error for a bad value.
import {
  ConfigError,
  DefinitionError,
  type FieldError,
  type OrmError,
  QueryError,
  ValidationError,
} from "../orm-error";
import { didYouMean, make, show } from "./shared";

/** Which error class an unknown option is: a declaration's (a column type, @table, @m2m), a query's, or an engine's. */
export type OptionsOf = "definition" | "query" | "config";

const optionErrorClasses = { definition: DefinitionError, query: QueryError, config: ConfigError } as const;

/** An option that `where` (a column type such as "Integer", or a method such as "transaction()") does not have. */
export function unknownOption(
  where: string,
  option: string,
  allowed: readonly string[],
  of: OptionsOf = "query",
  advice?: string,
): OrmError {
  const fix = advice ?? `Valid options: ${allowed.join(", ")}.`;
  return make(
    optionErrorClasses[of],
    "PICCOLO_UNKNOWN_OPTION",
    `${where} has no option "${option}".${didYouMean(option, allowed)} ${fix}`,
  );
}

/**
 * Throws for the first key of `options` not in `allowed`, naming the nearest valid one: every
 * "has no option" check goes through here. `where` names the thing as the message should ("Integer", "transaction()").
 */
export function assertKnownOptions(
  where: string,
  options: object,
  allowed: readonly string[],
  of: OptionsOf = "query",
  advice?: string,
): void {
  for (const key of Object.keys(options))
    if (!allowed.includes(key)) throw unknownOption(where, key, allowed, of, advice);
}

/** A value does not fit its column. */
export function invalidValue(
  table: string,
  column: string,
  value: unknown,
  expected: string,
  secret = false,
): ValidationError {
  const got = secret ? "a value that is not shown (the column is secret)" : show(value);
  return new ValidationError(
    `Invalid value for ${table}.${column}: got ${got}, expected ${expected}.`,
    table,
    column,
    "PICCOLO_INVALID_VALUE",
  );
}

/** One failing field of a write, with the detailed line the error message shows for it. */
export interface FieldFailure extends FieldError {
  /** "Invalid value for band.name: got …, expected …" (the value shown only when not secret). */
  readonly detail: string;
}

/** A write (insert, update, save) whose values break column rules or class-validator rules: every failing field. */
export function validationFailed(table: string, failures: readonly FieldFailure[]): ValidationError {
  const fields: FieldError[] = [];
  for (const failure of failures) {
    const same = fields.find((f) => f.field === failure.field && f.row === failure.row);
    if (same) Object.assign(same.constraints, failure.constraints);
    else
      fields.push({
        field: failure.field,
        constraints: { ...failure.constraints },
        ...(failure.row === undefined ? {} : { row: failure.row }),
      });
  }
  const details = failures.map((f) => (f.row === undefined ? f.detail : `${f.detail} (row ${f.row} of the write)`));
  const message =
    details.length === 1
      ? details[0]!
      : `${fields.length} invalid field(s) in a write to ${table}; nothing was written. ${details.join(" ")}`;
  return new ValidationError(message, table, fields[0]?.field ?? "", "PICCOLO_VALIDATION_FAILED", fields);
}
