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
    ctx.body = body === undefined ? null : typeof body === "string" ? body : Readable.from(body);
  };
}
