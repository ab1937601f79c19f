import type { ColumnDescription } from "../table/description";
import { tableJsonSchema } from "../validation/json-schema";
import type { ActionContext, ActionResult } from "./action";
import { bodyObject } from "./body";
import { toCrudError } from "./error-map";
import { bulkDeleteLimit, bulkDeleteNeedsFilter, invalidBody, notFound } from "./errors";
import { filterCondition } from "./filters";
import { keyCondition, keySegment, keysCondition } from "./keys";
import { staticsOf, type CrudModel } from "./model";
import type { PrimaryKeyValues } from "./options";
import { parseFilters } from "./query-string";
import { checkObject } from "./schema-check";
import { serializeRow } from "./serialize";
import { fromJsonValue } from "./values";

type Values = Record<string, unknown>;

/** Reads and checks the body against the table's create or update schema: every failing field at once (422). */
async function readValues(ctx: ActionContext, variant: "create" | "update"): Promise<Values> {
  const source = await ctx.request.readBody(ctx.options.bodyLimit);
  const contentType = ctx.request.headers["content-type"];
  const body = bodyObject(source, Array.isArray(contentType) ? contentType[0] : contentType);
  const { model } = ctx;
  const schema = tableJsonSchema(model.table, { variant, columns: model.writable.map((c) => c.property) });
  const errors = checkObject(
    body,
    schema,
    model.visible.map((c) => c.property),
  );
  if (errors.length > 0) throw invalidBody(errors);
  const values: Values = {};
  for (const column of model.writable)
    if (column.property in body) values[column.property] = fromJsonValue(body[column.property], column.dataType);
  return values;
}

/** Runs a write, turning database errors into responses that name the written fields. */
async function writing<TResult>(model: CrudModel, values: Values, run: () => PromiseLike<TResult>): Promise<TResult> {
  try {
    return await run();
  } catch (error) {
    throw toCrudError(error, model, { fields: Object.keys(values) });
  }
}

const visibleRefs = (model: CrudModel) => model.visible.map((c) => model.resolve(c.property, "field").ref);

/** POST /: a new row from the writable fields; 201 with the row and its Location. */
export async function createRow(ctx: ActionContext): Promise<ActionResult> {
  const { model, options } = ctx;
  let values = await readValues(ctx, "create");
  values = (await options.hooks.beforeCreate?.(values, ctx.hook)) ?? values;
  const Table = staticsOf(model.table);
  const rows = await writing(model, values, () => Table.insert(values).returning(...visibleRefs(model)));
  // One row inserted, one row returned.
  const row = rows[0]!;
  const out = serializeRow(row);
  await options.hooks.afterCreate?.(out, ctx.hook);
  return { status: 201, body: out, headers: { location: `${options.prefix}/${keySegment(model, row)}` } };
}

/** PUT /<key>: every writable field (missing optional ones get their default or null). */
export async function replaceRow(ctx: ActionContext): Promise<ActionResult> {
  const values = await readValues(ctx, "create");
  for (const column of ctx.model.writable)
    if (!(column.property in values)) {
      const fill = replacement(column);
      if (fill !== undefined) values[column.property] = fill.value;
    }
  return updateRow(ctx, values);
}

function replacement(column: ColumnDescription): { value: unknown } | undefined {
  if (column.default?.kind === "constant") return { value: fromJsonValue(column.default.value, column.dataType) };
  if (column.default === null && column.nullable) return { value: null };
  return undefined; // a "now" or function default: left as it is
}

/** PATCH /<key>: the given writable fields. */
export async function patchRow(ctx: ActionContext): Promise<ActionResult> {
  const values = await readValues(ctx, "update");
  if (Object.keys(values).length === 0)
    throw invalidBody([{ field: "", constraints: { minProperties: "give at least one field to change" } }]);
  return updateRow(ctx, values);
}

async function updateRow(ctx: ActionContext, given: Values): Promise<ActionResult> {
  const { model, options } = ctx;
  const key = ctx.key!;
  const values = (await options.hooks.beforePatch?.(key, given, ctx.hook)) ?? given;
  const Table = staticsOf(model.table);
  const rows = await writing<Values[]>(model, values, () =>
    Table.update(values)
      .where(keyCondition(model, key))
      .returning(...visibleRefs(model)),
  );
  if (rows.length === 0) throw notFound(`${model.description.className} ${keySegment(model, key)}`);
  const out = serializeRow(rows[0]!);
  await options.hooks.afterPatch?.(out, ctx.hook);
  return { status: 200, body: out };
}

/** DELETE /<key>: 204, or 404 when no row has the key. */
export async function deleteRow(ctx: ActionContext): Promise<ActionResult> {
  const { model, options } = ctx;
  const key = ctx.key!;
  await options.hooks.beforeDelete?.(key, ctx.hook);
  const deleted = await deleteKeys(model, [key]);
  if (deleted === 0) throw notFound(`${model.description.className} ${keySegment(model, key)}`);
  await options.hooks.afterDelete?.(key, ctx.hook);
  return { status: 204 };
}

/**
 * DELETE /?filters: deletes the matching rows, at most `maxBulkDelete`; more is a 400 and deletes
 * nothing. The keys are read first, so the delete removes exactly the rows that were counted.
 */
export async function bulkDelete(ctx: ActionContext): Promise<ActionResult> {
  const { model, options } = ctx;
  const where = filterCondition(model, parseFilters(ctx.search));
  if (where === undefined) throw bulkDeleteNeedsFilter();
  const keyRefs = model.primaryKey.map((c) => model.resolve(c.property, "field").ref);
  const cap = options.maxBulkDelete;
  const rows = (await staticsOf(model.table)
    .select(...keyRefs)
    .where(where)
    .limit(cap + 1)) as Values[];
  if (rows.length > cap) throw bulkDeleteLimit(rows.length, cap);
  const keys: PrimaryKeyValues[] = rows.map((row) =>
    Object.fromEntries(model.primaryKey.map((c) => [c.property, row[c.property]])),
  );
  for (const key of keys) await options.hooks.beforeDelete?.(key, ctx.hook);
  const deleted = keys.length === 0 ? 0 : await deleteKeys(model, keys);
  for (const key of keys) await options.hooks.afterDelete?.(key, ctx.hook);
  return { status: 200, body: { deleted } };
}

async function deleteKeys(model: CrudModel, keys: readonly PrimaryKeyValues[]): Promise<number> {
  const keyRefs = model.primaryKey.map((c) => model.resolve(c.property, "field").ref);
  try {
    const rows = await staticsOf(model.table)
      .delete()
      .where(keysCondition(model, keys))
      .returning(...keyRefs);
    return (rows as unknown[]).length;
  } catch (error) {
    throw toCrudError(error, model);
  }
}
