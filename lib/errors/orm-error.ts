/** Base class of every error piccolo-orm throws. */
export class OrmError extends Error {
  override name = "OrmError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A feature the current dialect cannot render (e.g. ILIKE semantics it cannot emulate). */
export class UnsupportedFeatureError extends OrmError {
  override name = "UnsupportedFeatureError";
}

/** A value that does not fit its column (wrong type, out of range, not a valid choice). */
export class ValidationError extends OrmError {
  override name = "ValidationError";
  constructor(
    message: string,
    readonly table: string,
    readonly column: string,
  ) {
    super(message);
  }
}

/** A migration step that failed: names the app, the migration, the direction and the step (with its SQL); the database error is `cause`. */
export class MigrationError extends OrmError {
  override name = "MigrationError";
  constructor(
    message: string,
    readonly app: string,
    readonly migrationId: string,
    readonly direction: "forwards" | "backwards",
    /** The failing step, 1-based, and what it does ("add column band.note"). */
    readonly step: number,
    readonly operation: string,
    /** The statement that failed, when the step is SQL. */
    readonly sql: string | undefined,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}
