import { ForeignKeyType } from "../columns/foreign-key";
import { ColumnRef, type ColumnRefMembers } from "../query/column-ref";
import type { JoinStep } from "../query/expression";
import type { ColumnNode } from "../sql/ast/nodes";
import type { ColumnMeta, TableMeta } from "./metadata";

type Accessor = Record<string, ColumnRefMembers<unknown>>;

/** The `Band.c` object of a table, built once. */
export function columnAccessor(meta: TableMeta): Accessor {
  let accessor = meta.cache.get("c") as Accessor | undefined;
  if (accessor === undefined) {
    accessor = buildColumns(meta, meta, meta.tableName, "", [], 0);
    meta.cache.set("c", accessor);
  }
  return accessor;
}

function buildColumns(
  root: TableMeta,
  table: TableMeta,
  alias: string,
  prefix: string,
  joins: readonly JoinStep[],
  depth: number,
): Accessor {
  const columns: Accessor = {};
  for (const column of table.columns) {
    const node = columnNode(alias, column);
    const ref = new ColumnRef(column, table, prefix + column.property, node, joins, root);
    if (column.type instanceof ForeignKeyType) addTargetColumns(ref, column.type, node, root, alias, joins, depth);
    columns[column.property] = ref;
  }
  return columns;
}

/** A column's node; a foreign key's type is its target's, looked up on first use (the target may not be complete yet). */
function columnNode(table: string, column: ColumnMeta): ColumnNode {
  const type = column.type;
  if (!(type instanceof ForeignKeyType)) return { kind: "column", table, name: column.dbName, type: type.dataType };
  return {
    kind: "column",
    table,
    name: column.dbName,
    get type() {
      return type.dataType;
    },
  };
}

/** Gives a foreign key's ref the referenced table's columns, built on first access (keys may be cyclic). */
function addTargetColumns(
  ref: ColumnRefMembers<unknown>,
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
        on: { kind: "binary", op: "=", left: columnNode(childAlias, targetColumn), right: node },
      },
    };
    return buildColumns(root, target, childAlias, `${ref.$key}.`, [...joins, step], depth + 1);
  };
  for (const column of target.columns) {
    Object.defineProperty(ref, column.property, {
      enumerable: true,
      get: () => (children ??= build())[column.property],
    });
  }
  Object.defineProperty(ref, "allColumns", {
    value: (...exclude: string[]) => {
      for (const name of exclude) target.column(name);
      const kept = target.columns.filter((c) => !exclude.includes(c.property));
      return kept.map((c) => (children ??= build())[c.property]);
    },
  });
  Object.defineProperty(ref, "allRelated", {
    value: (...exclude: string[]) => {
      for (const name of exclude) target.column(name);
      const keys = target.columns.filter((c) => c.type instanceof ForeignKeyType && !exclude.includes(c.property));
      return keys.map((c) => (children ??= build())[c.property]);
    },
  });
}
