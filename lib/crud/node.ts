import type { IncomingMessage, ServerResponse } from "node:http";
import type { CrudRequest, CrudResponse } from "./action";
import type { BodySource } from "./body";
import { errorResponse } from "./error-map";
import { bodyTooLarge, notFound } from "./errors";

/** A Node request with what frameworks add: Express's `originalUrl` and parsed `body`. */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/** Reads a Node request body as text, refusing more than `limit` bytes (413) without buffering it all. */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<BodySource> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (declared > limit) {
      req.resume();
      return reject(bodyTooLarge(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(bodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve({ text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", reject);
  });
}

/** A CrudRequest over a Node request; a body a framework already parsed (express.json()) is used as is. */
export function nodeRequest(req: NodeRequest, raw: unknown = req): CrudRequest {
  return {
    method: req.method ?? "GET",
    url: req.originalUrl ?? req.url ?? "/",
    headers: req.headers,
    raw,
    readBody: (limit) => (req.body !== undefined ? Promise.resolve({ parsed: req.body }) : readNodeBody(req, limit)),
  };
}

/** Writes a CrudResponse as JSON. */
export function writeNodeResponse(res: ServerResponse, response: CrudResponse): void {
  const body = response.body === undefined ? undefined : JSON.stringify(response.body);
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (body !== undefined) res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(body);
}

/** The Node listener behind every handler: outside the prefix, `next()` or a 404. */
export async function handleNode(
  handle: (request: CrudRequest) => Promise<CrudResponse | undefined>,
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
): Promise<void> {
  const response = await handle(nodeRequest(req));
  if (response !== undefined) return writeNodeResponse(res, response);
  if (next) return next();
  writeNodeResponse(res, errorResponse(notFound(`${req.url ?? "/"}`)));
}
