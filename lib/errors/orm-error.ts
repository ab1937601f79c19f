/** What every piccolo error can be given besides its message. */
export interface OrmErrorOptions {
  /** The stable code callers branch on (see docs/errors.md), e.g. "PICCOLO_COLUMN_NOT_FOUND". */
  code?: string;
  cause?: unknown;
}

/** Base class of every error piccolo-orm throws; `code` is stable across releases, the message is not. */
export class OrmError extends Error {
  override name = "OrmError";
  /** A stable code such as "PICCOLO_COLUMN_NOT_FOUND", listed with its meaning in docs/errors.md. */
  readonly code: string;
  constructor(message: string, options: OrmErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.code = options.code ?? "PICCOLO_ERROR";
  }
}

/** A table, column, relation or constraint declared in a way that cannot work (found when the class is decorated or first used). */
export class DefinitionError extends OrmError {
  override name = "DefinitionError";
}

/** A query built wrongly: an unknown column, a column of another table, an unknown option, a bad argument. */
export class QueryError extends OrmError {
  override name = "QueryError";
}

/** Missing or wrong configuration: no engine, no driver, no piccolo.config, a bad engine option. */
export class ConfigError extends OrmError {
  override name = "ConfigError";
}

/** A feature the current dialect cannot render (e.g. ILIKE semantics it cannot emulate). */
export class UnsupportedFeatureError extends OrmError {
  override name = "UnsupportedFeatureError";
}

/** One failing field of a `ValidationError`: which field, and each failed rule with its message. */
export interface FieldError {
  /** The property name on the table class ("email"), not the database column name. */
  field: string;
  /** Rule name → message, e.g. `{ isEmail: "email must be an email", maxLength: "..." }`. Never holds the value. */
  constraints: Record<string, string>;
  /** For an insert of several rows: the failing row's position (0-based) among them. */
  row?: number;
}

/**
 * Values that do not fit their table: a wrong type, out of range, not a valid choice, or a failed
 * class-validator rule. `fields` lists every failing field (the CRUD and admin layers show them beside
 * each field); `column` is the first of them.
 */
export class ValidationError extends OrmError {
  override name = "ValidationError";
  readonly fields: readonly FieldError[];
  constructor(
    message: string,
    readonly table: string,
    readonly column: string,
    code = "PICCOLO_INVALID_VALUE",
    fields?: readonly FieldError[],
  ) {
    super(message, { code });
    this.fields = fields ?? [{ field: column, constraints: { type: message } }];
  }
}

/** Which migration (and step) a migration error is about, when it is about one. */
export interface MigrationErrorFields {
  app?: string;
  migrationId?: string;
  direction?: "forwards" | "backwards";
  step?: number;
  operation?: string;
  sql?: string;
}

/**
 * Anything that stops migrations from being planned or run: a bad or missing migration file, a
 * dependency cycle, a change the differ cannot decide, a failing step (`MigrationStepError`).
 */
export class MigrationError extends OrmError {
  override name = "MigrationError";
  readonly app: string | undefined;
  readonly migrationId: string | undefined;
  readonly direction: "forwards" | "backwards" | undefined;
  /** The failing step, 1-based, and what it does ("add column band.note"). */
  readonly step: number | undefined;
  readonly operation: string | undefined;
  /** The statement that failed, when the step is SQL. */
  readonly sql: string | undefined;

  constructor(message: string, fields: MigrationErrorFields = {}, options: OrmErrorOptions = {}) {
    super(message, { code: "PICCOLO_MIGRATION_ERROR", ...options });
    this.app = fields.app;
    this.migrationId = fields.migrationId;
    this.direction = fields.direction;
    this.step = fields.step;
    this.operation = fields.operation;
    this.sql = fields.sql;
  }
}

/** A migration step that failed: names the app, the migration, the direction and the step (with its SQL); the database error is `cause`. */
export class MigrationStepError extends MigrationError {
  override name = "MigrationStepError";
  declare readonly app: string;
  declare readonly migrationId: string;
  declare readonly direction: "forwards" | "backwards";
  declare readonly step: number;
  declare readonly operation: string;

  constructor(
    message: string,
    app: string,
    migrationId: string,
    direction: "forwards" | "backwards",
    step: number,
    operation: string,
    sql: string | undefined,
    cause: unknown,
  ) {
    super(
      message,
      { app, migrationId, direction, step, operation, sql },
      { code: "PICCOLO_MIGRATION_STEP_FAILED", cause },
    );
  }
}
