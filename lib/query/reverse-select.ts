import { ForeignKeyType } from "../columns/foreign-key";
import { assertKnownOptions, foreignColumn, notAColumn, notAForeignKey, reverseSelfSelect } from "../errors/factories";
import type { SelectNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import type { RowOf, Selectable } from "../table/types";
import { ColumnRef, type ColumnRefMembers } from "./column-ref";
import { mergeJoins, type OrderItem } from "./expression";
import { RelatedRows, arrayOf, m2mOrderItems, type M2MArrayOptions } from "./m2m-select";
import { Scalar, type ScalarMembers } from "./scalar";

/** A foreign key of Child that points at Parent: `Band.c.manager`. */
type ReverseKey<Parent, Child> = ColumnRefMembers<unknown, string, Child> & { readonly $target: Parent | undefined };

/** One column's values over the rows whose foreign key points at the outer row, as an array. */
function reverseArray(fk: ColumnRefMembers<unknown>, type: ForeignKeyType, element: unknown, order: OrderItem[]) {
  const child: TableMeta = fk.$table;
  const parent = type.target;
  if (!(element instanceof Scalar)) throw notAColumn("Related", element);
  if (element.$root !== undefined && element.$root !== child)
    throw foreignColumn("Related", child.className, element.$root.className);
  const parentKey = { kind: "column" as const, table: parent.tableName, name: type.targetColumn.dbName };
  const query: SelectNode = {
    kind: "select",
    from: child.node,
    joins: mergeJoins(element.$joins, ...order.map((o) => o.expression.$joins)).map((j) => j.node),
    selections: [{ expr: element.$node }],
    where: {
      kind: "binary",
      op: "=",
      left: fk.$node,
      right: { ...parentKey, type: type.targetColumn.type.dataType },
    },
    orderBy: order.map((o) => o.node),
    distinct: false,
  };
  return new Scalar<unknown[]>(
    { kind: "relatedArray", query, element: element.$valueType.dataType },
    [],
    parent,
    "related",
    arrayOf(element.$valueType),
  );
}

/**
 * The rows of another table whose foreign key points at each selected row, as an array per row
 * (empty when there are none), ordered by `orderBy` and then their primary key: one column gives
 * its values, a list of columns gives objects. Key "related" unless renamed with `.as()`.
 * @example
 * Manager.select(Manager.c.name, Related(Band.c.manager, Band.c.name, { orderBy: Band.c.name }).as("bands"))
 * // postgres: SELECT "manager"."name", ARRAY(SELECT "band"."name" FROM "band" WHERE "band"."manager" = "manager"."id"
 * //           ORDER BY "band"."name" ASC, "band"."id" ASC) AS "bands" FROM "manager"
 * // sqlite:   SELECT "manager"."name", (SELECT json_group_array("band"."name" ORDER BY "band"."name" ASC, "band"."id"
 * //           ASC) FROM "band" WHERE "band"."manager" = "manager"."id") AS "bands" FROM "manager"
 */
export function Related<TValue, Parent, Child>(
  foreignKey: ReverseKey<Parent, Child>,
  column: ScalarMembers<TValue, string, Child>,
  options?: M2MArrayOptions<Child>,
): Scalar<TValue[], "related", Parent>;
export function Related<Parent, Child, TSelection extends Selectable<Child>[]>(
  foreignKey: ReverseKey<Parent, Child>,
  columns: [...TSelection],
  options?: M2MArrayOptions<Child>,
): Scalar<RowOf<TSelection>[], "related", Parent>;
export function Related(
  foreignKey: unknown,
  columns: unknown,
  options: M2MArrayOptions<unknown> = {},
): Scalar<unknown[]> {
  const type = foreignKey instanceof ColumnRef ? foreignKey.$column.type : undefined;
  if (!(type instanceof ForeignKeyType) || (foreignKey as ColumnRefMembers<unknown>).$joins.length > 0)
    throw notAForeignKey("Related", "the selected table");
  const fk = foreignKey as ColumnRefMembers<unknown>;
  // The subquery names the child table as it is; the same table on both sides would shadow the outer row.
  if (type.target === fk.$table) throw reverseSelfSelect(fk.$table.className, fk.$column.property);
  assertKnownOptions("Related()", options, ["orderBy"]);
  const order = m2mOrderItems(fk.$table, options.orderBy, "Related");
  if (!Array.isArray(columns)) return reverseArray(fk, type, columns, order);
  if (columns.length === 0) throw notAColumn("Related", columns);
  const parts = columns.map((column) => reverseArray(fk, type, column, order));
  return new RelatedRows(
    parts[0]!,
    parts,
    columns.map((c) => (c as Scalar<unknown>).$key),
  );
}
