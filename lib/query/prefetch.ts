import { notAForeignKey } from "../errors/factories";
import { ForeignKeyType } from "../columns/foreign-key";
import { columnAccessor } from "../table/column-accessor";
import { setPrefetched, setReversePrefetched } from "../table/instance-state";
import type { TableMeta } from "../table/metadata";
import type { ColumnRefMembers } from "./column-ref";
import type { Condition } from "./expression";

type Row = Record<string, unknown>;

/**
 * Loads a table's instances matching a condition (in primary-key order when `ordered`); objects()
 * passes its own, so this module need not import it.
 */
export type LoadInstances = (table: TableMeta, condition: Condition, ordered?: boolean) => Promise<readonly object[]>;

/** The foreign-key property path of a prefetch argument: `Concert.c.band1.manager` → band1, manager. */
export function prefetchPath(meta: TableMeta, ref: unknown): string[] {
  const key = (ref as ColumnRefMembers<unknown> | undefined)?.$key;
  const path = typeof key === "string" ? key.split(".") : [];
  let table = meta;
  for (const property of path) {
    const type = table.byProperty.get(property)?.type;
    if (!(type instanceof ForeignKeyType) || (ref as ColumnRefMembers<unknown>).$root !== meta) {
      throw notAForeignKey("prefetch", meta.className);
    }
    table = type.target;
  }
  return path;
}

/**
 * Loads the rows the instances' foreign keys point at with one query per key and level (an IN list
 * of the keys, never one query per row) and keeps each on its instance, where getRelated() finds it.
 * Paths sharing a start (`concert.band1`, `concert.band2`) load it once, so every level stays reachable.
 */
export async function prefetch(
  meta: TableMeta,
  instances: readonly object[],
  paths: readonly (readonly string[])[],
  load: LoadInstances,
): Promise<void> {
  if (instances.length === 0) return;
  const restsByProperty = new Map<string, (readonly string[])[]>();
  for (const [property, ...rest] of paths) {
    if (property === undefined) continue;
    const rests = restsByProperty.get(property) ?? [];
    restsByProperty.set(property, rests);
    if (rest.length > 0) rests.push(rest);
  }
  for (const [property, rests] of restsByProperty) {
    const related = await prefetchKey(meta, instances, property, load);
    await prefetch((meta.column(property).type as ForeignKeyType).target, related, rests, load);
  }
}

/** Loads the rows one foreign key of the instances points at, keeps each on its instance, and returns them. */
async function prefetchKey(
  meta: TableMeta,
  instances: readonly object[],
  property: string,
  load: LoadInstances,
): Promise<readonly object[]> {
  const type = meta.column(property).type as ForeignKeyType;
  const target = type.target;
  const keys = [...new Set(instances.map((i) => (i as Row)[property]).filter((v) => v !== null && v !== undefined))];
  const related =
    keys.length === 0
      ? []
      : await load(
          target,
          (columnAccessor(target)[type.targetColumn.property] as ColumnRefMembers<unknown>).isIn(keys),
        );
  const byKey = new Map(related.map((r) => [(r as Row)[type.targetColumn.property], r]));
  for (const instance of instances) {
    const key = (instance as Row)[property];
    setPrefetched(instance, property, key === null || key === undefined ? null : (byKey.get(key) ?? null));
  }
  return related;
}

/** A foreign key of another table that points at `meta`, as prefetchReverse() takes it (no path). */
export function reverseForeignKey(meta: TableMeta, ref: unknown): ColumnRefMembers<unknown> {
  const fk = ref as ColumnRefMembers<unknown> | undefined;
  const type = fk?.$column?.type;
  if (!(type instanceof ForeignKeyType) || type.target !== meta || fk!.$joins.length > 0)
    throw notAForeignKey("prefetchReverse", meta.className);
  return fk!;
}

/**
 * Loads the rows of another table whose foreign key points at the instances with one query (an IN
 * list of the instances' keys, in the other table's primary-key order, as getReverse() lists them)
 * and keeps each instance's list, where getReverse() finds it. Instances without a key get none.
 */
export async function prefetchReverse(
  instances: readonly object[],
  foreignKey: ColumnRefMembers<unknown>,
  load: LoadInstances,
): Promise<void> {
  const type = foreignKey.$column.type as ForeignKeyType;
  const targetProperty = type.targetColumn.property;
  const keyOf = (instance: object) => (instance as Row)[targetProperty];
  const keys = [...new Set(instances.map(keyOf).filter((v) => v !== null && v !== undefined))];
  if (keys.length === 0) return;
  const related = await load(foreignKey.$table, foreignKey.isIn(keys), true);
  const byKey = new Map<unknown, object[]>();
  for (const row of related) {
    const key = (row as Row)[foreignKey.$column.property];
    let list = byKey.get(key);
    if (list === undefined) byKey.set(key, (list = []));
    list.push(row);
  }
  for (const instance of instances) {
    const key = keyOf(instance);
    if (key !== null && key !== undefined)
      setReversePrefetched(instance, foreignKey.$column, key, byKey.get(key) ?? []);
  }
}
