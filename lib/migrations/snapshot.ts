import { snapshotConflict } from "../errors/factories";
import type { Operation } from "./operations";
import {
  columnProblem,
  normalizeColumn,
  tableKey,
  type ColumnSchema,
  type JsonValue,
  type TableSchema,
} from "./schema";
import {
  applyConstraintOperation,
  dropColumnFromConstraints,
  renameColumnInConstraints,
  withConstraints,
} from "./table-constraints";

/** The schema that replaying migrations builds: tables by `schema.name`. Immutable; `apply` returns a new one. */
export class Snapshot {
  constructor(readonly tables: ReadonlyMap<string, TableSchema> = new Map()) {}

  /** The table, or undefined. */
  table(name: string, schema?: string): TableSchema | undefined {
    return this.tables.get(tableKey(name, schema));
  }

  /** The table, or a clear error naming the operation that needed it. */
  require(name: string, schema: string | undefined, op: string): TableSchema {
    const t = this.table(name, schema);
    if (t === undefined) throw snapshotConflict(op, `table "${tableKey(name, schema)}" does not exist at this point`);
    return t;
  }

  /** The snapshot after one operation. */
  apply(op: Operation): Snapshot {
    if (op.op === "sql" || op.op === "raw") return this;
    const tables = new Map(this.tables);
    const key = tableKey(op.table, op.schema);
    const withColumns = (columns: readonly ColumnSchema[]) => {
      tables.set(key, { ...this.require(op.table, op.schema, op.op), columns });
      return new Snapshot(tables);
    };
    switch (op.op) {
      case "createTable":
        if (tables.has(key)) throw snapshotConflict(op.op, `table "${key}" already exists`);
        op.columns.forEach((c) => checkColumn(op.op, key, c));
        tables.set(
          key,
          withConstraints(
            { name: op.table, ...(op.schema ? { schema: op.schema } : {}), columns: op.columns.map(normalizeColumn) },
            op.constraints,
            op.indexes,
          ),
        );
        for (const i of [...(op.indexes ?? []), ...(op.constraints ?? [])]) {
          const columns = "columns" in i ? i.columns : [];
          if (!columns.every((c) => op.columns.some((col) => col.name === c)))
            throw snapshotConflict(op.op, `"${i.name}" names a column that table "${key}" lacks`);
        }
        return new Snapshot(tables);
      case "dropTable":
        this.require(op.table, op.schema, op.op);
        tables.delete(key);
        return new Snapshot(tables);
      case "renameTable": {
        const t = this.require(op.table, op.schema, op.op);
        tables.delete(key);
        tables.set(tableKey(op.to, op.schema), { ...t, name: op.to });
        return new Snapshot(renameReferences(tables, op.table, op.to, op.schema));
      }
      case "addColumn": {
        const t = this.require(op.table, op.schema, op.op);
        if (t.columns.some((c) => c.name === op.column.name))
          throw snapshotConflict(op.op, `column "${key}.${op.column.name}" already exists`);
        checkColumn(op.op, key, op.column, op.backfill);
        return withColumns([...t.columns, normalizeColumn(op.column)]);
      }
      case "dropColumn": {
        const t = dropColumnFromConstraints(this.requireColumn(key, op.column, op.op), op.column);
        tables.set(key, { ...t, columns: t.columns.filter((c) => c.name !== op.column) });
        return new Snapshot(tables);
      }
      case "renameColumn": {
        const t = renameColumnInConstraints(this.requireColumn(key, op.column, op.op), op.column, op.to);
        tables.set(key, { ...t, columns: t.columns.map((c) => (c.name === op.column ? { ...c, name: op.to } : c)) });
        return new Snapshot(tables);
      }
      case "addConstraint":
      case "dropConstraint":
      case "addIndex":
      case "dropIndex":
        tables.set(key, applyConstraintOperation(this.require(op.table, op.schema, op.op), op));
        return new Snapshot(tables);
      case "alterColumn":
        checkColumn(op.op, key, op.column, op.backfill);
        return withColumns(
          this.requireColumn(key, op.column.name, op.op).columns.map((c) =>
            c.name === op.column.name ? normalizeColumn(op.column) : c,
          ),
        );
    }
  }

  private requireColumn(key: string, column: string, op: string): TableSchema {
    const t = this.tables.get(key);
    if (t === undefined) throw snapshotConflict(op, `table "${key}" does not exist at this point`);
    if (!t.columns.some((c) => c.name === column))
      throw snapshotConflict(op, `column "${key}.${column}" does not exist at this point`);
    return t;
  }

  /** The snapshot after every operation in order. */
  applyAll(ops: readonly Operation[]): Snapshot {
    return ops.reduce<Snapshot>((s, op) => s.apply(op), this);
  }
}

function checkColumn(op: string, table: string, column: ColumnSchema, backfill?: JsonValue): void {
  const problem = columnProblem(column, backfill);
  if (problem !== undefined) throw snapshotConflict(op, `in table "${table}", ${problem}`);
}

/** Foreign keys follow a renamed table, as both databases rewrite them. */
function renameReferences(
  tables: Map<string, TableSchema>,
  from: string,
  to: string,
  schema: string | undefined,
): Map<string, TableSchema> {
  for (const [key, t] of tables) {
    if (!t.columns.some((c) => c.references?.table === from && c.references.schema === schema)) continue;
    const columns = t.columns.map((c) =>
      c.references?.table === from && c.references.schema === schema
        ? { ...c, references: { ...c.references, table: to } }
        : c,
    );
    tables.set(key, { ...t, columns });
  }
  return tables;
}
