import type { IncomingMessage, ServerResponse } from "node:http";
import { assertKnownOptions } from "../errors/factories";
import { tableJsonSchema, type JsonSchema } from "../validation/json-schema";
import type { CrudRequest, CrudResponse, Endpoint } from "./action";
import type { CrudHandler } from "./crud";
import { handleFetch } from "./fetch";
import { handleNode } from "./node";
import { type listParameters, operators, type Operator } from "./query-string";
import { isOrdered, isText } from "./values";

/** Options of `openApi()`. */
export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
  /** Base URLs of the API, e.g. `[{ url: "https://api.example.com" }]`. */
  servers?: readonly { url: string; description?: string }[];
}

type Doc = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const errorResponse = { $ref: "#/components/responses/Error" };

const listParameterDocs: Record<(typeof listParameters)[number], [string, JsonSchema]> = {
  __order: ["Comma-separated fields to order by; a leading - sorts descending: -popularity,name.", { type: "string" }],
  __page: ["The page number, from 1.", { type: "integer", minimum: 1 }],
  __pageSize: ["Rows per page, up to the endpoint's maximum.", { type: "integer", minimum: 1 }],
  __cursor: [
    "Keyset pagination: empty for the first page, then the nextCursor of the previous page.",
    { type: "string" },
  ],
  __fields: [
    "Comma-separated fields to return; foreign keys are followed with dots: name,manager.name.",
    { type: "string" },
  ],
  __readable: ["Add <key>_readable beside each foreign key.", { type: "boolean" }],
};

/**
 * An OpenAPI 3.1 document for the mounted tables: every endpoint with its parameters (one per
 * column and operator), bodies and responses; rows described by each table's JSON Schema.
 * @example const doc = openApi([crud(Band), crud(Manager)], { title: "Music", version: "1.0.0" });
 */
export function openApi(handlers: readonly CrudHandler<unknown>[], options: OpenApiOptions): Doc {
  assertKnownOptions("openApi()", options, ["title", "version", "description", "servers"], "config");
  const paths: Record<string, Doc> = {};
  const schemas: Record<string, JsonSchema> = {
    Error: {
      type: "object",
      required: ["error"],
      properties: {
        error: {
          type: "object",
          required: ["status", "code", "message", "fields"],
          properties: {
            status: { type: "integer" },
            code: { type: "string" },
            message: { type: "string" },
            fields: {
              type: "array",
              items: {
                type: "object",
                required: ["field", "constraints"],
                properties: {
                  field: { type: "string" },
                  constraints: { type: "object", additionalProperties: { type: "string" } },
                },
              },
            },
          },
        },
      },
    },
  };
  for (const handler of handlers) Object.assign(paths, tablePaths(handler, schemas));
  return {
    openapi: "3.1.0",
    info: {
      title: options.title,
      version: options.version,
      ...(options.description ? { description: options.description } : {}),
    },
    ...(options.servers ? { servers: options.servers.map((s) => ({ ...s })) } : {}),
    paths,
    components: {
      schemas,
      responses: {
        Error: { description: "The request failed; the body says why, field by field.", ...json(ref("Error")) },
      },
    },
  };
}

function tablePaths(handler: CrudHandler<unknown>, schemas: Record<string, JsonSchema>): Record<string, Doc> {
  const { model, options, prefix } = handler;
  const name = model.description.className;
  const writable = model.writable.map((c) => c.property);
  schemas[name] = tableJsonSchema(model.table, {
    variant: "read",
    columns: model.visible.map((c) => c.property),
    omitDialect: true,
  });
  schemas[`${name}Create`] = tableJsonSchema(model.table, { variant: "create", columns: writable, omitDialect: true });
  schemas[`${name}Update`] = tableJsonSchema(model.table, { variant: "update", columns: writable, omitDialect: true });
  const tags = [name];
  const filters = filterParameters(handler);
  const errors = { "400": errorResponse, "403": errorResponse };
  const op = (summary: string, responses: Doc, extra: Doc = {}) => ({
    tags,
    summary,
    operationId: `${summary.replace(/\W+/g, "_")}`,
    ...extra,
    responses: { ...responses, ...errors },
  });
  const ok = (schema: unknown, description = "OK") => ({ description, ...json(schema) });
  const listBody = {
    type: "object",
    required: ["rows", "pageSize"],
    properties: {
      rows: { type: "array", items: ref(name) },
      count: { type: "integer" },
      page: { type: "integer" },
      pageSize: { type: "integer" },
      nextCursor: { type: ["string", "null"] },
    },
  };
  const writes = !options.readOnly;
  const keyParameter = {
    name: "key",
    in: "path",
    required: true,
    description: `The primary key (${model.primaryKey.map((c) => c.property).join(",")}, comma-separated for a composite key).`,
    schema: { type: "string" },
  };
  const collection: Doc = {
    get: op(
      `list ${name}`,
      { "200": ok(listBody) },
      {
        parameters: [
          ...Object.entries(listParameterDocs).map(([n, [description, schema]]) => ({
            name: n,
            in: "query",
            description,
            schema,
          })),
          ...filters,
        ],
      },
    ),
  };
  if (writes) {
    collection.post = op(
      `create ${name}`,
      { "201": ok(ref(name), "Created"), "409": errorResponse, "422": errorResponse },
      { requestBody: { required: true, ...json(ref(`${name}Create`)) } },
    );
    if (options.maxBulkDelete > 0)
      collection.delete = op(
        `bulk delete ${name}`,
        {
          "200": ok({ type: "object", required: ["deleted"], properties: { deleted: { type: "integer" } } }),
          "409": errorResponse,
        },
        { parameters: filters },
      );
  }
  const item: Doc = {
    parameters: [keyParameter],
    get: op(
      `get ${name}`,
      { "200": ok(ref(name)), "404": errorResponse },
      { parameters: [listParameterDoc("__fields"), listParameterDoc("__readable")] },
    ),
  };
  if (writes) {
    const failures = { "404": errorResponse, "409": errorResponse, "422": errorResponse };
    item.put = op(
      `replace ${name}`,
      { "200": ok(ref(name)), ...failures },
      { requestBody: { required: true, ...json(ref(`${name}Create`)) } },
    );
    item.patch = op(
      `patch ${name}`,
      { "200": ok(ref(name)), ...failures },
      { requestBody: { required: true, ...json(ref(`${name}Update`)) } },
    );
    item.delete = op(`delete ${name}`, {
      "204": { description: "Deleted" },
      "404": errorResponse,
      "409": errorResponse,
    });
  }
  const object = (properties: Doc, required: string[]) => ({ type: "object", required, properties });
  return {
    [prefix]: collection,
    [`${prefix}/schema`]: {
      get: op(
        `schema of ${name}`,
        { "200": ok({ type: "object" }) },
        { parameters: [{ name: "variant", in: "query", schema: { enum: ["read", "create", "update"] } }] },
      ),
    },
    [`${prefix}/count`]: {
      get: op(
        `count ${name}`,
        { "200": ok(object({ count: { type: "integer" } }, ["count"])) },
        { parameters: filters },
      ),
    },
    [`${prefix}/ids`]: {
      get: op(`ids of ${name}`, { "200": ok(object({ ids: { type: "array" } }, ["ids"])) }, { parameters: filters }),
    },
    [`${prefix}/new`]: { get: op(`new ${name}`, { "200": ok({ type: "object" }) }) },
    [`${prefix}/{key}`]: item,
  };
}

function listParameterDoc(name: (typeof listParameters)[number]): Doc {
  const [description, schema] = listParameterDocs[name];
  return { name, in: "query", description, schema };
}

/** The filter parameters of a table: each visible column with each operator its type has. */
function filterParameters(handler: CrudHandler<unknown>): Doc[] {
  const out: Doc[] = [];
  for (const column of handler.model.visible) {
    const type = column.dataType;
    const filterable = !["json", "jsonb", "bytea", "array"].includes(type.kind);
    const applies = (op: Operator) =>
      op === "isNull" ||
      (filterable &&
        (["eq", "ne", "in"].includes(op) ||
          (["gt", "gte", "lt", "lte"].includes(op) && isOrdered(type)) ||
          (["contains", "ilike"].includes(op) && isText(type))));
    for (const op of operators.filter(applies))
      out.push({
        name: op === "eq" ? column.property : `${column.property}__${op}`,
        in: "query",
        required: false,
        schema: op === "isNull" ? { type: "boolean" } : { type: "string" },
      });
  }
  return out;
}

/** Serves a document (from `openApi()`) as JSON at `path`, as a Node listener or middleware like a crud handler. */
export function serveOpenApi(document: Doc, path = "/openapi.json"): Endpoint {
  const text = JSON.stringify(document);
  const handle = async (request: CrudRequest): Promise<CrudResponse | undefined> => {
    if (new URL(request.url, "http://localhost").pathname !== path || !["GET", "HEAD"].includes(request.method))
      return undefined;
    return { status: 200, headers: {}, body: JSON.parse(text) as unknown };
  };
  const listener = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) =>
    handleNode(handle, req, res, next);
  return Object.assign(listener, { prefix: path, handle, fetch: (request: Request) => handleFetch(handle, request) });
}
