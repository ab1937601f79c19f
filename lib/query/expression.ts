import type { ExpressionNode, JoinNode, OrderByNode } from "../sql/ast/nodes";
import { foreignColumn } from "../errors/factories";
import type { TableMeta } from "../table/metadata";
import type { WindowCondition } from "./window";

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

/** Phantom of a condition comparing with `Param()`s: the values `bind()` then takes, by name. */
export interface BoundParams<TValues> {
  readonly $bound?: TValues;
}

/** A comparison with a `Param()`: `bind()` takes its value under its name. */
export type ParamCondition<Root, TName extends string, TValue> = Condition<Root> &
  BoundParams<{ readonly [TKey in TName]: TValue }>;

/** The parameters' values the conditions compare with, all in one record (`unknown` when none has a `Param()`). */
export type ParamsOf<TConditions> = IntersectionOf<
  TConditions extends { readonly $bound?: infer TValues } ? (unknown extends TValues ? never : TValues) : never
>;

/** The intersection of a union's members (`unknown` for `never`). */
export type IntersectionOf<TUnion> = (TUnion extends unknown ? (values: TUnion) => void : never) extends (
  values: infer TAll,
) => void
  ? TAll
  : never;

/**
 * What combining conditions gives: a WindowCondition if any is one (so where() still refuses it), with
 * the parameters of them all.
 */
export type Combined<TConditions, Root> = ([Extract<TConditions, { readonly $window: true }>] extends [never]
  ? Condition<Root>
  : WindowCondition<Root>) &
  (unknown extends ParamsOf<TConditions> ? unknown : BoundParams<ParamsOf<TConditions>>);

/** One condition or more, of one table. */
type Conditions<Root> = [Condition<Root>, ...Condition<Root>[]];

/** A boolean expression for `where`, combinable with `and()`, `or()` and `not()`. */
export class Condition<Root = any> extends Expression<boolean, Root> {
  /** This condition and all of the others. */
  and<TOthers extends Condition<Root>[]>(...others: TOthers): Combined<this | TOthers[number], Root> {
    return and(this, ...others) as Combined<this | TOthers[number], Root>;
  }

  /** This condition or any of the others. */
  or<TOthers extends Condition<Root>[]>(...others: TOthers): Combined<this | TOthers[number], Root> {
    return or(this, ...others) as Combined<this | TOthers[number], Root>;
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
export function and<Root, TItems extends Conditions<Root>>(
  ...items: TItems & Conditions<Root>
): Combined<TItems[number], Root> {
  return combine("and", items) as Combined<TItems[number], Root>;
}

/**
 * Any of the conditions: `or(Band.c.name.eq("A"), Band.c.name.eq("B"))`.
 * @example
 * Band.select(Band.c.name).where(or(Band.c.name.eq("A"), Band.c.manager.isNull()))
 * // postgres: SELECT "band"."name" FROM "band" WHERE ("band"."name" = $1) OR ("band"."manager" IS NULL)
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE ("band"."name" = ?) OR ("band"."manager" IS NULL)
 */
export function or<Root, TItems extends Conditions<Root>>(
  ...items: TItems & Conditions<Root>
): Combined<TItems[number], Root> {
  return combine("or", items) as Combined<TItems[number], Root>;
}

/**
 * The negation of a condition: `not(Band.c.name.eq("A"))`.
 * @example
 * Band.select(Band.c.name).where(not(Band.c.name.eq("A")))
 * // postgres: SELECT "band"."name" FROM "band" WHERE NOT ("band"."name" = $1)
 * // sqlite:   SELECT "band"."name" FROM "band" WHERE NOT ("band"."name" = ?)
 */
export function not<Root, TCondition extends Condition<Root>>(
  condition: TCondition & Condition<Root>,
): Combined<TCondition, Root> {
  const negated = new Condition({ kind: "not", operand: condition.$node }, condition.$joins, condition.$root);
  return negated as Combined<TCondition, Root>;
}
