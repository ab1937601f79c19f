import type { IncomingMessage } from "node:http";
import { AuthError, notAuthenticated } from "../../errors/auth-factories";
import { errorResponse, type AuthResponse, type AuthResult, type SessionAuth } from "./session-auth";

/** The parts of Fastify's request and reply the adapter uses (no import of fastify itself). */
interface FastifyRequestLike {
  readonly raw: IncomingMessage;
  readonly body?: unknown;
  auth?: AuthResult | null;
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string | string[]): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
}

function reply(r: FastifyReplyLike, response: AuthResponse): FastifyReplyLike {
  r.code(response.status).header("cache-control", "no-store");
  for (const [name, value] of Object.entries(response.headers)) r.header(name, value);
  return response.status >= 300 && response.status < 400 ? r.send() : r.send(response.body);
}

/**
 * A Fastify preHandler hook: sets `request.auth` to the session or null; answers 403 on a failed
 * CSRF check, and 401 without a session when `required`. Declare the property once with
 * `app.decorateRequest("auth", null)`.
 * @example
 * import Fastify from "fastify";
 * import { fastifyLogin, fastifyLogout, fastifySessionAuth, sessionAuth, type AuthResult } from "piccolo-orm/auth";
 * const auth = sessionAuth();
 * const app = Fastify();
 * app.decorateRequest("auth", null);
 * app.post("/login", fastifyLogin(auth));
 * app.post("/logout", fastifyLogout(auth));
 * app.get("/me", { preHandler: fastifySessionAuth(auth, { required: true }) }, async (request) => ({
 *   username: (request as unknown as { auth: AuthResult }).auth.user.username,
 * }));
 */
export function fastifySessionAuth(
  auth: SessionAuth,
  options: { required?: boolean } = {},
): (request: FastifyRequestLike, r: FastifyReplyLike) => Promise<void> {
  return async (request, r) => {
    try {
      const who = await auth(request.raw, { body: request.body });
      if (who === null && options.required) {
        reply(r, errorResponse(notAuthenticated()));
        return;
      }
      request.auth = who;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      reply(r, errorResponse(error));
    }
  };
}

/** A Fastify route handler for `POST /login` (Fastify parses the JSON body). */
export function fastifyLogin(
  auth: SessionAuth,
): (request: FastifyRequestLike, r: FastifyReplyLike) => Promise<FastifyReplyLike> {
  return async (request, r) => reply(r, await auth.login(request.raw, bodyOf(request)));
}

/** A Fastify route handler for `POST /logout`. */
export function fastifyLogout(
  auth: SessionAuth,
): (request: FastifyRequestLike, r: FastifyReplyLike) => Promise<FastifyReplyLike> {
  return async (request, r) => reply(r, await auth.logout(request.raw, { body: request.body }));
}

function bodyOf(request: FastifyRequestLike): { username?: unknown; password?: unknown } {
  const body = request.body;
  return body !== null && typeof body === "object" ? body : {};
}
