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
