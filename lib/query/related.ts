import { notAForeignKey } from "../errors/factories";
import { ForeignKeyType } from "../columns/foreign-key";
import { columnAccessor } from "../table/column-accessor";
import { getPrefetched } from "../table/instance-state";
import type { TableMeta } from "../table/metadata";
import type { ColumnRefMembers } from "./column-ref";
import { ObjectsQuery } from "./objects";
import { SelectQuery } from "./select";

type Row = Record<string, unknown>;

/** The foreign keys a getRelated() argument walks: `Concert.c.band1.manager` → [band1's, manager's]. */
function relatedPath(meta: TableMeta, ref: ColumnRefMembers<unknown> | undefined): ForeignKeyType[] {
  const key = ref?.$key;
  const path = typeof key === "string" && ref?.$root === meta ? key.split(".") : [];
  const types: ForeignKeyType[] = [];
  let table = meta;
  for (const property of path) {
    const type = table.byProperty.get(property)?.type;
    if (!(type instanceof ForeignKeyType)) break;
    types.push(type);
    table = type.target;
  }
  if (path.length === 0 || types.length !== path.length || ref?.$column.type !== types[types.length - 1]) {
    throw notAForeignKey("getRelated", meta.className);
  }
  return types;
}

/**
 * The row at the end of a foreign key path, or null when a link along it is null. Rows prefetched
 * along the whole path need no query; otherwise one query reads the target through a subquery
 * that joins the tables in between: for `concert.getRelated(Concert.c.band1.manager)`,
 * `SELECT … FROM manager WHERE id IN (SELECT band.manager FROM band WHERE band.id = ?)`.
 */
export async function getRelated(
  instance: object,
  meta: TableMeta,
  ref: ColumnRefMembers<unknown>,
): Promise<object | null> {
  const path = relatedPath(meta, ref);
  const properties = ref.$key.split(".");
  const first = (instance as Row)[properties[0]!];
  if (first === null || first === undefined) return null;
  let current: object | null = instance;
  for (const property of properties) {
    const value = (current as Row)[property];
    if (value === null || value === undefined) return null;
    const prefetched = getPrefetched(current, property, value) as object | null | undefined;
    if (prefetched === undefined) return queryRelated(path, properties, first);
    if (prefetched === null) return null;
    current = prefetched;
  }
  return current;
}

function queryRelated(
  path: readonly ForeignKeyType[],
  properties: readonly string[],
  first: unknown,
): Promise<object | null> {
  const head = path[0]!;
  const last = path[path.length - 1]!;
  const targetKey = columnAccessor(last.target)[last.targetColumn.property] as ColumnRefMembers<unknown>;
  if (path.length === 1) return new ObjectsQuery<object>(last.target).get(targetKey.eq(first)).run();
  // The key of the last link, read from the first linked table through the joins in between.
  let link = columnAccessor(head.target) as unknown as Record<string, ColumnRefMembers<unknown>>;
  for (const property of properties.slice(1))
    link = link[property] as unknown as Record<string, ColumnRefMembers<unknown>>;
  const headKey = columnAccessor(head.target)[head.targetColumn.property] as ColumnRefMembers<unknown>;
  const keys = new SelectQuery(head.target, [link as unknown as ColumnRefMembers<unknown>]).where(headKey.eq(first));
  return new ObjectsQuery<object>(last.target).get(targetKey.isIn(keys)).run();
}
