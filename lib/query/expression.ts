import type { ExpressionNode, JoinNode, OrderByNode } from "../sql/ast/nodes";
import { foreignColumn } from "../errors/factories";
import type { TableMeta } from "../table/metadata";

/** One foreign-key hop of a column path: `Band.c.manager` joins manager AS band$manager. */
export interface JoinStep {
  readonly alias: string;
  readonly node: JoinNode;
  readonly depth: number;
}

/**
 * A typed SQL expression: a node tree plus the joins it needs and the table it belongs to.
 * `$type` (the JS type of the value) and `$rootType` (the table class whose queries accept it)
 * are phantoms for typing; `$rootType` is a function type so that tables match exactly.
 */
export class Expression<TValue, Root = any> {
  declare readonly $type: TValue;
  declare readonly $rootType: (root: Root) => Root;

  constructor(
    readonly $node: ExpressionNode,
    readonly $joins: readonly JoinStep[],
    /** The table whose query this expression can appear in (undefined: any). */
    readonly $root: TableMeta | undefined,
  ) {}
}

/**
 * An expression that fits a query of any table (a `Param()`, an `Outer()` column): its phantom is generic,
 * so it matches every table's `(root: Root) => Root`.
 */
export class FreeExpression<TValue> extends Expression<TValue, unknown> {
  declare readonly $rootType: <TRoot>(root: TRoot) => TRoot;
}

/** A boolean expression for `where`, combinable with `and()`, `or()` and `not()`. */
export class Condition<Root = any> extends Expression<boolean, Root> {
  /** This condition and all of the others. */
  and(...others: Condition<Root>[]): Condition<Root> {
    return and(this, ...others);
  }

  /** This condition or any of the others. */
  or(...others: Condition<Root>[]): Condition<Root> {
    return or(this, ...others);
  }
}

/** An ORDER BY item made by `column.asc()` / `column.desc()`. */
export class OrderItem<Root = any> {
  declare readonly $rootType: (root: Root) => Root;

  constructor(
    readonly expression: Expression<unknown, Root>,
    readonly direction: "asc" | "desc",
    readonly nulls: "first" | "last" | undefined,
  ) {}

  /** The node, for the compiler. */
  get node(): OrderByNode {
    return { expr: this.expression.$node, direction: this.direction, nulls: this.nulls };
  }
}

/** Joins needed by several expressions, parents before children, each once. */
export function mergeJoins(...lists: (readonly JoinStep[])[]): JoinStep[] {
  // Most conditions are on the table's own columns: nothing to merge.
  if (lists.every((list) => list.length === 0)) return [];
  const byAlias = new Map<string, JoinStep>();
  for (const list of lists) for (const step of list) byAlias.set(step.alias, step);
  return [...byAlias.values()].sort((a, b) => a.depth - b.depth);
}

/** The one table the expressions belong to; columns of two tables cannot meet in one query. */
export function rootOf(method: string, items: readonly Expression<unknown>[]): TableMeta | undefined {
  const root = items.find((i) => i.$root !== undefined)?.$root;
  const other = items.find((i) => i.$root !== undefined && i.$root !== root)?.$root;
  if (root !== undefined && other !== undefined) throw foreignColumn(method, root.className, other.className);
  return root;
}

function combine(kind: "and" | "or", items: Condition[]): Condition {
  if (items.length === 1) return items[0]!;
  return new Condition(
    { kind, items: items.map((i) => i.$node) },
    mergeJoins(...items.map((i) => i.$joins)),
    rootOf(kind, items),
  );
}

/**
 * All of the conditions: `and(Band.c.popularity.gt(100), Band.c.name.like("P%"))`.
 * @example
 * Band.select(Band.c.name).where(and(Band.c.popularity.gt(100), Band.c.name.like("P%")))
 * // postgres: SELECT "band"."name" FROM "band" WHERE ("band"."popularity" > $1) AND ("band"."name" LIKE $2)
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE ("band"."popularity" > ?) AND ("band"."name" LIKE ?)
 */
export function and<Root>(first: Condition<Root>, ...rest: Condition<Root>[]): Condition<Root> {
  return combine("and", [first, ...rest]);
}

/**
 * Any of the conditions: `or(Band.c.name.eq("A"), Band.c.name.eq("B"))`.
 * @example
 * Band.select(Band.c.name).where(or(Band.c.name.eq("A"), Band.c.manager.isNull()))
 * // postgres: SELECT "band"."name" FROM "band" WHERE ("band"."name" = $1) OR ("band"."manager" IS NULL)
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE ("band"."name" = ?) OR ("band"."manager" IS NULL)
 */
export function or<Root>(first: Condition<Root>, ...rest: Condition<Root>[]): Condition<Root> {
  return combine("or", [first, ...rest]);
}

/**
 * The negation of a condition: `not(Band.c.name.eq("A"))`.
 * @example
 * Band.select(Band.c.name).where(not(Band.c.name.eq("A")))
 * // postgres: SELECT "band"."name" FROM "band" WHERE NOT ("band"."name" = $1)
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE NOT ("band"."name" = ?)
 */
export function not<Root>(condition: Condition<Root>): Condition<Root> {
  return new Condition({ kind: "not", operand: condition.$node }, condition.$joins, condition.$root);
}
