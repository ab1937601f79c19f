import type { Condition } from "../query/expression";
import { and } from "../query/expression";
import { afterCursor, checkKeysetColumn, encodeCursor, keysetAlias, keysetOrder, type KeysetColumn } from "./cursor";
import { CrudError, badParameter, unknownParameters } from "./errors";
import { filterCondition } from "./filters";
import { staticsOf, type CrudModel, type ResolvedPath } from "./model";
import type { ResolvedOptions } from "./options";
import { parseListParams, type ListParams } from "./query-string";
import { serializeRow } from "./serialize";
import { isOrdered } from "./values";

type AnyCondition = Condition<unknown>;

/** A list page: the rows, and where the next one starts. */
export interface ListResult {
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** GET /: filters, ordering, page or cursor pagination, field selection, readable keys, total count. */
export async function listRows(
  model: CrudModel,
  options: ResolvedOptions,
  search: URLSearchParams,
): Promise<ListResult> {
  const params = parseListParams(search, options.pageSize, options.maxPageSize);
  const where = filterCondition(model, params.filters);
  const selected = selectedRefs(model, params.fields, params.readable);
  const keyset = orderColumns(model, params);
  const Table = staticsOf(model.table);
  const cursorMode = params.cursor !== undefined;
  const conditions = [where, cursorMode && params.cursor !== "" ? afterCursor(params.cursor, keyset) : undefined];
  const hidden = cursorMode ? keyset.map((k, i) => k.resolved.ref.as(keysetAlias(i))) : [];
  let query = Table.select(...selected, ...hidden).orderBy(...keysetOrder(keyset));
  const condition = combine(conditions);
  if (condition) query = query.where(condition);
  query = cursorMode
    ? query.limit(params.pageSize + 1)
    : query.limit(params.pageSize).offset((params.page - 1) * params.pageSize);
  const rows = (await query) as Record<string, unknown>[];
  const body: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  if (cursorMode) {
    const more = rows.length > params.pageSize;
    if (more) rows.pop();
    body.nextCursor = more ? encodeCursor(rows.at(-1)!, keyset) : null;
    for (const row of rows) for (let i = 0; i < keyset.length; i++) delete row[keysetAlias(i)];
  } else body.page = params.page;
  body.pageSize = params.pageSize;
  if (options.totalCount !== "none") {
    const count = Number(await (where ? Table.count().where(where) : Table.count()));
    if (options.totalCount === "body") body.count = count;
    else headers["x-total-count"] = String(count);
  }
  return { body: { rows: rows.map(serializeRow), ...body }, headers };
}

function combine(conditions: readonly (AnyCondition | undefined)[]): AnyCondition | undefined {
  const present = conditions.filter((c): c is AnyCondition => c !== undefined);
  if (present.length <= 1) return present[0];
  return and(...(present as [AnyCondition, AnyCondition]));
}

/** The selected columns: the given field paths (through foreign keys too) or every visible column, plus readable keys. */
export function selectedRefs(model: CrudModel, fields: readonly string[] | undefined, readable: boolean) {
  const paths = fields ?? model.visible.map((c) => c.property);
  const resolved = resolveAll(model, paths, "field");
  const refs = resolved.map((r) => r.ref);
  if (readable) {
    for (const r of resolved) {
      if (!model.readable.has(r.path)) continue;
      const path = model.readable.get(r.path);
      const source = path === undefined ? r : model.resolve(`${r.path}.${path}`, "readable column");
      refs.push(source.ref.as(`${r.path}_readable`));
    }
  }
  return refs;
}

/** The ordering, ending with the primary key so that every order is total (and cursors unique). */
function orderColumns(model: CrudModel, params: ListParams): KeysetColumn[] {
  const resolved = resolveAll(
    model,
    params.order.map((o) => o.path),
    "order field",
  );
  const keyset: KeysetColumn[] = resolved.map((r, i) => {
    if (!isOrdered(r.column.dataType) && r.column.dataType.kind !== "boolean")
      throw badParameter("__order", `${r.path} (${r.column.dataType.kind}) cannot be ordered`);
    return { resolved: r, desc: params.order[i]!.desc };
  });
  for (const key of model.primaryKey)
    if (!keyset.some((k) => k.resolved.path === key.property))
      keyset.push({ resolved: model.resolve(key.property, "order field"), desc: false });
  if (params.cursor !== undefined) for (const k of keyset) checkKeysetColumn(k.resolved);
  return keyset;
}

/** Resolves every path, naming all the unknown ones in one 400. */
export function resolveAll(model: CrudModel, paths: readonly string[], what: string): ResolvedPath[] {
  const unknown: string[] = [];
  const resolved: ResolvedPath[] = [];
  for (const path of paths) {
    try {
      resolved.push(model.resolve(path, what));
    } catch (error) {
      if (!(error instanceof CrudError)) throw error;
      unknown.push(path);
    }
  }
  if (unknown.length > 0)
    throw unknownParameters(
      what,
      unknown,
      model.visible.map((c) => c.property),
    );
  return resolved;
}
