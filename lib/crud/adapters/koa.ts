import type { IncomingMessage, ServerResponse } from "node:http";
import type { Endpoint } from "../action";
import { nodeRequest, readNodeBody } from "../node";

/** What the adapter uses of a Koa context (no import of koa, which stays optional). */
export interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  request: { body?: unknown };
  status: number;
  body: unknown;
  set(headers: Record<string, string>): void;
}

/**
 * Koa 3 middleware, for `app.use()` or an @koa/router route (`router.all("/band{/*rest}", …)`):
 * requests outside the endpoint's prefix go to `next`; a body a body parser read is used as is.
 * Mount it as `app.use(koaCrud(crud(Band)))`.
 */
export function koaCrud(endpoint: Endpoint) {
  return async (ctx: KoaContext, next: () => Promise<unknown>): Promise<void> => {
    const request = {
      ...nodeRequest(ctx.req, ctx),
      readBody: (limit: number) =>
        ctx.request.body !== undefined ? Promise.resolve({ parsed: ctx.request.body }) : readNodeBody(ctx.req, limit),
    };
    const response = await endpoint.handle(request);
    if (response === undefined) {
      await next();
      return;
    }
    ctx.status = response.status;
    ctx.set({ ...response.headers });
    ctx.body = response.body === undefined ? null : response.body;
  };
}
