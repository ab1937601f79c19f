export { crud, type CrudHandler, type TableLike } from "./crud";
export type { CrudRequest, CrudResponse } from "./action";
export type { BodySource } from "./body";
export type { CrudOptions, CrudAction, CrudHooks, CrudRequestInfo, HookContext, PrimaryKeyValues } from "./options";
export { CrudError, reject } from "./errors";
export type { ErrorBody } from "./error-map";
export { nodeRequest, writeNodeResponse } from "./node";
export { fetchRequest, fetchResponse } from "./fetch";
export { operators, type Operator } from "./query-string";
export {
  tableJsonSchema,
  columnJsonSchema,
  dataTypeSchema,
  type JsonSchema,
  type JsonSchemaOptions,
  type JsonSchemaVariant,
} from "../validation/json-schema";
export type { Endpoint } from "./action";
export { openApi, serveOpenApi, type OpenApiOptions } from "./openapi";
export { expressCrud } from "./adapters/express";
export { fastifyCrud, type FastifyLike } from "./adapters/fastify";
export { koaCrud, type KoaContext } from "./adapters/koa";
export { honoCrud, type HonoContext } from "./adapters/hono";
export { nestCrud, type CrudMiddlewareClass } from "./adapters/nestjs";
