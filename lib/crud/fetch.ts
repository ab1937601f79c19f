import type { CrudRequest, CrudResponse } from "./action";
import type { BodySource } from "./body";
import { bodyTooLarge } from "./errors";

/** Reads a Fetch API body as text, refusing more than `limit` bytes (413). */
async function readFetchBody(request: Request, limit: number): Promise<BodySource> {
  if (Number(request.headers.get("content-length")) > limit) throw bodyTooLarge(limit);
  if (request.body === null) return { text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}

/** A CrudRequest over a Fetch API Request (Hono, Deno-style servers). */
export function fetchRequest(request: Request, raw: unknown = request): CrudRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return {
    method: request.method,
    url: url.pathname + url.search,
    headers,
    raw,
    readBody: (limit) => readFetchBody(request, limit),
  };
}

/** A CrudResponse as a Fetch API Response. */
export function fetchResponse(response: CrudResponse): Response {
  const headers = new Headers(response.headers);
  if (response.body === undefined) return new Response(null, { status: response.status, headers });
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(response.body), { status: response.status, headers });
}

/** Answers a Fetch API Request, or undefined when it is outside the handler's prefix. */
export async function handleFetch(
  handle: (request: CrudRequest) => Promise<CrudResponse | undefined>,
  request: Request,
): Promise<Response | undefined> {
  const response = await handle(fetchRequest(request));
  return response === undefined ? undefined : fetchResponse(response);
}
