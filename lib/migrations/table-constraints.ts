import { snapshotConflict } from "../errors/factories";
import type { CreateIndexNode, ExpressionNode, StatementNode, TableConstraintNode } from "../sql/ast/nodes";
import { tableNode } from "./nodes";
import type {
  AddConstraintOperation,
  AddIndexOperation,
  DropConstraintOperation,
  DropIndexOperation,
} from "./operations";
import {
  normalizeConstraint,
  normalizeIndex,
  tableKey,
  type ConstraintSchema,
  type IndexSchema,
  type SqlText,
  type TableSchema,
} from "./schema";

/** An operation on a table's constraints or declared indexes. */
export type ConstraintOperation =
  AddConstraintOperation | DropConstraintOperation | AddIndexOperation | DropIndexOperation;

/** The table with its constraints and indexes normalized, empty lists left out. */
export function withConstraints(
  t: TableSchema,
  constraints: readonly ConstraintSchema[] | undefined,
  indexes: readonly IndexSchema[] | undefined,
): TableSchema {
  const { constraints: _c, indexes: _i, ...rest } = t;
  return {
    ...rest,
    ...(constraints && constraints.length > 0 ? { constraints: constraints.map(normalizeConstraint) } : {}),
    ...(indexes && indexes.length > 0 ? { indexes: indexes.map(normalizeIndex) } : {}),
  };
}

/** The table after adding or dropping a constraint or index; a name that clashes or is missing is a conflict. */
export function applyConstraintOperation(t: TableSchema, op: ConstraintOperation): TableSchema {
  const key = tableKey(t.name, t.schema);
  const constraints = t.constraints ?? [];
  const indexes = t.indexes ?? [];
  const taken = (name: string) => constraints.some((c) => c.name === name) || indexes.some((i) => i.name === name);
  const unknownColumn = (columns: readonly string[]) => columns.find((c) => !t.columns.some((col) => col.name === c));
  switch (op.op) {
    case "addConstraint": {
      if (taken(op.constraint.name))
        throw snapshotConflict(op.op, `"${op.constraint.name}" already exists on table "${key}"`);
      const missing = op.constraint.type === "unique" ? unknownColumn(op.constraint.columns) : undefined;
      if (missing) throw snapshotConflict(op.op, `column "${key}.${missing}" does not exist at this point`);
      return withConstraints(t, [...constraints, op.constraint], indexes);
    }
    case "dropConstraint":
      if (!constraints.some((c) => c.name === op.name))
        throw snapshotConflict(op.op, `table "${key}" has no constraint "${op.name}" at this point`);
      return withConstraints(
        t,
        constraints.filter((c) => c.name !== op.name),
        indexes,
      );
    case "addIndex": {
      if (taken(op.index.name)) throw snapshotConflict(op.op, `"${op.index.name}" already exists on table "${key}"`);
      const missing = unknownColumn(op.index.columns);
      if (missing) throw snapshotConflict(op.op, `column "${key}.${missing}" does not exist at this point`);
      return withConstraints(t, constraints, [...indexes, op.index]);
    }
    case "dropIndex":
      if (!indexes.some((i) => i.name === op.name))
        throw snapshotConflict(op.op, `table "${key}" has no index "${op.name}" at this point`);
      return withConstraints(
        t,
        constraints,
        indexes.filter((i) => i.name !== op.name),
      );
  }
}

/** The table's constraints and indexes once a column is dropped: the unique ones and indexes over it go too, as PostgreSQL drops them. */
export function dropColumnFromConstraints(t: TableSchema, column: string): TableSchema {
  if (!t.constraints && !t.indexes) return t;
  const keeps = (columns: readonly string[]) => !columns.includes(column);
  return withConstraints(
    t,
    t.constraints?.filter((c) => c.type !== "unique" || keeps(c.columns)),
    t.indexes?.filter((i) => keeps(i.columns)),
  );
}

/** The table's constraints and indexes once a column is renamed (both databases follow the rename). */
export function renameColumnInConstraints(t: TableSchema, from: string, to: string): TableSchema {
  if (!t.constraints && !t.indexes) return t;
  const rename = (columns: readonly string[]) => columns.map((c) => (c === from ? to : c));
  return withConstraints(
    t,
    t.constraints?.map((c) => (c.type === "unique" ? { ...c, columns: rename(c.columns) } : c)),
    t.indexes?.map((i) => ({ ...i, columns: rename(i.columns) })),
  );
}

/** Stored SQL text as a node each dialect renders its own way. */
export function sqlTextNode(text: SqlText): ExpressionNode {
  return { kind: "dialectSql", sql: typeof text === "string" ? { postgres: text, sqlite: text } : text };
}

/** A stored constraint as the node CREATE TABLE or ADD CONSTRAINT renders. */
export function constraintNode(c: ConstraintSchema): TableConstraintNode {
  return c.type === "unique"
    ? { kind: "unique", name: c.name, columns: c.columns }
    : { kind: "check", name: c.name, condition: sqlTextNode(c.check) };
}

/** CREATE INDEX for a declared index. */
export function createDeclaredIndex(t: TableSchema, i: IndexSchema): CreateIndexNode {
  return {
    kind: "createIndex",
    name: i.name,
    table: tableNode(t.name, t.schema),
    columns: i.columns,
    ifNotExists: false,
    unique: i.unique,
    method: i.method,
    where: i.where === undefined ? undefined : sqlTextNode(i.where),
  };
}

/** DROP INDEX of a declared index. */
export function dropDeclaredIndex(t: TableSchema, name: string): StatementNode {
  return { kind: "dropIndex", name, schema: t.schema, ifExists: false };
}
