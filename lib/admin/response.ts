import type { CrudRequest } from "../crud";

/** A request as the admin reads it: the CRUD layer's framework-neutral request. */
export type AdminRequest = CrudRequest;

/** A response of the admin: an HTML page, a redirect, an asset, JSON or a CSV stream. */
export interface AdminResponse {
  readonly status: number;
  /** Header names in lower case; Set-Cookie may repeat. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Text, or chunks of text streamed as they come (CSV export); undefined for none. */
  readonly body?: string | AsyncIterable<string>;
}

/** Headers every admin response carries: no framing, no sniffing, no inline code. */
export const securityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

/** An HTML page. */
export function page(
  body: { text: string },
  status = 200,
  headers: Record<string, string | string[]> = {},
): AdminResponse {
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
    body: body.text,
  };
}

/** A 303 redirect (after a form post: the browser then GETs the location). */
export function redirect(location: string, headers: Record<string, string | string[]> = {}): AdminResponse {
  return { status: 303, headers: { location, "cache-control": "no-store", ...headers } };
}

/** A JSON answer (the pickers' search endpoint). */
export function json(value: unknown, status = 200): AdminResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    body: JSON.stringify(value),
  };
}
