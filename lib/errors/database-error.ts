import { OrmError } from "./orm-error";

/** Fields a server reported with the error (PostgreSQL's, or SQLite's extended code). */
export interface DatabaseErrorFields {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** An error the database server or driver raised while running a query. */
export class DatabaseError extends OrmError {
  override name = "DatabaseError";
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;

  constructor(
    message: string,
    readonly sql: string,
    readonly params: readonly unknown[],
    fields: DatabaseErrorFields,
    cause: unknown,
  ) {
    super(message, { cause });
    this.code = fields.code;
    this.detail = fields.detail;
    this.constraint = fields.constraint;
    this.table = fields.table;
    this.column = fields.column;
  }
}

/** A UNIQUE or PRIMARY KEY constraint was violated. */
export class UniqueViolationError extends DatabaseError {
  override name = "UniqueViolationError";
}
/** A FOREIGN KEY constraint was violated. */
export class ForeignKeyViolationError extends DatabaseError {
  override name = "ForeignKeyViolationError";
}
/** A NOT NULL constraint was violated. */
export class NotNullViolationError extends DatabaseError {
  override name = "NotNullViolationError";
}
/** A CHECK constraint was violated. */
export class CheckViolationError extends DatabaseError {
  override name = "CheckViolationError";
}
/** The transaction could not be serialised (SQLSTATE 40001): retry it. */
export class SerializationFailureError extends DatabaseError {
  override name = "SerializationFailureError";
}
/** The server detected a deadlock (SQLSTATE 40P01) and aborted this transaction. */
export class DeadlockError extends DatabaseError {
  override name = "DeadlockError";
}

/** The kinds of database error a dialect maps server codes to. */
export type DatabaseErrorKind = "unique" | "foreignKey" | "notNull" | "check" | "serialization" | "deadlock" | "other";

const classes: Record<DatabaseErrorKind, typeof DatabaseError> = {
  unique: UniqueViolationError,
  foreignKey: ForeignKeyViolationError,
  notNull: NotNullViolationError,
  check: CheckViolationError,
  serialization: SerializationFailureError,
  deadlock: DeadlockError,
  other: DatabaseError,
};

/** Builds the typed error for a kind; parameters of secret columns are already redacted by the caller. */
export function makeDatabaseError(
  kind: DatabaseErrorKind,
  message: string,
  sql: string,
  params: readonly unknown[],
  fields: DatabaseErrorFields,
  cause: unknown,
): DatabaseError {
  return new classes[kind](message, sql, params, fields, cause);
}
