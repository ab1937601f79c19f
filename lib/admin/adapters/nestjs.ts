import { nestCrud, type CrudMiddlewareClass, type Endpoint } from "../../crud";
import type { Admin } from "../admin";

/**
 * NestJS middleware (Express platform): `consumer.apply(nestAdmin(admin)).forRoutes("*")` in a
 * module's `configure()`. Requests outside the admin's prefix go on to Nest's controllers.
 */
export function nestAdmin(admin: Admin): CrudMiddlewareClass {
  // The admin is a Node listener with next(), which is all Nest's middleware runs.
  return nestCrud(admin as unknown as Endpoint);
}
