import { existsNeedsSelect, outerNeedsColumn, rawSqlNotText } from "../errors/factories";
import { Condition, Expression, FreeExpression, OrderItem } from "./expression";
import { Text } from "../columns/text";
import type { ColumnType } from "../columns/column-type";
import { Scalar, type ScalarMembers, type Subquery } from "./scalar";

// Escape hatches for SQL the builder cannot express. `{}` placeholders are bound parameters;
// the text itself must never be built from user input.

function rawNode(method: string, sql: string, params: readonly unknown[]) {
  if (typeof sql !== "string") throw rawSqlNotText(method);
  return { kind: "raw" as const, sql, params };
}

/**
 * A where condition in SQL: `where(WhereRaw("popularity > {}", 100))`.
 * @example
 * Band.select(Band.c.name).where(WhereRaw("popularity > {}", 100))
 * // postgres: SELECT "band"."name" FROM "band" WHERE (popularity > $1)
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE (popularity > ?)
 */
export function WhereRaw(sql: string, ...params: unknown[]): Condition {
  return new Condition(rawNode("WhereRaw", sql, params), [], undefined);
}

const rawType = Text() as ColumnType<unknown>;

/**
 * A select-list item in SQL, its value as the driver reads it, under the key "raw" unless renamed
 * with `.as()`: `select(Band.c.name, SelectRaw<number>("length({})", "abc").as("n"))`.
 * @example
 * Band.select(Band.c.name, SelectRaw<number>("popularity * {}", 2).as("double"))
 * // postgres: SELECT "band"."name", (popularity * $1) AS "double" FROM "band"
 * // sqlite:   SELECT "band"."name", (popularity * ?) AS "double" FROM "band"
 */
export function SelectRaw<TValue = unknown>(sql: string, ...params: unknown[]): Scalar<TValue, "raw"> {
  return new Scalar<TValue, "raw">(rawNode("SelectRaw", sql, params), [], undefined, "raw", rawType, (v) => v);
}

/**
 * An ORDER BY item in SQL: `orderBy(OrderByRaw("random()"))`.
 * @example
 * Band.select(Band.c.name).orderBy(OrderByRaw("random()"))
 * // postgres: SELECT "band"."name" FROM "band" ORDER BY (random()) ASC
 * // sqlite:   SELECT "band"."name" FROM "band" ORDER BY (random()) ASC
 */
export function OrderByRaw(sql: string, ...params: unknown[]): OrderItem {
  return new OrderItem(new Expression(rawNode("OrderByRaw", sql, params), [], undefined), "asc", undefined);
}

/**
 * `EXISTS (subquery)`: true when the subquery finds a row. Refer to the outer query's row with
 * Outer(): `Band.select().where(Exists(Concert.select(Concert.c.id).where(Concert.c.band1.eq(Outer(Band.c.id)))))`.
 * @example
 * Band.select(Band.c.name).where(Exists(Concert.select(Concert.c.id).where(Concert.c.band1.eq(Outer(Band.c.id)))))
 * // postgres: SELECT "band"."name" FROM "band" WHERE EXISTS (SELECT "concert"."id" FROM "concert" WHERE "concert"."band1" = "band"."id")
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE EXISTS (SELECT "concert"."id" FROM "concert" WHERE "concert"."band1" = "band"."id")
 */
export function Exists(subquery: Subquery<unknown>): Condition {
  if (typeof (subquery as Subquery<unknown> | null)?.toSubqueryNode !== "function") {
    throw existsNeedsSelect();
  }
  return new Condition({ kind: "exists", query: subquery.toSubqueryNode({ anyColumns: true }) }, [], undefined);
}

/**
 * A column of the outer query, for a correlated subquery (see Exists). It belongs to no table as
 * far as the subquery's checks go, and it cannot traverse foreign keys (the join would be the
 * subquery's, not the outer query's).
 */
export function Outer<TValue, TRoot>(column: ScalarMembers<TValue, string, TRoot>): FreeExpression<TValue> {
  if (!(column instanceof Expression) || column.$joins.length > 0) {
    throw outerNeedsColumn();
  }
  return new FreeExpression<TValue>(column.$node, [], undefined);
}
