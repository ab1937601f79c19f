import { assertKnownOptions } from "../../errors/factories";
import { AuthError, badLoginBody, loginFailed, tooManyLoginAttempts } from "../../errors/auth-factories";
import { BaseUser } from "../base-user";
import { csrfTokenFor } from "../session-token";
import { Sessions, sessionLifetime } from "../sessions";
import { readFields, type ReadableRequest } from "./body";
import { parseCookies, serializeCookie, type CookieOptions } from "./cookies";
import { checkCsrfToken, checkOrigin } from "./csrf";
import { LoginRateLimiter, type RateLimitOptions } from "./rate-limit";

/** What sessionAuth reads from a request: Node's IncomingMessage (Express's req is one; Fastify's is `request.raw`). */
export interface AuthRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly socket?: { readonly remoteAddress?: string };
}

/** Options of sessionAuth. */
export interface SessionAuthOptions {
  /** The user table (default BaseUser; a subclass works). */
  userTable?: typeof BaseUser;
  /** The sessions table (default Sessions). */
  sessionTable?: typeof Sessions;
  /** The session cookie's name (default "piccolo_session"); HttpOnly. */
  cookieName?: string;
  /** The cookie holding the CSRF token for scripts to read (default "csrftoken"); not HttpOnly. */
  csrfCookieName?: string;
  /** The header unsafe requests send the CSRF token in (default "x-csrf-token"). */
  csrfHeader?: string;
  /** The form field that may hold the CSRF token instead (default "csrfToken"). */
  csrfField?: string;
  /** Check CSRF tokens and origins on unsafe methods (default true). Turn off only for sessions not kept in cookies. */
  csrf?: boolean;
  /** Origins besides the request's own allowed to send unsafe requests, e.g. "https://app.example.com". */
  trustedOrigins?: readonly string[];
  /** Mark cookies Secure (default true; set false for plain-HTTP development). */
  secure?: boolean;
  /** The cookies' SameSite (default "Lax"). */
  sameSite?: "Strict" | "Lax";
  /** The cookies' Path (default "/"). */
  path?: string;
  /** The cookies' Domain (default: none, the host only). */
  domain?: string;
  /** Milliseconds a session lives at most (default 14 days). */
  maxAge?: number;
  /** Milliseconds of inactivity that end a session; each request extends it (default 1 day). */
  idleTimeout?: number;
  /** Failed-login limit per username and address: options, a shared limiter, or false (default 5 per 15 minutes). */
  rateLimit?: RateLimitOptions | LoginRateLimiter | false;
  /** The client's address for the rate limit (default the socket's; behind a proxy, read X-Forwarded-For here). */
  clientAddress?: (req: AuthRequest) => string;
  /** After a login from a form, redirect here (303) instead of answering JSON. */
  loginRedirect?: string;
}

const optionNames = [
  "userTable",
  "sessionTable",
  "cookieName",
  "csrfCookieName",
  "csrfHeader",
  "csrfField",
  "csrf",
  "trustedOrigins",
  "secure",
  "sameSite",
  "path",
  "domain",
  "maxAge",
  "idleTimeout",
  "rateLimit",
  "clientAddress",
  "loginRedirect",
];

/** A request's user and session, and the CSRF token its pages must send back on unsafe requests. */
export interface AuthResult {
  readonly user: BaseUser;
  readonly session: Sessions;
  readonly csrfToken: string;
}

/** An HTTP answer the adapters write as they are told: status, headers (Set-Cookie may repeat), JSON body. */
export interface AuthResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Record<string, unknown>;
}

/** Login credentials; anything else than strings is refused with 400. */
export interface Credentials {
  readonly username?: unknown;
  readonly password?: unknown;
}

/**
 * The session check of one app: call it with a request to get `{ user, session, csrfToken }` or
 * null (no cookie, unknown or expired session, inactive user). On unsafe methods (POST, PUT, PATCH,
 * DELETE) a cookie session must come with its CSRF token and from an allowed origin, else it throws
 * AuthError 403 (`PICCOLO_CSRF_CHECK_FAILED`).
 */
export interface SessionAuth {
  (req: AuthRequest, extra?: { body?: unknown }): Promise<AuthResult | null>;
  /** Checks username and password (read from the body unless given), rate-limited; on success starts a session and sets its cookies. */
  login(req: AuthRequest, credentials?: Credentials): Promise<AuthResponse>;
  /** Ends the request's session (CSRF-checked) and clears the cookies. */
  logout(req: AuthRequest, extra?: { body?: unknown }): Promise<AuthResponse>;
  /** The Set-Cookie values that carry a session token (and its CSRF token). */
  sessionCookies(token: string): string[];
  /** The Set-Cookie values that delete both cookies. */
  clearCookies(): string[];
  /** The limiter of failed logins, if any. */
  readonly rateLimiter: LoginRateLimiter | undefined;
}

/** An AuthError as an answer: its status, headers and `{ error, code }`. */
export function errorResponse(error: AuthError, extraHeaders: Record<string, string | string[]> = {}): AuthResponse {
  return {
    status: error.status,
    headers: { ...error.headers, ...extraHeaders },
    body: { error: error.message, code: error.code },
  };
}

/**
 * Cookie sessions for any Node HTTP server: a framework-free core (`auth(req)`, `auth.login`,
 * `auth.logout`) that the Express and Fastify adapters wrap.
 * @example
 * import { createServer } from "node:http";
 * import { sessionAuth } from "piccolo-orm/auth";
 * const auth = sessionAuth({ secure: process.env.NODE_ENV === "production" });
 * const server = createServer(async (req, res) => {
 *   const who = await auth(req); // { user, session, csrfToken } | null
 *   res.end(who ? `Hello ${who.user.username}` : "Please log in");
 * });
 */
export function sessionAuth(options: SessionAuthOptions = {}): SessionAuth {
  assertKnownOptions("sessionAuth()", options, optionNames, "config");
  const users = options.userTable ?? BaseUser;
  const sessions = options.sessionTable ?? Sessions;
  const lifetime = sessionLifetime({ maxAge: options.maxAge, idleTimeout: options.idleTimeout });
  const cookieName = options.cookieName ?? "piccolo_session";
  const csrfCookieName = options.csrfCookieName ?? "csrftoken";
  const csrf = {
    enabled: options.csrf ?? true,
    headerName: (options.csrfHeader ?? "x-csrf-token").toLowerCase(),
    field: options.csrfField ?? "csrfToken",
  };
  const trusted = options.trustedOrigins ?? [];
  const cookie: CookieOptions = {
    secure: options.secure ?? true,
    sameSite: options.sameSite ?? "Lax",
    path: options.path ?? "/",
    domain: options.domain,
  };
  const limiter =
    options.rateLimit === false
      ? undefined
      : options.rateLimit instanceof LoginRateLimiter
        ? options.rateLimit
        : new LoginRateLimiter(options.rateLimit);
  const addressOf = options.clientAddress ?? ((req: AuthRequest) => req.socket?.remoteAddress ?? "unknown");

  const tokenOf = (req: AuthRequest) => {
    const header = req.headers.cookie;
    return parseCookies(Array.isArray(header) ? header.join("; ") : header).get(cookieName);
  };
  const sessionCookies = (token: string) => {
    const maxAge = lifetime.maxAge / 1000;
    return [
      serializeCookie(cookieName, token, { ...cookie, httpOnly: true, maxAge }),
      serializeCookie(csrfCookieName, csrfTokenFor(token), { ...cookie, maxAge }),
    ];
  };
  const clearCookies = () => [
    serializeCookie(cookieName, "", { ...cookie, httpOnly: true, maxAge: 0 }),
    serializeCookie(csrfCookieName, "", { ...cookie, maxAge: 0 }),
  ];

  const authenticate = async (req: AuthRequest, extra: { body?: unknown } = {}): Promise<AuthResult | null> => {
    const token = tokenOf(req);
    if (token === undefined) return null;
    const session = await sessions.getSession(token, lifetime);
    if (session === null) return null;
    const user = await users.objects().get(users.c.id.eq(session.userId));
    if (user === null || !user.active) return null;
    if (csrf.enabled) {
      checkOrigin(req, trusted);
      checkCsrfToken(req, token, { ...csrf, body: extra.body ?? (req as { body?: unknown }).body });
    }
    return { user, session, csrfToken: csrfTokenFor(token) };
  };

  const login = async (req: AuthRequest, credentials?: Credentials): Promise<AuthResponse> => {
    try {
      if (csrf.enabled) checkOrigin(req, trusted);
      const fields = credentials ?? (await credentialsOf(req));
      const { username, password } = fields;
      if (typeof username !== "string" || typeof password !== "string" || username === "")
        throw badLoginBody("username and password must be strings");
      const key = LoginRateLimiter.key(username, addressOf(req));
      const wait = limiter?.retryAfter(key) ?? 0;
      if (wait > 0) throw tooManyLoginAttempts(wait);
      const userId = await users.login(username, password);
      if (userId === null) {
        limiter?.fail(key);
        throw loginFailed();
      }
      limiter?.reset(key);
      // A new token at every login (no session fixation); the old session, if any, ends.
      const previous = tokenOf(req);
      if (previous !== undefined) await sessions.logout(previous);
      const { token } = await sessions.createSession(userId, lifetime);
      const headers: Record<string, string | string[]> = { "set-cookie": sessionCookies(token) };
      if (options.loginRedirect !== undefined && isForm(req)) {
        return { status: 303, headers: { ...headers, location: options.loginRedirect }, body: { ok: true } };
      }
      return { status: 200, headers, body: { ok: true, userId, csrfToken: csrfTokenFor(token) } };
    } catch (error) {
      if (error instanceof AuthError) return errorResponse(error);
      throw error;
    }
  };

  const logout = async (req: AuthRequest, extra: { body?: unknown } = {}): Promise<AuthResponse> => {
    try {
      const who = await authenticate(req, extra);
      if (who !== null) await sessions.logout(tokenOf(req)!);
      return { status: 200, headers: { "set-cookie": clearCookies() }, body: { ok: true } };
    } catch (error) {
      if (error instanceof AuthError) return errorResponse(error);
      throw error;
    }
  };

  return Object.assign(authenticate, { login, logout, sessionCookies, clearCookies, rateLimiter: limiter });
}

function isForm(req: AuthRequest): boolean {
  return String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
}

/** Credentials from a body a framework parsed already (req.body), else read from the request stream. */
async function credentialsOf(req: AuthRequest): Promise<Credentials> {
  const parsed = (req as { body?: unknown }).body;
  if (parsed !== undefined && parsed !== null && typeof parsed === "object") return parsed;
  if (typeof (req as Partial<ReadableRequest>)[Symbol.asyncIterator] !== "function")
    throw badLoginBody("the request body cannot be read");
  return readFields(req as AuthRequest & ReadableRequest);
}
