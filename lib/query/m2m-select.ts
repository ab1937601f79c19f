import { ColumnType, InvalidValue } from "../columns/column-type";
import { foreignColumn, m2mSelfSelect, notAColumn, notAnM2M } from "../errors/factories";
import type { ColumnNode, ExpressionNode, SelectNode } from "../sql/ast/nodes";
import { M2MRelation, type M2MResolved } from "../table/m2m";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import { mergeJoins } from "./expression";
import { Scalar } from "./scalar";

type Handle = ((column: unknown) => Scalar<unknown[]>) & { readonly $m2m: M2MRelation };

function columnOf(table: TableMeta, column: ColumnMeta): ColumnNode {
  return { kind: "column", table: table.tableName, name: column.dbName, type: column.type };
}

function equals(left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  return { kind: "binary", op: "=", left, right };
}

/** The type of an M2M array: the dialect decodes it as an array of the element's type. */
function arrayOf(element: ColumnType<unknown>): ColumnType<unknown> {
  const coerce = (v: unknown) => (Array.isArray(v) ? v : new InvalidValue("an array"));
  return new ColumnType<unknown>("array", {}, coerce, () => [], { element });
}

/**
 * `Band.m2m.genres(Genre.c.name)`: the other table's column over the related rows, as one array
 * per row (empty when there are none), ordered by the other table's primary key. PostgreSQL:
 * `ARRAY(SELECT "genre"."name" FROM "genre" LEFT JOIN "genre_to_band" ON … WHERE "genre_to_band"."band" = "band"."id" ORDER BY "genre"."id")`;
 * SQLite: `(SELECT json_group_array("genre"."name" ORDER BY "genre"."id") FROM … WHERE …)`.
 */
export function relatedArray(relation: M2MRelation, element: unknown): Scalar<unknown[]> {
  const { source, join, sourceKey, sourceFk, targetKey, targetFk, target }: M2MResolved = relation.resolved;
  const method = `${source.className}.m2m.${relation.property}`;
  if (!(element instanceof Scalar)) throw notAColumn(method, element);
  if (element.$root !== undefined && element.$root !== target) throw foreignColumn(method, target.className, element.$root.className);
  // The subquery names the other table as it is; the same table on both sides would shadow the outer row.
  if (target === source) throw m2mSelfSelect(relation.label);
  const query: SelectNode = {
    kind: "select",
    from: target.node,
    joins: [
      { kind: "join", table: join.node, on: equals(columnOf(join, targetKey), columnOf(target, targetFk.targetColumn)) },
      ...mergeJoins(element.$joins).map((j) => j.node),
    ],
    selections: [{ expr: element.$node }],
    where: equals(columnOf(join, sourceKey), columnOf(source, sourceFk.targetColumn)),
    orderBy: [{ expr: columnOf(target, target.primaryKey), direction: "asc" }],
    distinct: false,
  };
  return new Scalar({ kind: "relatedArray", query, element: element.$valueType }, [], source, relation.property, arrayOf(element.$valueType));
}

/** The `Band.m2m` object of a table: one callable handle per M2M field, built once. */
export function m2mAccessor(meta: TableMeta): Record<string, Handle> {
  let accessor = meta.cache.get("m2m") as Record<string, Handle> | undefined;
  if (accessor === undefined) {
    accessor = {};
    for (const relation of meta.m2m) {
      const handle = (column: unknown) => relatedArray(relation, column);
      Object.defineProperty(handle, "$m2m", { value: relation });
      accessor[relation.property] = handle as Handle;
    }
    meta.cache.set("m2m", Object.freeze(accessor));
  }
  return accessor;
}

/** The relation behind an M2M handle of this table, or a clear error. */
export function m2mRelationOf(meta: TableMeta, handle: unknown, method: string): M2MRelation {
  const relation = (handle as Partial<Handle> | null | undefined)?.$m2m;
  if (!(relation instanceof M2MRelation) || !meta.m2m.includes(relation)) throw notAnM2M(method, meta.className, meta.m2m.map((r) => r.property));
  return relation;
}
