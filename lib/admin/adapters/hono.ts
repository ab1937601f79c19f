import type { HonoContext } from "../../crud";
import type { Admin } from "../admin";

/** Hono 4 middleware: `app.use("/admin/*", honoAdmin(admin))` (or `app.use(honoAdmin(admin))`). */
export function honoAdmin(admin: Admin) {
  return async (c: HonoContext, next: () => Promise<void>): Promise<Response | void> => {
    const response = await admin.fetch(c.req.raw);
    if (response !== undefined) return response;
    await next();
  };
}
