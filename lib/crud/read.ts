import type { ColumnDescription } from "../table/description";
import { tableJsonSchema } from "../validation/json-schema";
import { badParameter, notFound, unknownParameters } from "./errors";
import { filterCondition } from "./filters";
import { keyCondition, keySegment } from "./keys";
import { selectedRefs } from "./list";
import { staticsOf } from "./model";
import type { ActionContext, ActionResult } from "./action";
import { parseFilters } from "./query-string";
import { serializeRow } from "./serialize";
import { toJsonValue } from "./values";

/** How many keys `/ids` gives at most. */
export const MAX_IDS = 1000;

/** GET /<key>: one row (`__fields` and `__readable` as on the list), or 404. */
export async function getRow({ model, search, key }: ActionContext): Promise<ActionResult> {
  const unknown = [...new Set(search.keys())].filter((k) => k !== "__fields" && k !== "__readable");
  if (unknown.length > 0) throw unknownParameters("parameter", unknown, ["__fields", "__readable"]);
  const fields = search.has("__fields") ? search.get("__fields")!.split(",").filter(Boolean) : undefined;
  const refs = selectedRefs(model, fields, search.get("__readable") === "true");
  const row = await staticsOf(model.table)
    .select(...refs)
    .where(keyCondition(model, key!))
    .first();
  if (row === null) throw notFound(`${model.description.className} ${keySegment(model, key!)}`);
  return { status: 200, body: serializeRow(row) };
}

/** GET /count: the number of rows the filters match. */
export async function countRows({ model, search }: ActionContext): Promise<ActionResult> {
  const where = filterCondition(model, parseFilters(search));
  const Table = staticsOf(model.table);
  const count = Number(await (where ? Table.count().where(where) : Table.count()));
  return { status: 200, body: { count } };
}

/** GET /ids: the keys of the rows the filters match (at most 1000), in key order, as the URL writes them for a composite key. */
export async function listIds({ model, search }: ActionContext): Promise<ActionResult> {
  const where = filterCondition(model, parseFilters(search));
  const keys = model.primaryKey.map((c) => model.resolve(c.property, "field").ref);
  let query = staticsOf(model.table)
    .select(...keys)
    .orderBy(...keys.map((k) => k.asc()))
    .limit(MAX_IDS);
  if (where) query = query.where(where);
  const rows = (await query) as Record<string, unknown>[];
  const single = model.primaryKey.length === 1 ? model.primaryKey[0]!.property : undefined;
  const ids = rows.map((row) => (single !== undefined ? toJsonValue(row[single]) : keySegment(model, row)));
  return { status: 200, body: { ids } };
}

/** GET /new: the values a new row starts with (declared defaults, else null or the type's empty value). */
export async function newRow({ model }: ActionContext): Promise<ActionResult> {
  const row: Record<string, unknown> = {};
  for (const column of model.writable) row[column.property] = startValue(column);
  return { status: 200, body: row };
}

function startValue(column: ColumnDescription): unknown {
  const declared = column.default;
  if (declared?.kind === "constant") return declared.value;
  if (declared?.kind === "now")
    return column.dataType.kind === "date" ? new Date().toISOString().slice(0, 10) : new Date().toISOString();
  if (
    column.nullable ||
    declared?.kind === "function" ||
    column.references !== null ||
    column.dataType.choices !== null
  )
    return null;
  return emptyValues[column.dataType.kind] ?? null;
}

const emptyValues: Record<string, unknown> = {
  varchar: "",
  char: "",
  text: "",
  email: "",
  integer: 0,
  smallint: 0,
  bigint: "0",
  real: 0,
  double: 0,
  numeric: "0",
  interval: 0,
  boolean: false,
  array: [],
};

/** GET /schema: the table's JSON Schema; `?variant=create|update|read` (default read). */
export async function schema({ model, search }: ActionContext): Promise<ActionResult> {
  const variant = search.get("variant") ?? "read";
  if (variant !== "read" && variant !== "create" && variant !== "update")
    throw badParameter("variant", "use read, create or update");
  const columns = (variant === "read" ? model.visible : model.writable).map((c) => c.property);
  return { status: 200, body: tableJsonSchema(model.table, { variant, columns }) };
}
