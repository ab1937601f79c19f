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
export interface Joined<TJoined> {
  readonly [joinedBrand]: (table: TJoined) => TJoined;
}

/** A table added by `leftJoin()`: the select accepts its expressions; its columns are `| null` in rows. */
export interface LeftJoined<TJoined> {
  readonly [leftJoinedBrand]: (table: TJoined) => TJoined;
}

/** The table classes whose expressions a select over `T` (its table and joined tables) accepts. */
export type RootTable<TTable> = TTable extends Joined<infer J> ? J : TTable extends LeftJoined<infer J> ? J : TTable;

/** A condition on any table of the select (distributed, since conditions are typed by one table each). */
export type RootCondition<TTable> = (TTable extends Joined<infer J>
  ? Condition<J>
  : TTable extends LeftJoined<infer J>
    ? Condition<J>
    : Condition<TTable>) & { readonly $window?: never };

/** An expression of any table of the select. */
export type RootExpression<TTable, TValue = unknown> =
  TTable extends Joined<infer J>
    ? Expression<TValue, J>
    : TTable extends LeftJoined<infer J>
      ? Expression<TValue, J>
      : Expression<TValue, TTable>;

/** An ORDER BY item of any table of the select. */
export type RootOrderItem<TTable> =
  TTable extends Joined<infer J> ? OrderItem<J> : TTable extends LeftJoined<infer J> ? OrderItem<J> : OrderItem<TTable>;

/** Something selectable from any table of the select. */
export type RootSelectable<TTable> =
  TTable extends Joined<infer J>
    ? Selectable<J>
    : TTable extends LeftJoined<infer J>
      ? Selectable<J>
      : Selectable<TTable>;

/** The select's own table, without the joined ones. */
export type BaseTable<TTable> =
  TTable extends Joined<infer _J> ? never : TTable extends LeftJoined<infer _J> ? never : TTable;

type RootOf<TColumn> = TColumn extends { readonly $rootType: (root: infer X) => unknown } ? X : never;

/** A selected value's type: `| null` when it is a column (not an aggregate) of a left-joined table. */
type JoinedValue<TTable, TColumn extends SelectedItem> = "$aggregate" extends keyof TColumn
  ? TColumn["$type"]
  : 0 extends 1 & RootOf<TColumn>
    ? TColumn["$type"]
    : LeftJoined<RootOf<TColumn>> extends TTable
      ? TColumn["$type"] | null
      : TColumn["$type"];

/** The row type of a selection from a select with joins. */
export type JoinedRowOf<TTable, TSelection extends readonly SelectedItem[]> = Plain<{
  [C in TSelection[number] as C["$key"]]: JoinedValue<TTable, C>;
}>;

/** A table class as `join()` takes it: its row type is read from the phantom every `Table<T>()` has. */
export interface JoinTarget<TJoined> {
  readonly $rowType?: (row: TJoined) => TJoined;
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
