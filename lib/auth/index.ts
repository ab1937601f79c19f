export { BaseUser, type CreateUserValues, type UserKey } from "./base-user";
export { Sessions, sessionLifetime, type SessionLifetime, type NewSession } from "./sessions";
export {
  PasswordHasher,
  parseHash,
  DEFAULT_ITERATIONS,
  type PasswordHasherOptions,
  type ParsedHash,
} from "./password-hasher";
export { defaultPasswordRules, type PasswordRules } from "./password-rules";
export { newSessionToken, hashSessionToken, csrfTokenFor } from "./session-token";
export { AuthError } from "../errors/auth-factories";
export { USER_APP, SESSION_APP } from "./apps";
export {
  sessionAuth,
  errorResponse,
  type SessionAuth,
  type SessionAuthOptions,
  type AuthRequest,
  type AuthResult,
  type AuthResponse,
  type Credentials,
} from "./http/session-auth";
export { LoginRateLimiter, type RateLimitOptions } from "./http/rate-limit";
export { parseCookies, serializeCookie, type CookieOptions } from "./http/cookies";
export { isSafeMethod } from "./http/csrf";
export { sendAuthResponse, nodeLoginHandler, nodeLogoutHandler, requireSession } from "./http/node";
export { expressSessionAuth, expressLogin, expressLogout, type ExpressHandler } from "./http/express";
export { fastifySessionAuth, fastifyLogin, fastifyLogout } from "./http/fastify";
