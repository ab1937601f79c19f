import { tableKey, type TableSchema } from "../../migrations/schema";

/**
 * Tables in foreign-key order: each after the tables it references, where it can be. Tables in a
 * cycle (store ↔ staff) keep their order among themselves; their keys are thunks (`() => Staff`),
 * so a class may name one declared after it.
 */
export function foreignKeyOrder<TItem extends { table: TableSchema }>(tables: readonly TItem[]): TItem[] {
  const byKey = new Map(tables.map((t) => [tableKey(t.table.name, t.table.schema), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: TItem[] = [];
  const visit = (key: string) => {
    if (done.has(key) || visiting.has(key)) return;
    const t = byKey.get(key);
    if (t === undefined) return;
    visiting.add(key);
    for (const c of t.table.columns) if (c.references) visit(tableKey(c.references.table, c.references.schema));
    visiting.delete(key);
    done.add(key);
    out.push(t);
  };
  for (const key of byKey.keys()) visit(key);
  return out;
}
