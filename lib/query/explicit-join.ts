// Explicit joins of a select: `join(Concert, Concert.c.band1, Band.c.id)` on any columns, beside
// foreign-key traversal. The types here let a select accept the joined tables' expressions.
import { joinNeedsColumns, joinOnTraversal, tableJoinedTwice } from "../errors/factories";
import type { JoinNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import { tableMetaOf } from "../table/metadata";
import type { Plain, Selectable, SelectedItem } from "../table/types";
import { Condition, Expression, type OrderItem, and } from "./expression";
import { Scalar } from "./scalar";

declare const joinedBrand: unique symbol;
declare const leftJoinedBrand: unique symbol;

/** A table added to a select by `join()`: the select accepts its expressions. */
export interface Joined<J> {
  readonly [joinedBrand]: (table: J) => J;
}

/** A table added by `leftJoin()`: the select accepts its expressions; its columns are `| null` in rows. */
export interface LeftJoined<J> {
  readonly [leftJoinedBrand]: (table: J) => J;
}

/** The table classes whose expressions a select over `T` (its table and joined tables) accepts. */
export type RootTable<T> = T extends Joined<infer J> ? J : T extends LeftJoined<infer J> ? J : T;

/** A condition on any table of the select (distributed, since conditions are typed by one table each). */
export type RootCondition<T> = (T extends Joined<infer J>
  ? Condition<J>
  : T extends LeftJoined<infer J>
    ? Condition<J>
    : Condition<T>) & { readonly $window?: never };

/** An expression of any table of the select. */
export type RootExpression<T, V = unknown> =
  T extends Joined<infer J> ? Expression<V, J> : T extends LeftJoined<infer J> ? Expression<V, J> : Expression<V, T>;

/** An ORDER BY item of any table of the select. */
export type RootOrderItem<T> =
  T extends Joined<infer J> ? OrderItem<J> : T extends LeftJoined<infer J> ? OrderItem<J> : OrderItem<T>;

/** Something selectable from any table of the select. */
export type RootSelectable<T> =
  T extends Joined<infer J> ? Selectable<J> : T extends LeftJoined<infer J> ? Selectable<J> : Selectable<T>;

/** The select's own table, without the joined ones. */
export type BaseTable<T> = T extends Joined<infer _J> ? never : T extends LeftJoined<infer _J> ? never : T;

type RootOf<C> = C extends { readonly $rootType: (root: infer X) => unknown } ? X : never;

/** A selected value's type: `| null` when it is a column (not an aggregate) of a left-joined table. */
type JoinedValue<T, C extends SelectedItem> = "$aggregate" extends keyof C
  ? C["$type"]
  : 0 extends 1 & RootOf<C>
    ? C["$type"]
    : LeftJoined<RootOf<C>> extends T
      ? C["$type"] | null
      : C["$type"];

/** The row type of a selection from a select with joins. */
export type JoinedRowOf<T, S extends readonly SelectedItem[]> = Plain<{
  [C in S[number] as C["$key"]]: JoinedValue<T, C>;
}>;

/** A table class as `join()` takes it: its row type is read from the phantom every `Table<T>()` has. */
export interface JoinTarget<J> {
  readonly $rowType?: (row: J) => J;
  readonly tableName: string;
}

/** One explicit join: the table and the ON condition. */
export interface ExplicitJoin {
  readonly meta: TableMeta;
  readonly node: JoinNode;
}

/**
 * Builds a join of `table` on `column = equals` (and any further conditions), checking that the
 * table is new to the query and that the ON condition reads only the tables' own columns: their
 * foreign-key joins would otherwise come after this one, which they must precede.
 */
export function explicitJoin(
  type: "inner" | "left",
  tables: readonly TableMeta[],
  table: object,
  column: unknown,
  equals: unknown,
  conditions: readonly unknown[],
): ExplicitJoin {
  const meta = tableMetaOf(table);
  const method = type === "inner" ? "join" : "leftJoin";
  if (tables.includes(meta)) throw tableJoinedTwice(method, meta.className);
  if (!(column instanceof Scalar) || column.$root !== meta) throw joinNeedsColumns(method, meta.className, column);
  if (!(equals instanceof Expression) || (equals.$root !== undefined && !tables.includes(equals.$root)))
    throw joinNeedsColumns(method, meta.className, equals);
  const extra = conditions.map((c) => {
    if (!(c instanceof Condition) || (c.$root !== undefined && c.$root !== meta))
      throw joinNeedsColumns(method, meta.className, c);
    return c;
  });
  for (const part of [column, equals, ...extra]) if (part.$joins.length > 0) throw joinOnTraversal(method);
  const equality = new Condition({ kind: "binary", op: "=", left: column.$node, right: equals.$node }, [], meta);
  const on = extra.length === 0 ? equality : and(equality, ...extra);
  return { meta, node: { kind: "join", type, table: meta.node, on: on.$node } };
}
