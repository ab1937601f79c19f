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
