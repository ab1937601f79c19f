import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthError, notAuthenticated } from "../../errors/auth-factories";
import { sendAuthResponse } from "./node";
import { errorResponse, type AuthResult, type SessionAuth } from "./session-auth";

/** The parts of Express's request and response the adapter uses (no import of express itself). */
type ExpressRequest = IncomingMessage & { body?: unknown; auth?: AuthResult | null };
type ExpressResponse = ServerResponse & { locals?: Record<string, unknown> };
type Next = (error?: unknown) => void;
/** An Express middleware or handler. */
export type ExpressHandler = (req: ExpressRequest, res: ExpressResponse, next: Next) => Promise<void>;

/**
 * Express middleware: sets `req.auth` (and `res.locals.auth`) to the session or null; answers 403
 * on a failed CSRF check, and 401 without a session when `required`.
 * @example
 * import express from "express";
 * import { expressLogin, expressLogout, expressSessionAuth, sessionAuth, type AuthResult } from "piccolo-orm/auth";
 * const auth = sessionAuth();
 * const app = express();
 * app.use(express.json());
 * app.post("/login", expressLogin(auth));
 * app.post("/logout", expressLogout(auth));
 * app.get("/me", expressSessionAuth(auth, { required: true }), (req, res) => {
 *   res.json({ username: (req as unknown as { auth: AuthResult }).auth.user.username });
 * });
 */
export function expressSessionAuth(auth: SessionAuth, options: { required?: boolean } = {}): ExpressHandler {
  return async (req, res, next) => {
    try {
      const who = await auth(req, { body: req.body });
      if (who === null && options.required) return sendAuthResponse(res, errorResponse(notAuthenticated()));
      req.auth = who;
      if (res.locals) res.locals.auth = who;
      next();
    } catch (error) {
      if (error instanceof AuthError) return sendAuthResponse(res, errorResponse(error));
      next(error);
    }
  };
}

/** An Express handler for `POST /login`: uses `req.body` when a body parser ran, else reads the body. */
export function expressLogin(auth: SessionAuth): ExpressHandler {
  return async (req, res, next) => {
    try {
      sendAuthResponse(res, await auth.login(req));
    } catch (error) {
      next(error);
    }
  };
}

/** An Express handler for `POST /logout`. */
export function expressLogout(auth: SessionAuth): ExpressHandler {
  return async (req, res, next) => {
    try {
      sendAuthResponse(res, await auth.logout(req, { body: req.body }));
    } catch (error) {
      next(error);
    }
  };
}
