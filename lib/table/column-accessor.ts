import { ForeignKeyType } from "../columns/foreign-key";
import { ColumnRef } from "../query/column-ref";
import type { JoinStep } from "../query/expression";
import type { ColumnNode } from "../sql/ast/nodes";
import type { TableMeta } from "./metadata";

type Accessor = Record<string, ColumnRef<unknown>>;

/** The `Band.c` object of a table, built once. */
export function columnAccessor(meta: TableMeta): Accessor {
  let accessor = meta.cache.get("c") as Accessor | undefined;
  if (accessor === undefined) {
    accessor = buildColumns(meta, meta, meta.tableName, "", [], 0);
    meta.cache.set("c", accessor);
  }
  return accessor;
}

function buildColumns(root: TableMeta, table: TableMeta, alias: string, prefix: string, joins: readonly JoinStep[], depth: number): Accessor {
  const columns: Accessor = {};
  for (const column of table.columns) {
    const node: ColumnNode = { kind: "column", table: alias, name: column.dbName, type: column.type };
    const ref = new ColumnRef(column, table, prefix + column.property, node, joins, root);
    if (column.type instanceof ForeignKeyType) addTargetColumns(ref, column.type, node, root, alias, joins, depth);
    columns[column.property] = ref;
  }
  return columns;
}

/** Gives a foreign key's ref the referenced table's columns, built on first access (keys may be cyclic). */
function addTargetColumns(
  ref: ColumnRef<unknown>,
  fk: ForeignKeyType,
  node: ColumnNode,
  root: TableMeta,
  alias: string,
  joins: readonly JoinStep[],
  depth: number,
): void {
  const target = fk.target;
  const childAlias = `${alias}$${ref.$column.property}`;
  let children: Accessor | undefined;
  const build = (): Accessor => {
    const targetColumn = fk.targetColumn;
    const step: JoinStep = {
      alias: childAlias,
      depth: depth + 1,
      node: {
        kind: "join",
        table: { ...target.node, alias: childAlias },
        on: { kind: "binary", op: "=", left: { kind: "column", table: childAlias, name: targetColumn.dbName, type: targetColumn.type }, right: node },
      },
    };
    return buildColumns(root, target, childAlias, `${ref.$key}.`, [...joins, step], depth + 1);
  };
  for (const column of target.columns) {
    Object.defineProperty(ref, column.property, { enumerable: true, get: () => (children ??= build())[column.property] });
  }
  Object.defineProperty(ref, "allColumns", { value: () => target.columns.map((c) => (children ??= build())[c.property]) });
}
