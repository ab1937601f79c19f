import type { Endpoint } from "../action";

/** What the adapter uses of a Hono context (no import of hono, which stays optional). */
export interface HonoContext {
  req: { raw: Request };
}

/**
 * Hono 4 middleware (any runtime; on Node through @hono/node-server): `app.use(honoCrud(crud(Band)))`.
 * Requests outside the endpoint's prefix go to `next`.
 */
export function honoCrud(endpoint: Endpoint) {
  return async (c: HonoContext, next: () => Promise<void>): Promise<Response | void> => {
    const response = await endpoint.fetch(c.req.raw);
    if (response !== undefined) return response;
    await next();
  };
}
