import type { DialectCapabilities } from "../sql/dialects/dialect";
import type { StatementNode } from "../sql/ast/nodes";
import type { Operation } from "./operations";
import { columnDefinition, createIndex, indexName, tableNode, valueOf } from "./nodes";
import { rebuildTable } from "./rebuild";
import { backfillFor, sameInDatabase, typeChanged, type ColumnSchema, type TableSchema } from "./schema";
import type { Snapshot } from "./snapshot";
import { constraintNode, createDeclaredIndex, dropDeclaredIndex } from "./table-constraints";

/** The statements of one operation, given the schema before it and what the dialect can do in place. */
export interface Plan {
  readonly statements: StatementNode[];
  /** True when the plan rebuilds a table: foreign keys must be off around the transaction and checked before commit. */
  readonly rebuild: boolean;
}

const inPlace = (statements: StatementNode[]): Plan => ({ statements, rebuild: false });

/** Plans one migration operation as statements for a dialect, by ALTER where it can and by table rebuild where it cannot. */
export function planOperation(op: Operation, before: Snapshot, caps: DialectCapabilities): Plan {
  const plan = planStatements(op, before, caps);
  if (plan.rebuild || (op.op !== "addColumn" && op.op !== "dropColumn" && op.op !== "alterColumn")) return plan;
  return withPrimaryKeyChange(
    plan,
    before.require(op.table, op.schema, op.op),
    before.apply(op).require(op.table, op.schema, op.op),
  );
}

/** The names of a table's primary-key columns, in column order. */
function keyOf(table: TableSchema): string[] {
  return table.columns.filter((c) => c.primaryKey).map((c) => c.name);
}

/**
 * An in-place plan whose operation changes which columns form the primary key (a column joins or
 * leaves a composite key): the old key is dropped first and the new one added last, as one
 * table-level PRIMARY KEY, since a column cannot be added to an existing key.
 */
function withPrimaryKeyChange(plan: Plan, old: TableSchema, next: TableSchema): Plan {
  const [from, to] = [keyOf(old), keyOf(next)];
  if (JSON.stringify(from) === JSON.stringify(to)) return plan;
  const table = tableNode(old.name, old.schema);
  const statements = plan.statements.map((s): StatementNode =>
    s.kind === "alterTable" && s.action.kind === "addColumn"
      ? { ...s, action: { kind: "addColumn", column: { ...s.action.column, primaryKey: false } } }
      : s,
  );
  return inPlace([
    ...(from.length > 0
      ? [{ kind: "dropColumnConstraints", table, column: from[0]!, constraint: "primaryKey" } as const]
      : []),
    ...statements,
    ...(to.length > 0 ? [{ kind: "alterTable", table, action: { kind: "addPrimaryKey", columns: to } } as const] : []),
  ]);
}

function planStatements(op: Operation, before: Snapshot, caps: DialectCapabilities): Plan {
  if (op.op === "sql") return inPlace([{ kind: "raw", sql: op.sql, params: op.params ?? [] }]);
  if (op.op === "raw") return inPlace([]); // JavaScript: the runner calls it; no SQL known in advance
  const after = before.apply(op);
  const table = tableNode(op.table, op.schema);
  switch (op.op) {
    case "createTable": {
      const created = after.require(op.table, op.schema, op.op);
      const indexes: StatementNode[] = created.columns.filter((c) => c.index).map((c) => createIndex(created, c.name));
      indexes.push(...(created.indexes ?? []).map((i) => createDeclaredIndex(created, i)));
      const constraints = (created.constraints ?? []).map(constraintNode);
      return inPlace([
        {
          kind: "createTable",
          table,
          columns: created.columns.map((c) => columnDefinition(c)),
          ifNotExists: false,
          constraints,
        },
        ...indexes,
      ]);
    }
    case "dropTable":
      return inPlace([{ kind: "dropTable", table, ifExists: false, cascade: false }]);
    case "renameTable": {
      const old = before.require(op.table, op.schema, op.op);
      const renamed = after.require(op.to, op.schema, op.op);
      const moveIndexes = old.columns
        .filter((c) => c.index)
        .flatMap((c) => [dropIndex(old, c.name), createIndex(renamed, c.name)]);
      const serialColumns = old.columns.filter((c) => c.type === "serial").map((c) => c.name);
      return inPlace([{ kind: "renameTable", table, to: op.to, serialColumns }, ...moveIndexes]);
    }
    case "renameColumn": {
      const old = before.require(op.table, op.schema, op.op);
      const indexed = old.columns.find((c) => c.name === op.column)?.index;
      const moveIndex = indexed ? [dropIndex(old, op.column), createIndex(old, op.to)] : [];
      return inPlace([
        { kind: "alterTable", table, action: { kind: "renameColumn", from: op.column, to: op.to } },
        ...moveIndex,
      ]);
    }
    case "addColumn":
      return planAddColumn(op.column, op.backfill, before.require(op.table, op.schema, op.op), after, caps);
    case "dropColumn": {
      const old = before.require(op.table, op.schema, op.op);
      const column = old.columns.find((c) => c.name === op.column)!;
      // SQLite cannot drop a column that an index or a table constraint (a check may name it) uses.
      const inTable =
        (old.constraints ?? []).length > 0 || (old.indexes ?? []).some((i) => i.columns.includes(op.column));
      const constrained = column.unique || column.index || column.references || column.primaryKey || inTable;
      if (constrained && !caps.dropConstrainedColumn) return rebuild(old, after, op.table, op.schema, {});
      return inPlace([{ kind: "alterTable", table, action: { kind: "dropColumn", name: op.column } }]);
    }
    case "alterColumn": {
      const old = before.require(op.table, op.schema, op.op);
      const previous = old.columns.find((c) => c.name === op.column.name)!;
      if (sameInDatabase(previous, op.column)) return inPlace([]);
      const fill = op.backfill ?? backfillFor(op.column);
      if (!caps.alterColumn)
        return rebuild(old, after, op.table, op.schema, fill === undefined ? {} : { [op.column.name]: fill });
      return inPlace(
        alterInPlace(
          old,
          previous,
          after.require(op.table, op.schema, op.op).columns.find((c) => c.name === op.column.name)!,
          op.backfill,
        ),
      );
    }
    case "addConstraint":
      if (!caps.alterColumn) return rebuild(before.require(op.table, op.schema, op.op), after, op.table, op.schema, {});
      return inPlace([{ kind: "addConstraint", table, constraint: constraintNode(op.constraint) }]);
    case "dropConstraint":
      if (!caps.alterColumn) return rebuild(before.require(op.table, op.schema, op.op), after, op.table, op.schema, {});
      return inPlace([{ kind: "dropConstraint", table, name: op.name }]);
    case "addIndex":
      return inPlace([createDeclaredIndex(after.require(op.table, op.schema, op.op), op.index)]);
    case "dropIndex":
      return inPlace([dropDeclaredIndex(before.require(op.table, op.schema, op.op), op.name)]);
  }
}

function rebuild(
  old: TableSchema,
  after: Snapshot,
  name: string,
  schema: string | undefined,
  fills: Record<string, unknown>,
): Plan {
  return { statements: rebuildTable(old, after.require(name, schema, "rebuild"), fills), rebuild: true };
}

function dropIndex(table: TableSchema, column: string): StatementNode {
  return { kind: "dropIndex", name: indexName(table.name, column), schema: table.schema, ifExists: true };
}

function planAddColumn(
  column: ColumnSchema,
  backfill: unknown,
  old: TableSchema,
  after: Snapshot,
  caps: DialectCapabilities,
): Plan {
  const table = tableNode(old.name, old.schema);
  const fill = column.null ? undefined : ((backfill as ColumnSchema["default"]) ?? backfillFor(column));
  const defaultDiffers = fill !== undefined && JSON.stringify(fill) !== JSON.stringify(column.default);
  if (!caps.addConstrainedColumn && (column.unique || column.primaryKey || defaultDiffers || column.defaultNow)) {
    return rebuild(old, after, old.name, old.schema, fill === undefined ? {} : { [column.name]: fill });
  }
  const statements: StatementNode[] = [
    { kind: "alterTable", table, action: { kind: "addColumn", column: columnDefinition(column, fill) } },
  ];
  // The backfill served as a temporary default; put the declared one (or none) back.
  if (defaultDiffers) {
    const declared =
      column.default === undefined || column.default === null ? undefined : valueOf(column, column.default);
    statements.push({
      kind: "alterTable",
      table,
      action: { kind: "setDefault", name: column.name, default: declared },
    });
  }
  if (column.index) statements.push(createIndex(old, column.name));
  return inPlace(statements);
}

/** ALTER COLUMN steps from one definition to another, constraints dropped before and added after. */
function alterInPlace(t: TableSchema, from: ColumnSchema, to: ColumnSchema, backfill: unknown): StatementNode[] {
  const table = tableNode(t.name, t.schema);
  const name = to.name;
  const out: StatementNode[] = [];
  const refChanged =
    JSON.stringify(from.references) !== JSON.stringify(to.references) || (typeChanged(from, to) && !!from.references);
  if (from.references && refChanged)
    out.push({ kind: "dropColumnConstraints", table, column: name, constraint: "foreignKey" });
  if (from.unique && !to.unique) out.push({ kind: "dropColumnConstraints", table, column: name, constraint: "unique" });
  if (from.index && !to.index) out.push(dropIndex(t, name));
  const defaultChanged =
    JSON.stringify(from.default) !== JSON.stringify(to.default) || !!from.defaultNow !== !!to.defaultNow;
  if (defaultChanged || typeChanged(from, to)) {
    // A default of the old type may not cast to the new one: drop it first, set the new one after.
    if (from.default !== undefined || from.defaultNow)
      out.push({ kind: "alterTable", table, action: { kind: "setDefault", name } });
  }
  if (typeChanged(from, to))
    out.push({ kind: "alterTable", table, action: { kind: "alterColumnType", name, type: columnDefinition(to).type } });
  if (to.default !== undefined && (defaultChanged || typeChanged(from, to))) {
    out.push({ kind: "alterTable", table, action: { kind: "setDefault", name, default: valueOf(to, to.default) } });
  } else if (to.defaultNow && (defaultChanged || typeChanged(from, to))) {
    out.push({ kind: "alterTable", table, action: { kind: "setDefault", name, now: columnDefinition(to).type } });
  }
  if (from.null && !to.null) {
    const fill = (backfill as ColumnSchema["default"]) ?? backfillFor(to);
    if (fill !== undefined && fill !== null) {
      const column = { kind: "column" as const, table: t.name, name, type: columnDefinition(to).type };
      out.push({
        kind: "update",
        table,
        set: [[name, valueOf(to, fill)]],
        where: { kind: "isNull", operand: column, negated: false },
        returning: [],
      });
    }
    out.push({ kind: "alterTable", table, action: { kind: "setNotNull", name, notNull: true } });
  }
  if (!from.null && to.null)
    out.push({ kind: "alterTable", table, action: { kind: "setNotNull", name, notNull: false } });
  if (!from.unique && to.unique) out.push({ kind: "alterTable", table, action: { kind: "addUnique", name } });
  if (to.references && refChanged)
    out.push({
      kind: "alterTable",
      table,
      action: { kind: "addForeignKey", name, references: columnDefinition(to).references! },
    });
  if (!from.index && to.index) out.push(createIndex(t, name));
  return out;
}
