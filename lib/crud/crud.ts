import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActionContext, ActionResult, CrudRequest, CrudResponse, Endpoint } from "./action";
import { errorResponse, toCrudError } from "./error-map";
import { describeTable } from "../table/describe";
import { forbidden, methodNotAllowed } from "./errors";
import { parseKey } from "./keys";
import { listRows } from "./list";
import { buildModel, type CrudModel } from "./model";
import { handleNode } from "./node";
import { handleFetch } from "./fetch";
import { resolveOptions, type CrudAction, type CrudOptions, type ResolvedOptions } from "./options";
import { countRows, getRow, listIds, newRow, schema } from "./read";
import { matchRoute } from "./router";
import { bulkDelete, createRow, deleteRow, patchRow, replaceRow } from "./write";

const actions: Record<CrudAction, (ctx: ActionContext) => Promise<ActionResult>> = {
  list: (ctx) => listRows(ctx.model, ctx.options, ctx.search).then((r) => ({ status: 200, ...r })),
  get: getRow,
  create: createRow,
  replace: replaceRow,
  patch: patchRow,
  delete: deleteRow,
  bulkDelete,
  count: countRows,
  ids: listIds,
  new: newRow,
  schema,
};

/**
 * The REST endpoints of one table: callable as a Node `http` request listener (and so as Express
 * or NestJS middleware: requests outside its prefix go to `next`), with `handle` for any framework
 * and `fetch` for Fetch-API servers (Hono).
 */
export interface CrudHandler<TTable = unknown> extends Endpoint {
  /** The table class. */
  readonly table: abstract new (...args: never[]) => TTable;
  readonly model: CrudModel;
  readonly options: ResolvedOptions;
}

/** A table class: a class with the column accessor and table name every `Table<T>()` has. */
export type TableLike = (abstract new (...args: never[]) => unknown) & {
  readonly c: object;
  readonly tableName: string;
};

/**
 * REST endpoints for a table: list with filters, ordering and pagination, get, create, replace,
 * patch, delete, bulk delete, `/schema`, `/count`, `/ids`, `/new`.
 * @example
 * const bands = crud(Band, { writable: ["name", "popularity"], maxPageSize: 50 });
 * // http.createServer(bands).listen(8000); GET /band?popularity__gte=10&__order=-popularity
 */
export function crud<TTable extends TableLike>(
  table: TTable,
  options: CrudOptions<InstanceType<TTable>> = {},
): CrudHandler<InstanceType<TTable>> {
  const resolved = resolveOptions(describeTable(table).tableName, options as unknown as CrudOptions<never>);
  const model = buildModel(table, resolved);
  const handle = (request: CrudRequest) => answer(model, resolved, request);
  const handler = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) =>
    handleNode(handle, req, res, next)) as CrudHandler<InstanceType<TTable>>;
  return Object.assign(handler, {
    table: table as never,
    prefix: resolved.prefix,
    model,
    options: resolved,
    handle,
    fetch: (request: Request) => handleFetch(handle, request),
  });
}

/** The path under the prefix, or undefined when the request is not for this table. */
function pathUnder(prefix: string, pathname: string): string | undefined {
  if (pathname === prefix) return "";
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : undefined;
}

async function answer(
  model: CrudModel,
  options: ResolvedOptions,
  request: CrudRequest,
): Promise<CrudResponse | undefined> {
  const url = new URL(request.url, "http://localhost");
  const rest = pathUnder(options.prefix, url.pathname);
  if (rest === undefined) return undefined;
  try {
    const route = matchRoute(request.method, rest, options.readOnly);
    if (route.action === "bulkDelete" && options.maxBulkDelete === 0)
      throw methodNotAllowed(request.method, "/", ["GET", "POST"], false);
    const allowed = options.authorize ? await options.authorize(request, route.action) : true;
    if (allowed === false) throw forbidden(route.action);
    const ctx: ActionContext = {
      model,
      options,
      request,
      search: url.searchParams,
      hook: { request, table: model.description.className },
      ...(route.key === undefined ? {} : { key: parseKey(model, route.key) }),
    };
    const result = await actions[route.action](ctx);
    return { status: result.status, headers: { ...result.headers }, body: result.body };
  } catch (error) {
    const failure = toCrudError(error, model);
    if (failure.status >= 500) options.onError?.(error, request);
    return errorResponse(failure);
  }
}
