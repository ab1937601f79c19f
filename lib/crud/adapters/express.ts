import type { IncomingMessage, ServerResponse } from "node:http";
import type { Endpoint } from "../action";
import { errorResponse } from "../error-map";
import { bodyTooLarge, invalidJson } from "../errors";
import { writeNodeResponse } from "../node";

type Next = (error?: unknown) => void;
type ExpressRequest = IncomingMessage & { originalUrl?: string };

/**
 * Express 5 middleware: `app.use(expressCrud(crud(Band)))`. Requests outside the endpoint's prefix
 * go on to the next handler; a body parsed by `express.json()` is used as is, and that parser's
 * failures under the prefix (bad JSON, too large) are answered in the endpoint's error format.
 * Mount it as `app.use(express.json(), expressCrud(crud(Band)))`.
 */
export function expressCrud(endpoint: Endpoint) {
  const handler = (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    endpoint(req, res, next).catch(next);
  };
  const parserErrors = (error: unknown, req: ExpressRequest, res: ServerResponse, next: Next): void => {
    const path = (req.originalUrl ?? req.url ?? "").split("?")[0]!;
    const under = path === endpoint.prefix || path.startsWith(`${endpoint.prefix}/`);
    const type = (error as { type?: string }).type;
    if (!under || (type !== "entity.parse.failed" && type !== "entity.too.large")) return next(error);
    const failure =
      type === "entity.too.large"
        ? bodyTooLarge((error as { limit?: number }).limit ?? 0)
        : invalidJson((error as Error).message);
    writeNodeResponse(res, errorResponse(failure));
  };
  return [handler, parserErrors];
}
