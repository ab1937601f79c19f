import { methodNotAllowed, notFound } from "./errors";
import type { CrudAction } from "./options";

/** What a method and path under the prefix ask for; `key` is the raw primary key segment. */
export interface Route {
  readonly action: CrudAction;
  readonly key?: string;
}

const collection: Record<string, CrudAction> = { GET: "list", POST: "create", DELETE: "bulkDelete" };
const item: Record<string, CrudAction> = { GET: "get", PUT: "replace", PATCH: "patch", DELETE: "delete" };
const named: Record<string, CrudAction> = { schema: "schema", count: "count", ids: "ids", new: "new" };

/**
 * The route of a request: `/` (list, create, bulk delete), `/schema`, `/count`, `/ids`, `/new`
 * (GET), `/<key>` (get, replace, patch, delete; a composite key as `/1,2`). A method the path does
 * not answer is a 405 with the methods it does; read-only endpoints answer GET only.
 */
export function matchRoute(method: string, rest: string, readOnly: boolean): Route {
  const path = rest.replace(/^\/+|\/+$/g, "");
  const verb = method === "HEAD" ? "GET" : method;
  const allowed = (table: Record<string, CrudAction>) => Object.keys(table).filter((m) => !readOnly || m === "GET");
  const pick = (table: Record<string, CrudAction>, key?: string): Route => {
    const action = table[verb];
    if (action === undefined || !allowed(table).includes(verb))
      throw methodNotAllowed(method, `/${path}`, allowed(table), readOnly && action !== undefined);
    return key === undefined ? { action } : { action, key };
  };
  if (path === "") return pick(collection);
  if (path.includes("/")) throw notFound(`/${path}`);
  const special = named[path];
  if (special !== undefined) return pick({ GET: special });
  return pick(item, path);
}
