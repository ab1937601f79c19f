import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new session token: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The SHA-256 (hex) of a token: what the sessions table stores, so a leaked table yields no usable token. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The CSRF token of a session: an HMAC of a fixed label keyed by the session token. It is tied to
 * the session, needs no storage, and does not reveal the session token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("piccolo-orm csrf v1").digest("base64url");
}

/** Compares two strings in constant time (for equal lengths; different lengths are simply unequal). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
