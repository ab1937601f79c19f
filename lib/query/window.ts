import { DoublePrecision } from "../columns/double-precision";
import type { ColumnType } from "../columns/column-type";
import { assertKnownOptions, invalidWindowOffset, notAnExpression, windowNotAllowed } from "../errors/factories";
import type { ExpressionNode, FunctionNode, OrderByNode } from "../sql/ast/nodes";
import type { Decoder } from "../sql/dialects/dialect";
import { type Condition, Expression, OrderItem, mergeJoins, rootOf } from "./expression";
import { Scalar, ScalarExpression, type ScalarMembers, type Operand, type Subquery } from "./scalar";

// Window functions: RowNumber(), Rank(), DenseRank(), Lag(), Lead() and the aggregates' over().
// Each is a Scalar over a `window` node; dialects spell `fn(…) OVER (PARTITION BY … ORDER BY …)`.

/** The window a function runs over: rows sharing the partition values, in this order. */
export interface WindowSpec<TRoot> {
  readonly partitionBy?: readonly Expression<unknown, TRoot>[];
  readonly orderBy?: readonly (Expression<unknown, TRoot> | OrderItem<TRoot>)[];
}

/** A condition on a window function's value: SQL computes windows after WHERE and HAVING, so neither takes it. */
export type WindowCondition<TRoot> = {
  readonly $window: true;
  and(...others: Condition<TRoot>[]): WindowCondition<TRoot>;
  or(...others: Condition<TRoot>[]): WindowCondition<TRoot>;
} & Condition<TRoot>;

/** A window's comparisons, which give WindowConditions (first in `Window`, so they win over Scalar's). */
export interface WindowComparisons<TValue, TRoot> {
  eq(value: Operand<TValue, TRoot> | null): WindowCondition<TRoot>;
  ne(value: Operand<TValue, TRoot> | null): WindowCondition<TRoot>;
  gt(value: Operand<NonNullable<TValue>, TRoot>): WindowCondition<TRoot>;
  gte(value: Operand<NonNullable<TValue>, TRoot>): WindowCondition<TRoot>;
  lt(value: Operand<NonNullable<TValue>, TRoot>): WindowCondition<TRoot>;
  lte(value: Operand<NonNullable<TValue>, TRoot>): WindowCondition<TRoot>;
  isIn(values: readonly NonNullable<TValue>[] | Subquery<NonNullable<TValue> | null>): WindowCondition<TRoot>;
  notIn(values: readonly NonNullable<TValue>[] | Subquery<NonNullable<TValue> | null>): WindowCondition<TRoot>;
  isNull(): WindowCondition<TRoot>;
  isNotNull(): WindowCondition<TRoot>;
  between(low: NonNullable<TValue>, high: NonNullable<TValue>): WindowCondition<TRoot>;
  /** The same window function under another name: still a window, whose conditions where() refuses. */
  as<TAlias extends string>(alias: TAlias): WindowComparisons<TValue, TRoot> & ScalarMembers<TValue, TAlias, TRoot>;
}

/**
 * A window function's value per row: selectable (with `.as()`) and usable in orderBy, but not in
 * where/having (SQL computes windows after both: its conditions are WindowConditions) nor as an
 * `update()` value.
 */
export type Window<TValue, TKey extends string = string, TRoot = any> = WindowComparisons<TValue, TRoot> &
  Scalar<TValue, TKey, TRoot> & {
    readonly $aggregate?: true;
    /** The same function over another window, whose columns give a table-less function (RowNumber()) its table. */
    over<TWindowRoot extends TRoot>(spec: WindowSpec<TWindowRoot>): Window<TValue, TKey, TWindowRoot>;
  };

const numberType = DoublePrecision() as ColumnType<unknown>;
/** Row numbers and ranks are bigints on PostgreSQL: read as JS numbers on both engines. */
const toNumber: Decoder = (v) => (v === null ? null : Number(v));

/** A function over a window; `over()` gives the same function over another window. */
export class WindowScalar<TValue, TKey extends string, TRoot> extends ScalarExpression<TValue, TKey, TRoot> {
  constructor(
    private readonly fn: FunctionNode,
    /** The expressions among the function's arguments, whose table and joins the window keeps. */
    private readonly sources: readonly Expression<unknown>[],
    key: TKey,
    type: ColumnType<unknown>,
    decoder: Decoder | undefined,
    spec: WindowSpec<TRoot> = {},
  ) {
    const window = windowOf(spec);
    const all = [...sources, ...window.expressions];
    const node: ExpressionNode = { kind: "window", fn, partitionBy: window.partitionBy, orderBy: window.orderBy };
    super(node, mergeJoins(...all.map((e) => e.$joins)), rootOf("over", all), key, type, decoder);
  }

  /**
   * The function over the rows sharing `partitionBy`'s values, in `orderBy`'s order.
   * @example
   * Band.select(Band.c.name, RowNumber().over({ partitionBy: [Band.c.manager], orderBy: [Band.c.popularity.desc()] }).as("n"))
   * // postgres: SELECT "band"."name", row_number() OVER (PARTITION BY "band"."manager" ORDER BY "band"."popularity"
   * //           DESC) AS "n" FROM "band"
   * // sqlite:   SELECT "band"."name", row_number() OVER (PARTITION BY "band"."manager" ORDER BY "band"."popularity"
   * //           DESC) AS "n" FROM "band"
   */
  over<TWindowRoot extends TRoot>(spec: WindowSpec<TWindowRoot>): Window<TValue, TKey, TWindowRoot> {
    const window = new WindowScalar<TValue, TKey, TWindowRoot>(
      this.fn,
      this.sources,
      this.$key,
      this.$valueType,
      this.$decoder,
      spec,
    );
    return asWindow(window);
  }
}

/** An aggregate (Count, Sum, …) that `over()` turns into a window function. */
export class AggregateScalar<TValue, TKey extends string, TRoot> extends ScalarExpression<TValue, TKey, TRoot> {
  /**
   * The aggregate over a window instead of a group: each row keeps its own values and gets its window's aggregate.
   * @example
   * Band.select(Band.c.name, Sum(Band.c.popularity).over({ partitionBy: [Band.c.manager] }).as("total"))
   * // postgres: SELECT "band"."name", sum("band"."popularity") OVER (PARTITION BY "band"."manager") AS "total" FROM "band"
   * // sqlite:   SELECT "band"."name", sum("band"."popularity") OVER (PARTITION BY "band"."manager") AS "total" FROM "band"
   */
  over<TWindowRoot extends TRoot>(spec: WindowSpec<TWindowRoot>): Window<TValue, TKey, TWindowRoot> {
    const fn = this.$node as FunctionNode;
    return asWindow(
      new WindowScalar<TValue, TKey, TWindowRoot>(fn, [this], this.$key, this.$valueType, this.$decoder, spec),
    );
  }
}

/** A window function typed as one: its conditions are WindowConditions (a phantom mark, nothing at run time). */
function asWindow<TValue, TKey extends string, TRoot>(
  scalar: WindowScalar<TValue, TKey, TRoot>,
): Window<TValue, TKey, TRoot> {
  return scalar as unknown as Window<TValue, TKey, TRoot>;
}

function windowOf<TRoot>(spec: WindowSpec<TRoot>): {
  partitionBy: ExpressionNode[];
  orderBy: OrderByNode[];
  expressions: Expression<unknown>[];
} {
  assertKnownOptions("over()", spec, ["partitionBy", "orderBy"]);
  const partition = [...(spec.partitionBy ?? [])];
  const order = (spec.orderBy ?? []).map((o) => (o instanceof OrderItem ? o : new OrderItem(o, "asc", undefined)));
  for (const e of [...partition, ...order.map((o) => o.expression)])
    if (!(e instanceof Expression)) throw notAnExpression("over");
  return {
    partitionBy: partition.map((e) => e.$node),
    orderBy: order.map((o) => o.node),
    expressions: [...partition, ...order.map((o) => o.expression)],
  };
}

function ranking<TKey extends string>(name: string, key: TKey): Window<number, TKey, any> {
  return asWindow(new WindowScalar({ kind: "function", name, args: [] }, [], key, numberType, toNumber));
}

/**
 * The row's number in its window, from 1. Key "rowNumber".
 * @example
 * Band.select(Band.c.name, RowNumber().over({ orderBy: [Band.c.name] }))
 * // postgres: SELECT "band"."name", row_number() OVER (ORDER BY "band"."name" ASC) AS "rowNumber" FROM "band"
 * // sqlite:   SELECT "band"."name", row_number() OVER (ORDER BY "band"."name" ASC) AS "rowNumber" FROM "band"
 */
export function RowNumber(): Window<number, "rowNumber"> {
  return ranking("row_number", "rowNumber");
}

/**
 * The row's rank in its window by the window's order, with gaps after ties (1, 1, 3). Key "rank".
 * @example
 * Band.select(Band.c.name, Rank().over({ orderBy: [Band.c.popularity.desc()] }))
 * // postgres: SELECT "band"."name", rank() OVER (ORDER BY "band"."popularity" DESC) AS "rank" FROM "band"
 * // sqlite:   SELECT "band"."name", rank() OVER (ORDER BY "band"."popularity" DESC) AS "rank" FROM "band"
 */
export function Rank(): Window<number, "rank"> {
  return ranking("rank", "rank");
}

/**
 * The row's rank in its window without gaps after ties (1, 1, 2). Key "denseRank".
 * @example
 * Band.select(Band.c.name, DenseRank().over({ orderBy: [Band.c.popularity.desc()] }))
 * // postgres: SELECT "band"."name", dense_rank() OVER (ORDER BY "band"."popularity" DESC) AS "denseRank" FROM "band"
 * // sqlite:   SELECT "band"."name", dense_rank() OVER (ORDER BY "band"."popularity" DESC) AS "denseRank" FROM "band"
 */
export function DenseRank(): Window<number, "denseRank"> {
  return ranking("dense_rank", "denseRank");
}

function shifted<TKey extends string>(
  name: "lag" | "lead",
  key: TKey,
  fnName: string,
  expr: unknown,
  offset: number,
  fallback: unknown,
): Window<any, TKey, any> {
  if (!(expr instanceof Scalar)) throw notAnExpression(fnName);
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalidWindowOffset(fnName, offset);
  const type = expr.$valueType;
  const args: ExpressionNode[] = [expr.$node, { kind: "value", value: offset }];
  if (fallback !== undefined) args.push(type.valueNode(type.checkOperand(fallback, fnName, "default")));
  return asWindow(new WindowScalar({ kind: "function", name, args }, [expr], key, type, expr.$decoder));
}

/**
 * The expression's value `offset` rows (default 1) before this one in the window's order; null
 * (or `fallback`) when there is no such row. Key "lag".
 * @example
 * Band.select(Band.c.name, Lag(Band.c.name).over({ orderBy: [Band.c.popularity] }).as("previous"))
 * // postgres: SELECT "band"."name", lag("band"."name", $1) OVER (ORDER BY "band"."popularity" ASC) AS "previous" FROM "band"
 * // sqlite:   SELECT "band"."name", lag("band"."name", ?) OVER (ORDER BY "band"."popularity" ASC) AS "previous" FROM "band"
 */
export function Lag<TValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  offset?: number,
): Window<TValue | null, "lag", TRoot>;
export function Lag<TValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  offset: number,
  fallback: NonNullable<TValue>,
): Window<TValue, "lag", TRoot>;
export function Lag(expr: unknown, offset = 1, fallback?: unknown): Window<unknown, "lag"> {
  return shifted("lag", "lag", "Lag", expr, offset, fallback);
}

/**
 * The expression's value `offset` rows (default 1) after this one in the window's order; null
 * (or `fallback`) when there is no such row. Key "lead".
 * @example
 * Band.select(Band.c.name, Lead(Band.c.popularity, 1, 0).over({ orderBy: [Band.c.popularity] }).as("next"))
 * // postgres: SELECT "band"."name", lead("band"."popularity", $1, $2) OVER (ORDER BY "band"."popularity" ASC) AS "next" FROM "band"
 * // sqlite:   SELECT "band"."name", lead("band"."popularity", ?, ?) OVER (ORDER BY "band"."popularity" ASC) AS "next" FROM "band"
 */
export function Lead<TValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  offset?: number,
): Window<TValue | null, "lead", TRoot>;
export function Lead<TValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  offset: number,
  fallback: NonNullable<TValue>,
): Window<TValue, "lead", TRoot>;
export function Lead(expr: unknown, offset = 1, fallback?: unknown): Window<unknown, "lead"> {
  return shifted("lead", "lead", "Lead", expr, offset, fallback);
}

/** Whether a condition holds a window function (outside subqueries, which compute their own). */
export function containsWindow(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  if (Array.isArray(node)) return node.some(containsWindow);
  const kind = (node as { kind?: unknown }).kind;
  if (kind === "window") return true;
  if (kind === "select" || kind === "value" || kind === "column") return false;
  // The common `column op value` condition, without making an array of its fields (BinaryNode).
  if (kind === "binary") {
    const binary = node as { left: unknown; right: unknown };
    return containsWindow(binary.left) || containsWindow(binary.right);
  }
  return Object.values(node).some(containsWindow);
}

/** Refuses window functions in where() and having(). */
export function assertNoWindow(method: string, node: ExpressionNode): void {
  if (containsWindow(node)) throw windowNotAllowed(method);
}
