import { and, or, type ColumnDescription, type Condition } from "../index";
import { adminBadParameter } from "./errors";
import type { AdminTable } from "./model";
import { PAGE_SIZES } from "./options";
import { RANGE_KINDS, isTextColumn, parseText } from "./values";

type AnyCondition = Condition<unknown>;

/** Rows counted at most for a list page: beyond it the page says "more than" (no unbounded count(*)). */
export const COUNT_CAP = 10_000;

/** A list page's parameters, read from its query string. */
export interface ListState {
  readonly search: string;
  /** The column property to order by, and whether descending. */
  readonly order: { readonly property: string; readonly desc: boolean };
  readonly page: number;
  readonly pageSize: number;
  /** The filter parameters as given (kept in links and the filter form). */
  readonly filters: ReadonlyMap<string, string>;
}

/** The kind of filter a column gets on the list page. */
export type FilterKind = "contains" | "range" | "boolean" | "choice" | "key";

export function filterKind(column: ColumnDescription): FilterKind | undefined {
  if (column.references !== null) return "key";
  if (column.dataType.choices !== null) return "choice";
  if (column.dataType.kind === "boolean") return "boolean";
  if (isTextColumn(column)) return "contains";
  if (RANGE_KINDS.includes(column.dataType.kind) && !column.primaryKey) return "range";
  if (column.primaryKey) return "key";
  return undefined;
}

/** The query-string names of a column's filter. */
export function filterParams(column: ColumnDescription): string[] {
  switch (filterKind(column)) {
    case "contains":
      return [`${column.property}__contains`];
    case "range":
      return [`${column.property}__gte`, `${column.property}__lte`];
    case undefined:
      return [];
    default:
      return [column.property];
  }
}

/** Reads a list page's query string; a value that cannot be used is a 400 naming it. */
export function readListState(admin: AdminTable, search: URLSearchParams, defaultSize: number): ListState {
  const orderText = search.get("o") ?? `-${admin.key.property}`;
  const desc = orderText.startsWith("-");
  const property = desc ? orderText.slice(1) : orderText;
  const column = admin.visible.find((c) => c.property === property);
  if (column === undefined || ["json", "jsonb", "bytea", "array"].includes(column.dataType.kind))
    throw adminBadParameter("o", `"${orderText}" is not a column to sort by`);
  const page = Number(search.get("page") ?? "1");
  if (!Number.isInteger(page) || page < 1) throw adminBadParameter("page", "give a page number from 1");
  const pageSize = Number(search.get("size") ?? String(defaultSize));
  if (
    !Number.isInteger(pageSize) ||
    (pageSize !== defaultSize && !(PAGE_SIZES as readonly number[]).includes(pageSize))
  )
    throw adminBadParameter("size", `choose one of ${PAGE_SIZES.join(", ")}`);
  const known = new Set(admin.visible.flatMap(filterParams));
  const filters = new Map<string, string>();
  for (const [name, value] of search) {
    if (["o", "page", "size", "q"].includes(name)) continue;
    if (!known.has(name)) throw adminBadParameter(name, "is not a filter of this table");
    if (value !== "") filters.set(name, value);
  }
  return { search: (search.get("q") ?? "").trim(), order: { property, desc }, page, pageSize, filters };
}

/** Escapes the wildcards of a LIKE pattern, so that the text matches as typed. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The condition of the filters and the search box, or undefined for all rows. */
export function listCondition(admin: AdminTable, state: ListState): AnyCondition | undefined {
  const c = admin.statics.c;
  const conditions: AnyCondition[] = [];
  for (const [name, text] of state.filters) {
    const [property, op] = name.split("__") as [string, string | undefined];
    const column = admin.visible.find((col) => col.property === property)!;
    let value: unknown;
    try {
      value = op === "contains" ? text : parseText(text, column.dataType);
    } catch (error) {
      throw adminBadParameter(name, (error as Error).message);
    }
    const ref = c[property];
    if (op === "contains") conditions.push(ref.ilike(`%${escapeLike(text)}%`));
    else if (op === "gte") conditions.push(ref.gte(value));
    else if (op === "lte") conditions.push(ref.lte(value));
    else conditions.push(ref.eq(value));
  }
  if (state.search !== "") {
    const texts = admin.visible.filter(isTextColumn);
    const pattern = `%${escapeLike(state.search)}%`;
    const matches = texts.map((col) => c[col.property].ilike(pattern) as AnyCondition);
    if (matches.length === 1) conditions.push(matches[0]!);
    else if (matches.length > 1) conditions.push(or(...(matches as [AnyCondition, AnyCondition])));
  }
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : and(...(conditions as [AnyCondition, AnyCondition]));
}

/** The name of a foreign key's readable value in a selected row. */
export const readableAlias = (property: string) => `${property}__readable`;

/** What a list selects: every visible column, and each foreign key's readable value. */
export function listColumns(admin: AdminTable, readablePaths: ReadonlyMap<string, string>): unknown[] {
  const refs: unknown[] = admin.visible.map((col) => admin.statics.c[col.property]);
  for (const [property, path] of readablePaths)
    refs.push(admin.crud.model.resolve(`${property}.${path}`, "field").ref.as(readableAlias(property)));
  return refs;
}

/** One page of rows, and how many rows match (capped at COUNT_CAP). */
export async function listPage(
  admin: AdminTable,
  state: ListState,
  readablePaths: ReadonlyMap<string, string>,
): Promise<{ rows: Record<string, unknown>[]; total: number; capped: boolean }> {
  const c = admin.statics.c;
  const where = listCondition(admin, state);
  const orderRef = c[state.order.property];
  const keyRef = c[admin.key.property];
  const order = [state.order.desc ? orderRef.desc() : orderRef.asc()];
  if (state.order.property !== admin.key.property) order.push(state.order.desc ? keyRef.desc() : keyRef.asc());
  let query = admin.statics.select(...listColumns(admin, readablePaths)).orderBy(...order);
  if (where) query = query.where(where);
  const offset = (state.page - 1) * state.pageSize;
  // A capped count: the keys of at most COUNT_CAP + 1 rows (an index-only scan), never count(*) of all.
  let counting = admin.statics.select(keyRef).limit(COUNT_CAP + 1);
  if (where) counting = counting.where(where);
  // Both at once: on PostgreSQL they run on two pooled connections (a search scans the table twice).
  const [rows, counted] = await Promise.all([
    (async () => (await query.limit(state.pageSize).offset(offset)) as Record<string, unknown>[])(),
    (async () => ((await counting) as unknown[]).length)(),
  ]);
  return { rows, total: Math.min(counted, COUNT_CAP), capped: counted > COUNT_CAP };
}
