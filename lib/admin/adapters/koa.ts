import { Readable } from "node:stream";
import { nodeRequest, type KoaContext } from "../../crud";
import type { Admin } from "../admin";

/** Koa 3 middleware: `app.use(koaAdmin(admin))`; requests outside the admin's prefix go to `next`. */
export function koaAdmin(admin: Admin) {
  return async (ctx: KoaContext, next: () => Promise<unknown>): Promise<void> => {
    const request = nodeRequest(ctx.req, ctx);
    const parsed = ctx.request.body;
    const response = await admin.handle(
      parsed !== undefined ? { ...request, readBody: () => Promise.resolve({ parsed }) } : request,
    );
    if (response === undefined) {
      await next();
      return;
    }
    ctx.status = response.status;
    ctx.set(response.headers as Record<string, string>);
    const { body } = response;
    // "" rather than null: Koa turns a null body into a 204 and would lose a redirect's 303.
    ctx.body = body === undefined ? "" : typeof body === "string" ? body : Readable.from(body);
  };
}
