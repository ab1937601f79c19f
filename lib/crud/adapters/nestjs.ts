import type { IncomingMessage, ServerResponse } from "node:http";
import type { Endpoint } from "../action";

/** A NestJS middleware class (the shape of `NestMiddleware`), made without importing @nestjs/common. */
export interface CrudMiddlewareClass {
  new (): { use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void };
}

/**
 * NestJS middleware (Express platform) serving the endpoints:
 * `consumer.apply(nestCrud(crud(Band))).forRoutes("*")` in a module's `configure()`. Requests outside
 * the endpoint's prefix go on to Nest's controllers.
 */
export function nestCrud(...endpoints: Endpoint[]): CrudMiddlewareClass {
  return class CrudMiddleware {
    use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
      const run = (i: number): void => {
        const endpoint = endpoints[i];
        if (endpoint === undefined) return next();
        endpoint(req, res, () => run(i + 1)).catch(next);
      };
      run(0);
    }
  };
}
