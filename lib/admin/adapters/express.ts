import type { IncomingMessage, ServerResponse } from "node:http";
import type { Admin } from "../admin";

type Next = (error?: unknown) => void;

/**
 * Express 5 middleware: `app.use(expressAdmin(admin))`. Requests outside the admin's prefix go on
 * to the next handler; works with or without express.json()/express.urlencoded() mounted before.
 */
export function expressAdmin(admin: Admin) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    admin(req, res, next).catch(next);
  };
}
