import { DefinitionError, OrmError } from "../index";

// The admin's errors: each factory sets a stable code (documented in docs/errors.md).

/** An admin request that cannot be answered (bad page number, unknown table): its HTTP status. */
export class AdminError extends OrmError {
  override name = "AdminError";
  constructor(
    message: string,
    code: string,
    /** The HTTP status the page is answered with. */
    readonly status: number,
  ) {
    super(message, { code });
  }
}

/** A `createAdmin()` option that cannot be used. */
export function invalidAdminOption(option: string, problem: string): DefinitionError {
  return new DefinitionError(`createAdmin(): ${option} ${problem}.`, { code: "PICCOLO_ADMIN_INVALID_OPTION" });
}

/** No table, row or page at this path (404). */
export function adminNotFound(what: string): AdminError {
  return new AdminError(`${what} was not found.`, "PICCOLO_ADMIN_NOT_FOUND", 404);
}

/** A query parameter of a list page that cannot be used (400). */
export function adminBadParameter(parameter: string, problem: string): AdminError {
  return new AdminError(`Bad value for ${parameter}: ${problem}.`, "PICCOLO_ADMIN_BAD_PARAMETER", 400);
}

/** A method the path does not answer (405). */
export function adminMethodNotAllowed(method: string, path: string): AdminError {
  return new AdminError(`${method} is not allowed on ${path}.`, "PICCOLO_ADMIN_METHOD_NOT_ALLOWED", 405);
}
