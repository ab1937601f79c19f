import { csrfCheckFailed } from "../../errors/auth-factories";
import { csrfTokenFor, safeEqual } from "../session-token";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** What the CSRF checks read from a request. */
export interface CsrfRequest {
  readonly method?: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Whether the method changes nothing (GET, HEAD, OPTIONS, TRACE), so needs no CSRF token. */
export function isSafeMethod(method: string | undefined): boolean {
  return SAFE_METHODS.has((method ?? "GET").toUpperCase());
}

function header(req: CsrfRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Refuses an unsafe request that a browser says comes from another site: an Origin header naming
 * another host than the request's (and not a trusted origin), or Sec-Fetch-Site: cross-site.
 */
export function checkOrigin(req: CsrfRequest, trustedOrigins: readonly string[]): void {
  if (isSafeMethod(req.method)) return;
  if (header(req, "sec-fetch-site") === "cross-site")
    throw csrfCheckFailed("the browser says the request is cross-site");
  const origin = header(req, "origin");
  if (origin === undefined || origin === "null" || trustedOrigins.includes(origin)) {
    if (origin === "null") throw csrfCheckFailed("the request has an opaque origin");
    return;
  }
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    throw csrfCheckFailed("the Origin header is not a URL");
  }
  if (host !== header(req, "host")) throw csrfCheckFailed(`the request comes from another origin (${origin})`);
}

/**
 * Checks the synchronizer token of a cookie session on an unsafe request: the X-CSRF-Token header
 * (or the form field) must equal the session's CSRF token, compared in constant time.
 */
export function checkCsrfToken(
  req: CsrfRequest,
  sessionToken: string,
  given: { headerName: string; field: string; body?: unknown },
): void {
  if (isSafeMethod(req.method)) return;
  const fromBody = (given.body as Record<string, unknown> | undefined)?.[given.field];
  const token = header(req, given.headerName) ?? (typeof fromBody === "string" ? fromBody : undefined);
  if (token === undefined || token === "") throw csrfCheckFailed("the request has no CSRF token");
  if (!safeEqual(token, csrfTokenFor(sessionToken))) throw csrfCheckFailed("the CSRF token is not the session's");
}
