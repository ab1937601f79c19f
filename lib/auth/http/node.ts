import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthError, notAuthenticated } from "../../errors/auth-factories";
import { errorResponse, type AuthResponse, type AuthResult, type SessionAuth } from "./session-auth";

/** Writes an AuthResponse to Node's ServerResponse as JSON (or an empty redirect). */
export function sendAuthResponse(res: ServerResponse, response: AuthResponse): void {
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.status >= 300 && response.status < 400) {
    res.statusCode = response.status;
    res.end();
    return;
  }
  res.statusCode = response.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify(response.body));
}

/** A Node http handler for `POST /login` (JSON or form: username, password). */
export function nodeLoginHandler(auth: SessionAuth): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => sendAuthResponse(res, await auth.login(req));
}

/** A Node http handler for `POST /logout`. */
export function nodeLogoutHandler(auth: SessionAuth): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => sendAuthResponse(res, await auth.logout(req));
}

/**
 * The request's session, or null after answering 401 (no session) or 403 (failed CSRF check):
 * `const who = await requireSession(auth, req, res); if (!who) return;`.
 */
export async function requireSession(
  auth: SessionAuth,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<AuthResult | null> {
  try {
    const who = await auth(req);
    if (who === null) sendAuthResponse(res, errorResponse(notAuthenticated()));
    return who;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    sendAuthResponse(res, errorResponse(error));
    return null;
  }
}
