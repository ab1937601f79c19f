import { ValidationError } from "../errors/orm-error";
import type { TableMeta } from "./metadata";

/** One write to validate: a table, the rows it writes, and which fields it sets. */
export interface WriteCheck {
  readonly meta: TableMeta;
  /** Instances of the table class or plain objects of column values, as given to the write. */
  readonly rows: readonly object[];
  /**
   * The properties a partial write sets (an update, `save("name")`), or undefined when whole rows
   * are written (an insert, whose missing values take their defaults).
   */
  readonly fields: readonly string[] | undefined;
}

/**
 * What lib/validation plugs into the write path (insert, update, save). The core checks each
 * value with its column type as it builds the statement; the validator adds the rules the core
 * cannot see (class-validator decorators) and turns the first refused value into one error that
 * lists every failing field.
 */
export interface WriteValidator {
  /**
   * Runs before the write when the table has rules beyond its columns: resolves, or rejects with a
   * ValidationError listing every failing field (column rules included). Undefined when the table
   * has no such rules, so that plain writes never wait.
   */
  before(check: WriteCheck): Promise<void> | undefined;
  /** After a column refused a value (`first`): the ValidationError that lists every failing field. */
  collect(check: WriteCheck, first: ValidationError): ValidationError;
}

// Per loaded copy of piccolo-orm, not on globalThis: each copy's entry installs its own validator,
// which knows that copy's ValidationError class and finds that copy's class-validator.
const hook = { validator: undefined as WriteValidator | undefined };

/** Installs the validator every write calls (lib/validation does, when the package is imported). */
export function installWriteValidator(validator: WriteValidator): void {
  hook.validator = validator;
}

/** The validator to await before a write, or undefined (none installed, opted out, or nothing to await). */
export function validateBeforeWrite(check: WriteCheck, validate: boolean): Promise<void> | undefined {
  return validate ? hook.validator?.before(check) : undefined;
}

/** The error to throw for a value the core refused: every failing field when validation is on, else `error` itself. */
export function writeFailure(check: WriteCheck, validate: boolean, error: unknown): unknown {
  if (!validate || hook.validator === undefined || !(error instanceof ValidationError)) return error;
  return hook.validator.collect(check, error);
}

/** Options every write takes. */
export interface ValidateOption {
  /**
   * Run validation before writing (default true): class-validator decorators and every column
   * rule, reported together. `false` skips class-validator; column types still refuse values they
   * cannot store (the first one throws a ValidationError with code PICCOLO_INVALID_VALUE).
   */
  validate?: boolean;
}
