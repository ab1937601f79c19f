import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeRequest, fetchRequest } from "../crud";
import type { AdminRequest, AdminResponse } from "./response";

type Handle = (request: AdminRequest) => Promise<AdminResponse | undefined>;

/** Writes an admin response on a Node response, streaming a chunked body with back-pressure. */
export async function writeAdminResponse(res: ServerResponse, response: AdminResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  const { body } = response;
  if (body === undefined || typeof body === "string") {
    res.end(body);
    return;
  }
  for await (const chunk of body) {
    if (res.destroyed) return; // the client went away: stop reading rows
    if (!res.write(chunk)) await once(res, "drain");
  }
  res.end();
}

/** The Node listener: outside the prefix, `next()` or a 404. */
export async function handleNodeAdmin(
  handle: Handle,
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
): Promise<void> {
  const response = await handle(nodeRequest(req));
  if (response !== undefined) return writeAdminResponse(res, response);
  if (next) return next();
  res.statusCode = 404;
  res.end();
}

/** An admin response as a Fetch API Response (a chunked body as a ReadableStream). */
export function fetchAdminResponse(response: AdminResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers))
    for (const item of Array.isArray(value) ? value : [value as string]) headers.append(name, item);
  const { body } = response;
  if (body === undefined || typeof body === "string")
    return new Response(body ?? null, { status: response.status, headers });
  const iterator = body[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, { status: response.status, headers });
}

export async function handleFetchAdmin(handle: Handle, request: Request): Promise<Response | undefined> {
  const response = await handle(fetchRequest(request));
  return response === undefined ? undefined : fetchAdminResponse(response);
}
