import type { ExpressionNode, StatementNode } from "../sql/ast/nodes";
import { columnDefinition, dataTypeOf, createIndex, indexName, tableNode, valueOf } from "./nodes";
import { typeChanged, type ColumnSchema, type JsonValue, type TableSchema } from "./schema";
import { constraintNode, createDeclaredIndex } from "./table-constraints";

/**
 * The old column's values for the new column. A Numeric is copied through a CAST from the old
 * type, which SQLite renders as an exact conversion of its stored form: a rescale when the
 * digits change, and a parse of the plain TEXT that earlier versions stored; a Numeric that
 * becomes text is copied as its decimal text.
 */
function copied(table: string, previous: ColumnSchema, column: ColumnSchema): ExpressionNode {
  const old: ExpressionNode = { kind: "column", table, name: column.name, type: dataTypeOf(previous) };
  const toText = column.type === "text" || column.type === "varchar";
  if (column.type === "numeric" || (previous.type === "numeric" && toText && typeChanged(previous, column))) {
    return { kind: "cast", expr: old, type: dataTypeOf(column) };
  }
  return { kind: "column", table, name: column.name, type: dataTypeOf(column) };
}

/**
 * Rebuilds a table into a new definition, keeping its rows, for databases that cannot alter a
 * column in place (SQLite): create the new table under a temporary name, copy the rows (NULLs
 * of columns that became NOT NULL take `fills`), drop the old table, rename the new one, and
 * recreate its indexes, then every other index and trigger sqlite_master held for the old table
 * (made by hand or by a raw migration step), as SQLite's own 12-step procedure does. The runner
 * switches foreign keys off around the transaction and checks them before commit, so referencing
 * rows are neither cascaded nor left dangling.
 */
export function rebuildTable(
  old: TableSchema,
  next: TableSchema,
  fills: Readonly<Record<string, unknown>>,
): StatementNode[] {
  const temporary = tableNode(`_piccolo_rebuild_${next.name}`, next.schema);
  const source = tableNode(old.name, old.schema);
  const oldColumns = new Map(old.columns.map((c) => [c.name, c]));
  const columns: string[] = [];
  const values: ExpressionNode[] = [];
  for (const column of next.columns) {
    const fill = fills[column.name] as JsonValue | undefined;
    const previous = oldColumns.get(column.name);
    if (previous) {
      const current = copied(old.name, previous, column);
      columns.push(column.name);
      // Only a NOT NULL column needs its NULLs filled; a nullable one keeps them.
      const keep = fill === undefined || fill === null || column.null;
      values.push(keep ? current : { kind: "function", name: "coalesce", args: [current, valueOf(column, fill)] });
    } else if (fill !== undefined && fill !== null) {
      columns.push(column.name);
      values.push(valueOf(column, fill));
    } else if (column.type === "serial" || column.type === "bigserial") {
      // A new serial column numbers the existing rows, as PostgreSQL's ADD COLUMN … SERIAL does.
      columns.push(column.name);
      values.push({ kind: "column", table: old.name, name: "rowid", type: dataTypeOf(column) });
    }
  }
  const managed = [old, next].flatMap((t) => [
    ...t.columns.filter((c) => c.index).map((c) => indexName(t.name, c.name)),
    ...(t.indexes ?? []).map((i) => i.name),
  ]);
  const dropped = old.columns.filter((c) => !next.columns.some((n) => n.name === c.name)).map((c) => c.name);
  const carryOver = (phase: "save" | "restore"): StatementNode => ({
    kind: "carryOver",
    phase,
    table: source,
    managed,
    dropped,
  });
  return [
    carryOver("save"),
    {
      kind: "createTable",
      table: temporary,
      columns: next.columns.map((c) => columnDefinition(c)),
      ifNotExists: false,
      constraints: (next.constraints ?? []).map(constraintNode),
    },
    { kind: "insertSelect", table: temporary, columns, values, from: source },
    { kind: "dropTable", table: source, ifExists: false, cascade: false },
    // Views and triggers that name the table would fail the rename's schema check while it is gone.
    { kind: "legacyAlterTable", enabled: true },
    { kind: "renameTable", table: temporary, to: next.name },
    { kind: "legacyAlterTable", enabled: false },
    ...next.columns.filter((c) => c.index).map((c) => createIndex(next, c.name)),
    ...(next.indexes ?? []).map((i) => createDeclaredIndex(next, i)),
    carryOver("restore"),
  ];
}
