import { assertKnownOptions } from "../errors/factories";
import type { ColumnKeys, Values } from "../table/types";

/** What a request asks to do; `authorize` is called with it before anything runs. */
export type CrudAction =
  "list" | "get" | "create" | "replace" | "patch" | "delete" | "bulkDelete" | "count" | "ids" | "new" | "schema";

/** The request as `authorize` and hooks see it, whatever the framework. */
export interface CrudRequestInfo {
  readonly method: string;
  /** The path and query string as requested (the prefix included). */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The framework's own request: Node's IncomingMessage, a Fetch Request (Hono), Express's req. */
  readonly raw: unknown;
}

/** A row's primary key, by property name: `{ id: 3 }`, or several columns for a composite key. */
export type PrimaryKeyValues = Readonly<Record<string, unknown>>;

/** What hooks get besides the values: the request, and the table's class name. */
export interface HookContext {
  readonly request: CrudRequestInfo;
  readonly table: string;
}

/**
 * Per-table hooks. A before hook may return changed values (or nothing to keep them) and may refuse
 * the request by throwing (`reject(message, status)` answers with that status). After hooks see the
 * row as the API returns it.
 */
export interface CrudHooks<TTable> {
  beforeCreate?(values: Partial<Values<TTable>>, ctx: HookContext): MaybePromise<Partial<Values<TTable>> | void>;
  afterCreate?(row: Record<string, unknown>, ctx: HookContext): MaybePromise<void>;
  /** Runs for PATCH and PUT. */
  beforePatch?(
    key: PrimaryKeyValues,
    values: Partial<Values<TTable>>,
    ctx: HookContext,
  ): MaybePromise<Partial<Values<TTable>> | void>;
  afterPatch?(row: Record<string, unknown>, ctx: HookContext): MaybePromise<void>;
  /** Runs for each row of a bulk delete too. */
  beforeDelete?(key: PrimaryKeyValues, ctx: HookContext): MaybePromise<void>;
  afterDelete?(key: PrimaryKeyValues, ctx: HookContext): MaybePromise<void>;
}

type MaybePromise<TValue> = TValue | Promise<TValue>;

/** Options of `crud(Table, options)`. */
export interface CrudOptions<TTable> {
  /** The path the endpoints live under, as clients request it (default `/<tableName>`). */
  prefix?: string;
  /** Answer GET requests only (default false). */
  readOnly?: boolean;
  /** The columns a client may write (default: every non-secret column but a generated serial key). */
  writable?: readonly ColumnKeys<TTable>[];
  /**
   * Per foreign key, the column of the referenced table that `?__readable=true` shows beside the key
   * as `<key>_readable` (a path such as "name" or "manager.name"). A referenced table may declare
   * its own with `static readable = "name"`; otherwise the key's value is shown.
   */
  readable?: { readonly [K in ColumnKeys<TTable>]?: string };
  /** Rows per page when the client gives no `__pageSize` (default 20). */
  pageSize?: number;
  /** The largest `__pageSize` a client may ask for (default 100). */
  maxPageSize?: number;
  /** Where lists report the total number of matching rows: `count` in the body, the `X-Total-Count` header, or neither (default "body"). */
  totalCount?: "body" | "header" | "none";
  /** The most rows one bulk delete may remove (default 100; 0 turns bulk delete off). */
  maxBulkDelete?: number;
  /** The largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Decides whether a request may run: return false (or throw) to refuse it with 403. Plug sessions in here. */
  authorize?: (request: CrudRequestInfo, action: CrudAction) => MaybePromise<boolean | void>;
  hooks?: CrudHooks<TTable>;
  /** Told of every error answered with 500 (the response says only "Internal server error"). */
  onError?: (error: unknown, request: CrudRequestInfo) => void;
}

/** The options with their defaults applied. */
export interface ResolvedOptions {
  readonly prefix: string;
  readonly readOnly: boolean;
  readonly writable: readonly string[] | undefined;
  readonly readable: Readonly<Record<string, string>>;
  readonly pageSize: number;
  readonly maxPageSize: number;
  readonly totalCount: "body" | "header" | "none";
  readonly maxBulkDelete: number;
  readonly bodyLimit: number;
  readonly authorize: CrudOptions<unknown>["authorize"];
  readonly hooks: CrudHooks<unknown>;
  readonly onError: CrudOptions<unknown>["onError"];
}

const optionNames = [
  "prefix",
  "readOnly",
  "writable",
  "readable",
  "pageSize",
  "maxPageSize",
  "totalCount",
  "maxBulkDelete",
  "bodyLimit",
  "authorize",
  "hooks",
  "onError",
];
const hookNames = ["beforeCreate", "afterCreate", "beforePatch", "afterPatch", "beforeDelete", "afterDelete"];

/** Checks option names and applies the defaults; columns are checked by the caller, which knows the table. */
export function resolveOptions(tableName: string, options: CrudOptions<never>): ResolvedOptions {
  assertKnownOptions("crud()", options, optionNames, "config");
  if (options.hooks) assertKnownOptions("crud() hooks", options.hooks, hookNames, "config");
  const prefix = (options.prefix ?? `/${tableName}`).replace(/\/+$/, "");
  return {
    prefix: prefix.startsWith("/") ? prefix : `/${prefix}`,
    readOnly: options.readOnly ?? false,
    writable: options.writable,
    readable: options.readable ?? {},
    pageSize: Math.min(options.pageSize ?? 20, options.maxPageSize ?? 100),
    maxPageSize: options.maxPageSize ?? 100,
    totalCount: options.totalCount ?? "body",
    maxBulkDelete: options.maxBulkDelete ?? 100,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    authorize: options.authorize,
    hooks: options.hooks ?? {},
    onError: options.onError,
  };
}
