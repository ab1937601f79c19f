import { nearest } from "../utils/names";
import { DefinitionError, OrmError, type FieldError } from "../errors/orm-error";

// The CRUD layer's errors: each factory sets a stable code (documented in docs/errors.md) and the
// HTTP status the router answers with. Messages name what is wrong, never SQL or stack traces.

/** An error a CRUD request ends with: its HTTP status, and the failing fields when there are any. */
export class CrudError extends OrmError {
  override name = "CrudError";
  constructor(
    message: string,
    code: string,
    /** The HTTP status the request is answered with. */
    readonly status: number,
    /** The fields at fault (body fields, or query parameters), for the error body. */
    readonly fields: readonly FieldError[] = [],
    /** Headers the response carries (`Allow` on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message, { code });
  }
}

function suggest(name: string, allowed: readonly string[]): string {
  const guess = nearest(name, allowed);
  return guess === undefined ? "" : ` (did you mean "${guess}"?)`;
}

/** Query parameters naming columns or operators the endpoint does not have (400). */
export function unknownParameters(what: string, names: readonly string[], allowed: readonly string[]): CrudError {
  const listed = names.map((n) => `"${n}"${suggest(n.split("__")[0]!, allowed)}`).join(", ");
  return new CrudError(
    `Unknown ${what}: ${listed}. Known: ${allowed.join(", ") || "none"}.`,
    "PICCOLO_CRUD_UNKNOWN_PARAMETER",
    400,
    names.map((field) => ({ field, constraints: { unknown: `${field} is not a known ${what}` } })),
  );
}

/** A query parameter whose value cannot be used (400). */
export function badParameter(parameter: string, problem: string): CrudError {
  return new CrudError(`Bad value for ${parameter}: ${problem}.`, "PICCOLO_CRUD_BAD_PARAMETER", 400, [
    { field: parameter, constraints: { invalid: problem } },
  ]);
}

/** No row has the primary key (404), or no route matches. */
export function notFound(what: string): CrudError {
  return new CrudError(`${what} was not found.`, "PICCOLO_CRUD_NOT_FOUND", 404);
}

/** A method the endpoint does not answer (405); `readOnly` says why. */
export function methodNotAllowed(method: string, path: string, allow: readonly string[], readOnly: boolean): CrudError {
  const why = readOnly ? " (the endpoint is read-only)" : "";
  return new CrudError(
    `${method} is not allowed on ${path}${why}; use ${allow.join(", ")}.`,
    "PICCOLO_CRUD_METHOD_NOT_ALLOWED",
    405,
    [],
    { allow: allow.join(", ") },
  );
}

/** A request body that is not JSON (400). */
export function invalidJson(problem: string): CrudError {
  return new CrudError(`The request body is not valid JSON: ${problem}.`, "PICCOLO_CRUD_INVALID_JSON", 400);
}

/** A request body that is not `application/json` (415). */
export function unsupportedMediaType(type: string): CrudError {
  return new CrudError(
    `Send the body as application/json (got ${type || "no content type"}).`,
    "PICCOLO_CRUD_UNSUPPORTED_MEDIA_TYPE",
    415,
  );
}

/** A request body over the size limit (413). */
export function bodyTooLarge(limit: number): CrudError {
  return new CrudError(`The request body is over the limit of ${limit} bytes.`, "PICCOLO_CRUD_BODY_TOO_LARGE", 413);
}

/** Body fields that fail their column's rules (422), each with its messages. */
export function invalidBody(fields: readonly FieldError[]): CrudError {
  const names = fields.map((f) => f.field).join(", ");
  return new CrudError(`Invalid values for: ${names}.`, "PICCOLO_CRUD_INVALID_BODY", 422, fields);
}

/** The authorize option refused the request (403). */
export function forbidden(action: string): CrudError {
  return new CrudError(`Not allowed to ${action}.`, "PICCOLO_CRUD_FORBIDDEN", 403);
}

/** A bulk delete matching more rows than the cap (400): nothing was deleted. */
export function bulkDeleteLimit(matched: number, limit: number): CrudError {
  return new CrudError(
    `The filters match more than ${limit} rows (${matched} or more); nothing was deleted. Narrow the filters.`,
    "PICCOLO_CRUD_BULK_DELETE_LIMIT",
    400,
  );
}

/** A bulk delete without filters, which would delete every row (400). */
export function bulkDeleteNeedsFilter(): CrudError {
  return new CrudError(
    "A bulk delete needs at least one filter, e.g. ?id__in=1,2,3.",
    "PICCOLO_CRUD_BULK_DELETE_NEEDS_FILTER",
    400,
  );
}

/**
 * A hook's refusal: throw `reject("Bands named X are closed", 403)` from a before hook to answer
 * with that status and message; `fields` adds field errors (e.g. with 422).
 */
export function reject(message: string, status = 403, fields: readonly FieldError[] = []): CrudError {
  return new CrudError(message, "PICCOLO_CRUD_REJECTED", status, fields);
}

/** A database conflict (409) on a unique or foreign key constraint, naming the fields. */
export function conflict(message: string, fields: readonly FieldError[]): CrudError {
  return new CrudError(message, "PICCOLO_CRUD_CONFLICT", 409, fields);
}

/** Any other error (500): the body says only this; the error itself goes to the onError option. */
export function internalError(): CrudError {
  return new CrudError("Internal server error.", "PICCOLO_CRUD_INTERNAL_ERROR", 500);
}

/** A crud() option naming a column or value the table does not have. */
export function invalidCrudOption(table: string, option: string, problem: string): DefinitionError {
  return new DefinitionError(`crud(${table}) option "${option}": ${problem}.`, { code: "PICCOLO_CRUD_INVALID_OPTION" });
}
