import { ConfigError, OrmError, QueryError, ValidationError, type FieldError } from "./orm-error";

// The errors of piccolo-orm/auth (users, sessions, their HTTP handlers and CLI): codes documented in
// docs/errors.md like the rest.

/**
 * A request the auth layer refuses, with the HTTP status to answer (403 for a failed CSRF check, 429
 * for too many login attempts, 400/413 for a body that cannot be read) and any headers to send
 * (Retry-After).
 */
export class AuthError extends OrmError {
  override name = "AuthError";
  constructor(
    message: string,
    code: string,
    /** The HTTP status an adapter answers with. */
    readonly status: number,
    /** Headers to send with the answer, e.g. `{ "retry-after": "60" }`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message, { code });
  }
}

/** A password that breaks the rules: every broken rule is one constraint of the `password` field. */
export function invalidPassword(table: string, constraints: Record<string, string>): ValidationError {
  const fields: FieldError[] = [{ field: "password", constraints }];
  const rules = Object.values(constraints).join("; ");
  return new ValidationError(
    `Invalid password for ${table}: ${rules}.`,
    table,
    "password",
    "PICCOLO_INVALID_PASSWORD",
    fields,
  );
}

/** updatePassword, change-password or change-permissions on a user that does not exist. */
export function userNotFound(user: string | number): QueryError {
  const which = typeof user === "number" ? `with id ${user}` : JSON.stringify(user);
  return new QueryError(`No user ${which}. List users with \`piccolo user list\`.`, { code: "PICCOLO_USER_NOT_FOUND" });
}

/** A PasswordHasher option that cannot work. */
export function invalidHasherOption(option: string, value: unknown, expected: string): ConfigError {
  return new ConfigError(`PasswordHasher: ${option} must be ${expected}; got ${JSON.stringify(value)}.`, {
    code: "PICCOLO_INVALID_HASHER_OPTION",
  });
}

/** A session option (maxAge, idleTimeout, cookie settings) that cannot work. */
export function invalidSessionOption(option: string, value: unknown, expected: string): ConfigError {
  return new ConfigError(`sessionAuth: ${option} must be ${expected}; got ${JSON.stringify(value)}.`, {
    code: "PICCOLO_INVALID_SESSION_OPTION",
  });
}

/** An unsafe request (POST, PUT, PATCH, DELETE) on a cookie session without the session's CSRF token, or from another origin. */
export function csrfCheckFailed(why: string): AuthError {
  return new AuthError(
    `CSRF check failed: ${why}. Send the session's CSRF token (given at login, and as the csrftoken cookie) ` +
      "in the X-CSRF-Token header or the csrfToken form field.",
    "PICCOLO_CSRF_CHECK_FAILED",
    403,
  );
}

/** Too many failed logins for one username from one address. */
export function tooManyLoginAttempts(retryAfterSeconds: number): AuthError {
  return new AuthError(
    `Too many failed login attempts; try again in ${retryAfterSeconds} s.`,
    "PICCOLO_TOO_MANY_LOGIN_ATTEMPTS",
    429,
    { "retry-after": String(retryAfterSeconds) },
  );
}

/** A wrong username or password (never says which). */
export function loginFailed(): AuthError {
  return new AuthError("Invalid username or password.", "PICCOLO_LOGIN_FAILED", 401);
}

/** A request that needs a session and has none (or an expired one). */
export function notAuthenticated(): AuthError {
  return new AuthError("Not logged in, or the session expired: log in again.", "PICCOLO_NOT_AUTHENTICATED", 401);
}

/** A login body that is not JSON or a form with string username and password, or is too large. */
export function badLoginBody(why: string, status = 400): AuthError {
  return new AuthError(
    `Cannot read the login request: ${why}. Send JSON or a form with username and password.`,
    "PICCOLO_BAD_LOGIN_BODY",
    status,
  );
}

/** `piccolo user …` needs a value it cannot prompt for (not on a terminal). */
export function userInputNeeded(what: string, flag: string): OrmError {
  return new OrmError(`${what} is needed: pass ${flag}, or run the command on a terminal to be asked.`, {
    code: "PICCOLO_USER_INPUT_NEEDED",
  });
}

/** The password and its confirmation typed at the prompt differ. */
export function passwordsDiffer(): OrmError {
  return new OrmError("The passwords do not match; nothing was changed.", { code: "PICCOLO_PASSWORDS_DIFFER" });
}

/** A bad argument of a `piccolo user …` command (unknown flag, missing username). */
export function userCommandUsage(message: string): OrmError {
  return new OrmError(message, { code: "PICCOLO_USER_COMMAND_USAGE" });
}

/** Ctrl-C or Ctrl-D at a `piccolo user …` prompt. */
export function userCommandCancelled(): OrmError {
  return new OrmError("Cancelled: nothing was changed.", { code: "PICCOLO_USER_COMMAND_CANCELLED" });
}
