import { columnNeedsBackfill } from "../errors/factories";
import type { Operation } from "./operations";
import { backfillFor, normalizeColumn, sameColumn, tableKey, type ColumnSchema, type TableSchema } from "./schema";
import { Snapshot } from "./snapshot";
import {
  addChangedConstraints,
  addReference,
  constraintFields,
  dropChangedConstraints,
  dropReference,
  forwardReferences,
  withoutReferences,
} from "./differ-constraints";

/** A possible rename the differ cannot decide alone: a table (or column) went away and another appeared. */
export interface RenameQuestion {
  readonly kind: "table" | "column";
  /** For a column: the table's key (after any table rename). */
  readonly table?: string | undefined;
  readonly from: string;
  readonly to: string;
}

/** Answers a rename question: true for a rename, false for a real drop and add. May prompt, or throw when it cannot decide. */
export type RenameResolver = (question: RenameQuestion) => boolean | Promise<boolean>;

/** The operations that turn one schema into another, and those that undo them. */
export interface SchemaDiff {
  readonly forwards: Operation[];
  readonly backwards: Operation[];
}

/** Collects each forward step with its undo; backwards run in reverse order. */
class Steps {
  readonly forwards: Operation[] = [];
  private readonly undo: Operation[] = [];

  add(forward: Operation, backward: Operation): void {
    this.forwards.push(forward);
    this.undo.push(backward);
  }

  result(): SchemaDiff {
    return { forwards: this.forwards, backwards: [...this.undo].reverse() };
  }
}

const where = (t: TableSchema) => (t.schema ? { schema: t.schema } : {});

/**
 * Compares the snapshot replayed from migration files (`before`) with the table classes (`after`)
 * and returns the operations between them. Renames are never guessed: every table or column that
 * disappeared while another appeared is put to `isRename`.
 */
export async function diffSchemas(
  before: readonly TableSchema[],
  after: readonly TableSchema[],
  isRename: RenameResolver,
): Promise<SchemaDiff> {
  const steps = new Steps();
  const afterKeys = new Set(after.map((t) => tableKey(t.name, t.schema)));
  const beforeKeys = new Set(before.map((t) => tableKey(t.name, t.schema)));
  let removed = before.filter((t) => !afterKeys.has(tableKey(t.name, t.schema)));
  const added: TableSchema[] = [];
  for (const t of after.filter((t) => !beforeKeys.has(tableKey(t.name, t.schema)))) {
    const old = await findRename(
      removed.filter((r) => r.schema === t.schema),
      (r) => ({ kind: "table", from: r.name, to: t.name }),
      isRename,
    );
    if (old === undefined) {
      added.push(t);
      continue;
    }
    removed = removed.filter((r) => r !== old);
    steps.add(
      { op: "renameTable", table: old.name, ...where(t), to: t.name },
      { op: "renameTable", table: t.name, ...where(t), to: old.name },
    );
  }
  // Compare columns against the schema as it is after the table renames.
  const renamed = new Snapshot(new Map(before.map((t) => [tableKey(t.name, t.schema), t]))).applyAll(steps.forwards);
  const add = steps.add.bind(steps);
  const creating = orderByReferences(added);
  const deferred = forwardReferences(creating);
  for (const t of creating) {
    const created = withoutReferences(t, deferred.get(t));
    steps.add(
      {
        op: "createTable",
        table: t.name,
        ...where(t),
        columns: created.columns.map(normalizeColumn),
        ...constraintFields(t),
      },
      { op: "dropTable", table: t.name, ...where(t) },
    );
  }
  for (const [t, columns] of deferred) columns.forEach((c) => addReference(t, c, add));
  for (const t of after) {
    const old = renamed.table(t.name, t.schema);
    if (!old) continue;
    dropChangedConstraints(old, t, add);
    await diffColumns(old, t, steps, isRename);
    addChangedConstraints(old, t, add);
  }
  const dropping = orderByReferences(removed);
  const cyclic = forwardReferences(dropping);
  for (const [t, columns] of cyclic) columns.forEach((c) => dropReference(t, c, add));
  for (const t of [...dropping].reverse()) {
    const recreated = withoutReferences(t, cyclic.get(t));
    steps.add(
      { op: "dropTable", table: t.name, ...where(t) },
      { op: "createTable", table: t.name, ...where(t), columns: recreated.columns, ...constraintFields(t) },
    );
  }
  return steps.result();
}

async function findRename<TItem>(
  candidates: readonly TItem[],
  question: (c: TItem) => RenameQuestion,
  isRename: RenameResolver,
): Promise<TItem | undefined> {
  for (const candidate of candidates) if (await isRename(question(candidate))) return candidate;
  return undefined;
}

async function diffColumns(
  before: TableSchema,
  after: TableSchema,
  steps: Steps,
  isRename: RenameResolver,
): Promise<void> {
  const key = tableKey(after.name, after.schema);
  const t = { table: after.name, ...where(after) };
  const afterNames = new Set(after.columns.map((c) => c.name));
  const beforeByName = new Map(before.columns.map((c) => [c.name, c]));
  let removed = before.columns.filter((c) => !afterNames.has(c.name));
  for (const column of after.columns) {
    let old = beforeByName.get(column.name);
    if (old === undefined) {
      old = await findRename(removed, (r) => ({ kind: "column", table: key, from: r.name, to: column.name }), isRename);
      if (old === undefined) {
        addColumn(key, t, column, steps);
        continue;
      }
      removed = removed.filter((r) => r !== old);
      steps.add(
        { op: "renameColumn", ...t, column: old.name, to: column.name },
        { op: "renameColumn", ...t, column: column.name, to: old.name },
      );
      old = { ...old, name: column.name };
    }
    if (!sameColumn(old, column)) alterColumn(t, old, column, steps);
  }
  for (const column of removed) {
    const backfill = column.null ? undefined : backfillFor(column);
    steps.add(
      { op: "dropColumn", ...t, column: column.name },
      { op: "addColumn", ...t, column, ...(backfill === undefined ? {} : { backfill }) },
    );
  }
}

function addColumn(key: string, t: { table: string; schema?: string }, column: ColumnSchema, steps: Steps): void {
  const backfill = column.null ? undefined : backfillFor(column);
  if (!column.null && backfill === undefined && !column.defaultNow) throw columnNeedsBackfill(key, column.name);
  steps.add(
    { op: "addColumn", ...t, column: normalizeColumn(column), ...(backfill === undefined ? {} : { backfill }) },
    { op: "dropColumn", ...t, column: column.name },
  );
}

function alterColumn(
  t: { table: string; schema?: string },
  old: ColumnSchema,
  column: ColumnSchema,
  steps: Steps,
): void {
  const forwardFill = old.null && !column.null ? backfillFor(column) : undefined;
  const backwardFill = column.null && !old.null ? backfillFor(old) : undefined;
  steps.add(
    {
      op: "alterColumn",
      ...t,
      column: normalizeColumn(column),
      ...(forwardFill === undefined ? {} : { backfill: forwardFill }),
    },
    {
      op: "alterColumn",
      ...t,
      column: normalizeColumn(old),
      ...(backwardFill === undefined ? {} : { backfill: backwardFill }),
    },
  );
}

/** Tables ordered so that each comes after the tables (of this list) it references. */
export function orderByReferences(tables: readonly TableSchema[]): TableSchema[] {
  const byKey = new Map(tables.map((t) => [tableKey(t.name, t.schema), t]));
  const out: TableSchema[] = [];
  const seen = new Set<string>();
  const visit = (t: TableSchema) => {
    const key = tableKey(t.name, t.schema);
    if (seen.has(key)) return;
    seen.add(key);
    for (const c of t.columns) {
      const target = c.references && byKey.get(tableKey(c.references.table, c.references.schema));
      if (target) visit(target);
    }
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}
