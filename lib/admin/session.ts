import {
  BaseUser,
  LoginRateLimiter,
  Sessions,
  sessionAuth,
  sessionLifetime,
  type AuthRequest,
  type SessionAuth,
} from "../auth";
import type { ResolvedAdminOptions } from "./options";
import type { AdminRequest } from "./response";

/** The admin's cookie sessions: sessionAuth with its own cookies, limited to the admin's path. */
export interface AdminSessions {
  readonly auth: SessionAuth;
  readonly users: typeof BaseUser;
  /** Checks a login; on success the Set-Cookie values of a new session, else why not. */
  login(
    request: AdminRequest,
    username: string,
    password: string,
  ): Promise<{ cookies: string[] } | { refused: string; status: number }>;
}

/** The request as the auth layer reads it (the client's socket comes from the framework's request). */
export function authRequest(request: AdminRequest): AuthRequest {
  const raw = request.raw as { socket?: unknown; req?: { socket?: unknown }; raw?: { socket?: unknown } } | undefined;
  const socket = (raw?.socket ?? raw?.req?.socket ?? raw?.raw?.socket) as AuthRequest["socket"];
  return { method: request.method, url: request.url, headers: request.headers, socket };
}

export function adminSessions(resolved: ResolvedAdminOptions): AdminSessions {
  const { options } = resolved;
  const users = options.userTable ?? BaseUser;
  const sessions = options.sessionTable ?? Sessions;
  const lifetime = sessionLifetime({ maxAge: options.maxAge, idleTimeout: options.idleTimeout });
  const auth = sessionAuth({
    userTable: users,
    sessionTable: sessions,
    cookieName: "piccolo_admin_session",
    csrfCookieName: "piccolo_admin_csrf",
    path: resolved.prefix,
    secure: options.secure ?? true,
    sameSite: "Lax",
    rateLimit: options.rateLimit,
    trustedOrigins: options.trustedOrigins,
    ...(options.clientAddress === undefined ? {} : { clientAddress: options.clientAddress }),
    maxAge: lifetime.maxAge,
    idleTimeout: lifetime.idleTimeout,
  });
  const addressOf = options.clientAddress ?? ((req: AuthRequest) => req.socket?.remoteAddress ?? "unknown");

  const login: AdminSessions["login"] = async (request, username, password) => {
    const limiter = auth.rateLimiter;
    const key = LoginRateLimiter.key(username, addressOf(authRequest(request)));
    const wait = limiter?.retryAfter(key) ?? 0;
    if (wait > 0) return { refused: `Too many failed logins: try again in ${wait} seconds.`, status: 429 };
    const id = username === "" || password === "" ? null : await users.login(username, password);
    const user = id === null ? null : await users.objects().get(users.c.id.eq(id));
    // Only active admin users; the message does not say which check failed.
    if (user === null || !user.admin || !user.active) {
      limiter?.fail(key);
      return { refused: "Wrong username or password, or not an admin account.", status: 401 };
    }
    limiter?.reset(key);
    const { token } = await sessions.createSession(user.id, lifetime);
    return { cookies: auth.sessionCookies(token) };
  };
  return { auth, users, login };
}
