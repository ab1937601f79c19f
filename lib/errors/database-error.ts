import { OrmError } from "./orm-error";

/** Fields a server reported with the error (PostgreSQL's, or SQLite's extended code). */
export interface DatabaseErrorFields {
  /** The driver's own code: PostgreSQL's SQLSTATE ("23505"), SQLite's ("SQLITE_CONSTRAINT_UNIQUE"), Node's ("ECONNREFUSED"). */
  code?: string;
  detail?: string;
  /** PostgreSQL's advice on fixing the error. */
  hint?: string;
  /** Where in the SQL text the error is, 1-based (PostgreSQL). */
  position?: number;
  constraint?: string;
  /** The schema of the table (PostgreSQL). */
  schema?: string;
  table?: string;
  column?: string;
  /** The constraint's database column names, in its order (unique, foreign key, not null). */
  columns?: readonly string[];
}

/** An error the database server or driver raised while running a query; `code` is piccolo's, `driverCode` the driver's. */
export class DatabaseError extends OrmError {
  override name = "DatabaseError";
  /** The driver's own code: PostgreSQL's SQLSTATE ("23505"), SQLite's ("SQLITE_CONSTRAINT_UNIQUE"), Node's ("ECONNREFUSED"). */
  readonly driverCode: string | undefined;
  readonly detail: string | undefined;
  /** PostgreSQL's advice on fixing the error. */
  readonly hint: string | undefined;
  /** Where in the SQL text the error is, 1-based (PostgreSQL). */
  readonly position: number | undefined;
  /** The schema of the table (PostgreSQL). */
  readonly schema: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  /** The columns of the violated constraint, in order, as the database names them. */
  readonly columns: readonly string[] | undefined;

  constructor(
    message: string,
    readonly sql: string,
    readonly params: readonly unknown[],
    fields: DatabaseErrorFields,
    cause: unknown,
    code = "PICCOLO_DATABASE_ERROR",
  ) {
    super(message, { code, cause });
    this.driverCode = fields.code;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.position = fields.position;
    this.schema = fields.schema;
    this.constraint = fields.constraint;
    this.table = fields.table;
    this.column = fields.column;
    this.columns = fields.columns;
  }
}

/** A constraint (unique, foreign key, not null, check) refused the write; nothing was written. */
export class ConstraintViolationError extends DatabaseError {
  override name = "ConstraintViolationError";
}
/** A UNIQUE or PRIMARY KEY constraint was violated. */
export class UniqueViolationError extends ConstraintViolationError {
  override name = "UniqueViolationError";
}
/** A FOREIGN KEY constraint was violated. */
export class ForeignKeyViolationError extends ConstraintViolationError {
  override name = "ForeignKeyViolationError";
}
/** A NOT NULL constraint was violated. */
export class NotNullViolationError extends ConstraintViolationError {
  override name = "NotNullViolationError";
}
/** A CHECK constraint was violated. */
export class CheckViolationError extends ConstraintViolationError {
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
/** The database could not be reached or dropped the connection (refused, terminated, timed out, cannot open the file). */
export class ConnectionError extends DatabaseError {
  override name = "ConnectionError";
}

/** An open connection was lost while in use: terminated by the server (57P01), reset, or closed. */
export class ConnectionLostError extends ConnectionError {
  override name = "ConnectionLostError";
}
/** The server refused a new connection because it has too many (SQLSTATE 53300). */
export class TooManyConnectionsError extends ConnectionError {
  override name = "TooManyConnectionsError";
}
/** The statement ran longer than its timeout and was cancelled (SQLSTATE 57014, SQLITE_INTERRUPT). */
export class QueryTimeoutError extends DatabaseError {
  override name = "QueryTimeoutError";
}
/** SQLite: another connection held the write lock beyond `busyTimeout`, or wrote since this transaction's snapshot. */
export class DatabaseLockedError extends DatabaseError {
  override name = "DatabaseLockedError";
}

/** The kinds of database error a dialect maps server codes to. */
export type DatabaseErrorKind =
  | "unique"
  | "foreignKey"
  | "notNull"
  | "check"
  | "serialization"
  | "deadlock"
  | "connection"
  | "connectionLost"
  | "tooManyConnections"
  | "timeout"
  | "locked"
  | "other";

const classes: Record<DatabaseErrorKind, [typeof DatabaseError, string]> = {
  unique: [UniqueViolationError, "PICCOLO_UNIQUE_VIOLATION"],
  foreignKey: [ForeignKeyViolationError, "PICCOLO_FOREIGN_KEY_VIOLATION"],
  notNull: [NotNullViolationError, "PICCOLO_NOT_NULL_VIOLATION"],
  check: [CheckViolationError, "PICCOLO_CHECK_VIOLATION"],
  serialization: [SerializationFailureError, "PICCOLO_SERIALIZATION_FAILURE"],
  deadlock: [DeadlockError, "PICCOLO_DEADLOCK"],
  connection: [ConnectionError, "PICCOLO_CONNECTION_FAILED"],
  connectionLost: [ConnectionLostError, "PICCOLO_CONNECTION_LOST"],
  tooManyConnections: [TooManyConnectionsError, "PICCOLO_TOO_MANY_CONNECTIONS"],
  timeout: [QueryTimeoutError, "PICCOLO_QUERY_TIMEOUT"],
  locked: [DatabaseLockedError, "PICCOLO_DATABASE_LOCKED"],
  other: [DatabaseError, "PICCOLO_DATABASE_ERROR"],
};

const quoted = (name: string) => `"${name}"`;

/**
 * The message of a database error. Constraint violations are described in plain words from the
 * fields (the SQL, which may be long and hold values, stays on `error.sql`); other errors keep the
 * driver's message, led by `reason` (the cause in plain words, e.g. "terminated by the server")
 * when the dialect or engine gave one, and name the SQL they came from.
 */
export function databaseErrorMessage(
  kind: DatabaseErrorKind,
  driverMessage: string,
  sql: string,
  fields: DatabaseErrorFields,
  reason?: string,
): string {
  const { table, columns, constraint } = fields;
  const named = constraint === undefined ? "" : ` (constraint ${quoted(constraint)})`;
  if (kind === "unique" && table !== undefined && columns !== undefined) {
    const what =
      columns.length === 1
        ? `value in ${quoted(table)}.${quoted(columns[0]!)}`
        : `values in ${quoted(table)} (${columns.join(", ")})`;
    return `Duplicate ${what}: another row already has ${columns.length === 1 ? "it" : "them"}${named}.`;
  }
  if (kind === "notNull" && table !== undefined && fields.column !== undefined) {
    return `Missing value: ${quoted(table)}.${quoted(fields.column)} cannot be null.`;
  }
  if (kind === "foreignKey" && table !== undefined && columns !== undefined) {
    return (
      `Foreign key violation on ${quoted(table)} (${columns.join(", ")}): the referenced row does not exist, ` +
      `or rows still refer to this one${named}.`
    );
  }
  if (kind === "unique" || kind === "notNull" || kind === "foreignKey" || kind === "check") return driverMessage;
  const cause = reason === undefined ? driverMessage : `${reason} (${driverMessage})`;
  return `${cause} (while running: ${sql})`;
}

/** Builds the typed error for a kind; parameters of secret columns are already redacted by the caller. */
export function makeDatabaseError(
  kind: DatabaseErrorKind,
  message: string,
  sql: string,
  params: readonly unknown[],
  fields: DatabaseErrorFields,
  cause: unknown,
): DatabaseError {
  const [Class, code] = classes[kind];
  return new Class(message, sql, params, fields, cause, code);
}
