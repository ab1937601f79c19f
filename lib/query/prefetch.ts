import { notAForeignKey } from "../errors/factories";
import { ForeignKeyType } from "../columns/foreign-key";
import { columnAccessor } from "../table/column-accessor";
import { setPrefetched } from "../table/instance-state";
import type { TableMeta } from "../table/metadata";
import type { ColumnRefMembers } from "./column-ref";
import type { Condition } from "./expression";

type Row = Record<string, unknown>;

/** Loads a table's instances matching a condition; objects() passes its own, so this module need not import it. */
export type LoadInstances = (table: TableMeta, condition: Condition) => Promise<readonly object[]>;

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
 * Loads the rows the instances' foreign key points at with one query per level (an IN list of the
 * keys, never one query per row) and keeps each on its instance, where getRelated() finds it.
 */
export async function prefetch(
  meta: TableMeta,
  instances: readonly object[],
  path: readonly string[],
  load: LoadInstances,
): Promise<void> {
  const [property, ...rest] = path;
  if (property === undefined || instances.length === 0) return;
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
  await prefetch(target, related, rest, load);
}
