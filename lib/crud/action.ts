import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodySource } from "./body";
import type { CrudModel } from "./model";
import type { CrudRequestInfo, HookContext, PrimaryKeyValues, ResolvedOptions } from "./options";

/** A request as the router reads it, whatever the framework: adapters build one. */
export interface CrudRequest extends CrudRequestInfo {
  /** The body, read up to `limit` bytes (more is a 413). */
  readBody(limit: number): Promise<BodySource>;
}

/** A response as the router gives it; adapters write it out. `body` undefined means none (204). */
export interface CrudResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What each endpoint's function gets. */
export interface ActionContext {
  readonly model: CrudModel;
  readonly options: ResolvedOptions;
  readonly request: CrudRequest;
  readonly search: URLSearchParams;
  /** The primary key of `/<key>` routes. */
  readonly key?: PrimaryKeyValues;
  readonly hook: HookContext;
}

/** What an endpoint's function answers. */
export interface ActionResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * Something mountable: a crud handler or the OpenAPI document. A Node listener (and Express/NestJS
 * middleware: requests outside `prefix` go to `next`), with `handle` for adapters and `fetch` for
 * Fetch-API servers.
 */
export interface Endpoint {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): Promise<void>;
  /** The path it answers under. */
  readonly prefix: string;
  /** Answers a request, or resolves to undefined when its path is not this endpoint's. */
  handle(request: CrudRequest): Promise<CrudResponse | undefined>;
  /** Answers a Fetch API Request, or resolves to undefined when its path is not this endpoint's. */
  fetch(request: Request): Promise<Response | undefined>;
}
