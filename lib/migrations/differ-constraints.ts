import type { Operation } from "./operations";
import {
  normalizeColumn,
  tableKey,
  type ColumnSchema,
  type ConstraintSchema,
  type IndexSchema,
  type TableSchema,
} from "./schema";

/** Records a forward operation with its undo. */
export type AddStep = (forward: Operation, backward: Operation) => void;

const where = (t: TableSchema) => ({ table: t.name, ...(t.schema ? { schema: t.schema } : {}) });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Constraints and indexes that went away or changed: dropped before the columns change (a change is a drop and an add). */
export function dropChangedConstraints(before: TableSchema, after: TableSchema, add: AddStep): void {
  const t = where(after);
  for (const c of before.constraints ?? []) {
    const now = (after.constraints ?? []).find((n) => n.name === c.name);
    if (!now || !same(now, c))
      add({ op: "dropConstraint", ...t, name: c.name }, { op: "addConstraint", ...t, constraint: c });
  }
  for (const i of before.indexes ?? []) {
    const now = (after.indexes ?? []).find((n) => n.name === i.name);
    if (!now || !same(now, i)) add({ op: "dropIndex", ...t, name: i.name }, { op: "addIndex", ...t, index: i });
  }
}

/** Constraints and indexes that are new or changed: added after the columns changed. */
export function addChangedConstraints(before: TableSchema, after: TableSchema, add: AddStep): void {
  const t = where(after);
  for (const c of after.constraints ?? []) {
    const was = (before.constraints ?? []).find((n) => n.name === c.name);
    if (!was || !same(was, c))
      add({ op: "addConstraint", ...t, constraint: c }, { op: "dropConstraint", ...t, name: c.name });
  }
  for (const i of after.indexes ?? []) {
    const was = (before.indexes ?? []).find((n) => n.name === i.name);
    if (!was || !same(was, i)) add({ op: "addIndex", ...t, index: i }, { op: "dropIndex", ...t, name: i.name });
  }
}

/** The constraints and indexes of a createTable operation, left out when there are none. */
export function constraintFields(t: TableSchema): {
  constraints?: readonly ConstraintSchema[];
  indexes?: readonly IndexSchema[];
} {
  return {
    ...(t.constraints?.length ? { constraints: t.constraints } : {}),
    ...(t.indexes?.length ? { indexes: t.indexes } : {}),
  };
}

/**
 * The columns of tables in creation order that reference a table of the set created later (a
 * cycle such as country.capital → city → country): they are created without the key, which is
 * added once both tables exist (and dropped first on the way back).
 */
export function forwardReferences(ordered: readonly TableSchema[]): Map<TableSchema, ColumnSchema[]> {
  const position = new Map(ordered.map((t, i) => [tableKey(t.name, t.schema), i]));
  const out = new Map<TableSchema, ColumnSchema[]>();
  ordered.forEach((t, i) => {
    const forward = t.columns.filter((c) => {
      const target = c.references && position.get(tableKey(c.references.table, c.references.schema));
      return target !== undefined && target > i;
    });
    if (forward.length > 0) out.set(t, forward);
  });
  return out;
}

/** A table without the keys given: what createTable makes before those keys can be added. */
export function withoutReferences(t: TableSchema, columns: readonly ColumnSchema[] | undefined): TableSchema {
  if (!columns) return t;
  return {
    ...t,
    columns: t.columns.map((c) => (columns.includes(c) ? normalizeColumn({ ...c, references: undefined }) : c)),
  };
}

/** Adds a deferred key to its column: an alterColumn from the column without it to the column with it. */
export function addReference(t: TableSchema, column: ColumnSchema, add: AddStep): void {
  const bare = normalizeColumn({ ...column, references: undefined });
  add(
    { op: "alterColumn", ...where(t), column: normalizeColumn(column) },
    { op: "alterColumn", ...where(t), column: bare },
  );
}

/** Drops a key before its table (or the one it references) is dropped: the undo of addReference. */
export function dropReference(t: TableSchema, column: ColumnSchema, add: AddStep): void {
  const bare = normalizeColumn({ ...column, references: undefined });
  add(
    { op: "alterColumn", ...where(t), column: bare },
    { op: "alterColumn", ...where(t), column: normalizeColumn(column) },
  );
}
