import type { ExpressionNode, StatementNode } from "../sql/ast/nodes";
import { columnDefinition, columnTypeOf, createIndex, indexName, tableNode, valueOf } from "./nodes";
import { constraintNode, createDeclaredIndex } from "./table-constraints";
import type { JsonValue, TableSchema } from "./schema";

/**
 * Rebuilds a table into a new definition, keeping its rows, for databases that cannot alter a
 * column in place (SQLite): create the new table under a temporary name, copy the rows (NULLs
 * of columns that became NOT NULL take `fills`), drop the old table, rename the new one, and
 * recreate its indexes, then every other index and trigger sqlite_master held for the old table
 * (made by hand or by a raw migration step), as SQLite's own 12-step procedure does. The runner switches foreign keys off around the transaction and checks
 * them before commit, so referencing rows are neither cascaded nor left dangling.
 */
export function rebuildTable(old: TableSchema, next: TableSchema, fills: Readonly<Record<string, unknown>>): StatementNode[] {
  const temporary = tableNode(`_piccolo_rebuild_${next.name}`, next.schema);
  const source = tableNode(old.name, old.schema);
  const oldNames = new Set(old.columns.map((c) => c.name));
  const columns: string[] = [];
  const values: ExpressionNode[] = [];
  for (const column of next.columns) {
    const fill = fills[column.name] as JsonValue | undefined;
    if (oldNames.has(column.name)) {
      const current: ExpressionNode = { kind: "column", table: old.name, name: column.name, type: columnTypeOf(column) };
      columns.push(column.name);
      values.push(fill === undefined || fill === null ? current : { kind: "function", name: "coalesce", args: [current, valueOf(column, fill)] });
    } else if (fill !== undefined && fill !== null) {
      columns.push(column.name);
      values.push(valueOf(column, fill));
    }
  }
  const managed = [old, next].flatMap((t) => [...t.columns.filter((c) => c.index).map((c) => indexName(t.name, c.name)), ...(t.indexes ?? []).map((i) => i.name)]);
  const dropped = old.columns.filter((c) => !next.columns.some((n) => n.name === c.name)).map((c) => c.name);
  const carryOver = (phase: "save" | "restore"): StatementNode => ({ kind: "carryOver", phase, table: source, managed, dropped });
  return [
    carryOver("save"),
    { kind: "createTable", table: temporary, columns: next.columns.map((c) => columnDefinition(c)), ifNotExists: false, constraints: (next.constraints ?? []).map(constraintNode) },
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
