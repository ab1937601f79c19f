import { typedParam } from "./typed-param";
import type { ColumnType } from "../columns/column-type";
import { textProblem } from "../columns/coercers";
import type { NumericBrand } from "../columns/numeric";
import { invalidValue, notAColumn, operatorNotForColumn } from "../errors/factories";
import type { CompoundNode, ExpressionNode, SelectNode, ValueNode } from "../sql/ast/nodes";
import type { Decoder } from "../sql/dialects/dialect";
import type { TableMeta } from "../table/metadata";
import {
  Condition,
  Expression,
  OrderItem,
  mergeJoins,
  rootOf,
  type BoundParams,
  type JoinStep,
  type ParamCondition,
} from "./expression";
import type { ParamRef } from "./param";

/** A single-column select usable as `x IN (SELECT …)`: `Band.select(Band.c.manager)`. */
export interface Subquery<TValue> {
  /** Phantom: the type of the selected column. */
  readonly $subqueryType?: TValue;
  /** The SELECT (or compound) node, for the outer query's compiler. */
  toSubqueryNode(options?: { anyColumns?: boolean }): SelectNode | CompoundNode;
}

function isSubquery(value: unknown): value is Subquery<unknown> {
  return typeof (value as Subquery<unknown> | null)?.toSubqueryNode === "function";
}

/**
 * The value types with arithmetic: numbers, bigints and `Numeric` fields (whose brand a plain
 * string lacks, so text, dates, booleans, JSON and arrays have no plus/minus/times/divide).
 */
export type ArithmeticValue = number | bigint | null | { readonly [K in NumericBrand]?: true };

/** A number or bigint expression, which every arithmetic operator also takes (`price.times(Item.c.qty)`). */
export type NumberExpression<Root> = Expression<number | bigint | null, Root>;

/** Value kinds with arithmetic; intervals add and subtract only. */
const arithmeticKinds = ["integer", "bigint", "smallint", "real", "double", "numeric"];

/**
 * What comparisons accept: a value of the expression's type, or another expression of it
 * (nullable too: `name.eq(Band.c.manager.name)`).
 */
export type Operand<TValue, Root> = TValue | Expression<TValue | null, Root>;

/** The method behind each operator, for error messages. */
const operatorMethods = {
  "=": "eq",
  "<>": "ne",
  ">": "gt",
  ">=": "gte",
  "<": "lt",
  "<=": "lte",
  "+": "plus",
  "-": "minus",
  "*": "times",
  "/": "divide",
} as const;

/** The members every Scalar has, whatever its kind: comparisons, `isIn`, `isNull`, ordering, `as()`. */
export class ScalarBase<TValue, TKey extends string = string, Root = any> extends Expression<TValue, Root> {
  constructor(
    node: ExpressionNode,
    joins: readonly JoinStep[],
    root: TableMeta | undefined,
    readonly $key: TKey,
    readonly $valueType: ColumnType<unknown>,
    /** Overrides the dialect's decoder for this type (e.g. aggregates read as numbers). */
    readonly $decoder?: Decoder,
  ) {
    super(node, joins, root);
  }

  /** The same expression under another name in the result: `Count().as("bands")`. */
  as<TAlias extends string>(alias: TAlias): ScalarMembers<TValue, TAlias, Root> {
    return new ScalarExpression(this.$node, this.$joins, this.$root, alias, this.$valueType, this.$decoder);
  }

  /** A bound parameter checked against this expression's type. */
  protected $value(value: unknown): ValueNode {
    const [table, name] = this.$describe();
    return this.$valueType.valueNode(this.$valueType.checkOperand(value, table, name));
  }

  /** The table and name that error messages use for this expression. */
  protected $describe(): [table: string, name: string] {
    return [this.$root?.tableName ?? "expression", this.$key];
  }

  protected $operand(
    value: Operand<TValue, Root>,
    op: keyof typeof operatorMethods,
  ): { node: ExpressionNode; joins: readonly JoinStep[] } {
    if (value instanceof Expression) {
      rootOf(operatorMethods[op], [this, value]);
      return { node: typedParam(value.$node, this.$valueType), joins: value.$joins };
    }
    return { node: this.$value(value), joins: [] };
  }

  private $compare(op: "=" | "<>" | ">" | ">=" | "<" | "<=", value: Operand<TValue, Root>): Condition<Root> {
    const right = this.$operand(value, op);
    return new Condition(
      { kind: "binary", op, left: this.$node, right: right.node },
      mergeJoins(this.$joins, right.joins),
      this.$root,
    );
  }

  /** `= value`; `eq(null)` is `IS NULL`. */
  eq<TName extends string>(value: ParamRef<TValue, TName>): ParamCondition<Root, TName, TValue>;
  eq(value: Operand<TValue, Root> | null): Condition<Root>;
  eq(value: Operand<TValue, Root> | null): Condition<Root> {
    return value === null ? this.isNull() : this.$compare("=", value);
  }

  /** `<> value`; `ne(null)` is `IS NOT NULL`. */
  ne<TName extends string>(value: ParamRef<TValue, TName>): ParamCondition<Root, TName, TValue>;
  ne(value: Operand<TValue, Root> | null): Condition<Root>;
  ne(value: Operand<TValue, Root> | null): Condition<Root> {
    return value === null ? this.isNotNull() : this.$compare("<>", value);
  }

  /** `> value`. */
  gt<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): ParamCondition<Root, TName, NonNullable<TValue>>;
  gt(value: Operand<NonNullable<TValue>, Root>): Condition<Root>;
  gt(value: Operand<NonNullable<TValue>, Root>): Condition<Root> {
    return this.$compare(">", value);
  }

  /** `>= value`. */
  gte<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): ParamCondition<Root, TName, NonNullable<TValue>>;
  gte(value: Operand<NonNullable<TValue>, Root>): Condition<Root>;
  gte(value: Operand<NonNullable<TValue>, Root>): Condition<Root> {
    return this.$compare(">=", value);
  }

  /** `< value`. */
  lt<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): ParamCondition<Root, TName, NonNullable<TValue>>;
  lt(value: Operand<NonNullable<TValue>, Root>): Condition<Root>;
  lt(value: Operand<NonNullable<TValue>, Root>): Condition<Root> {
    return this.$compare("<", value);
  }

  /** `<= value`. */
  lte<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): ParamCondition<Root, TName, NonNullable<TValue>>;
  lte(value: Operand<NonNullable<TValue>, Root>): Condition<Root>;
  lte(value: Operand<NonNullable<TValue>, Root>): Condition<Root> {
    return this.$compare("<=", value);
  }

  /** `IN (…)` a list (an empty one matches nothing) or a single-column select: `isIn(Manager.select(Manager.c.id).where(…))`. */
  isIn(values: readonly NonNullable<TValue>[] | Subquery<NonNullable<TValue> | null>): Condition<Root> {
    return this.$inList(values, false);
  }

  /** `NOT IN (…)` a list (an empty one matches everything) or a single-column select. */
  notIn(values: readonly NonNullable<TValue>[] | Subquery<NonNullable<TValue> | null>): Condition<Root> {
    return this.$inList(values, true);
  }

  private $inList(values: readonly unknown[] | Subquery<unknown>, negated: boolean): Condition<Root> {
    if (isSubquery(values))
      return new Condition(
        { kind: "inSubquery", left: this.$node, query: values.toSubqueryNode(), negated },
        this.$joins,
        this.$root,
      );
    if (!Array.isArray(values)) throw notAColumn(negated ? "notIn" : "isIn", values);
    return new Condition(
      { kind: "in", left: this.$node, values: values.map((v) => this.$value(v)), negated },
      this.$joins,
      this.$root,
    );
  }

  /** `IS NULL`. */
  isNull(): Condition<Root> {
    return new Condition({ kind: "isNull", operand: this.$node, negated: false }, this.$joins, this.$root);
  }

  /** `IS NOT NULL`. */
  isNotNull(): Condition<Root> {
    return new Condition({ kind: "isNull", operand: this.$node, negated: true }, this.$joins, this.$root);
  }

  /** `BETWEEN low AND high` (inclusive). */
  between(low: NonNullable<TValue>, high: NonNullable<TValue>): Condition<Root> {
    return new Condition(
      { kind: "between", operand: this.$node, low: this.$value(low), high: this.$value(high) },
      this.$joins,
      this.$root,
    );
  }

  /** Ascending order, optionally with `{ nulls: "first" | "last" }`. */
  asc(options: { nulls?: "first" | "last" } = {}): OrderItem<Root> {
    return new OrderItem(this, "asc", options.nulls);
  }

  /** Descending order, optionally with `{ nulls: "first" | "last" }`. */
  desc(options: { nulls?: "first" | "last" } = {}): OrderItem<Root> {
    return new OrderItem(this, "desc", options.nulls);
  }
}

/**
 * The implementation of every Scalar: the operators of every kind. Its public type is `Scalar`,
 * which shows only the operators that apply to the value's kind (text has `like`, numbers `plus`).
 */
export class ScalarExpression<TValue, TKey extends string = string, Root = any>
  extends ScalarBase<TValue, TKey, Root>
  implements TextOperators<TKey, Root>, ArithmeticOperators<TValue, TKey, Root>
{
  /** A bound pattern: any string, since a pattern is not a column value (choices and length do not apply). */
  private $pattern(pattern: unknown): ValueNode {
    if (typeof pattern !== "string") throw invalidValue(...this.$describe(), pattern, "a string pattern");
    return { kind: "value", value: this.$text(pattern) };
  }

  /** Case-sensitive pattern match on both engines (`%` any run, `_` one character); the pattern is bound. */
  like(pattern: string): Condition<Root> {
    return new Condition(
      { kind: "binary", op: "LIKE", left: this.$node, right: this.$pattern(pattern) },
      this.$joins,
      this.$root,
    );
  }

  /** The negation of `like`. */
  notLike(pattern: string): Condition<Root> {
    return new Condition(
      { kind: "binary", op: "NOT LIKE", left: this.$node, right: this.$pattern(pattern) },
      this.$joins,
      this.$root,
    );
  }

  /** Case-insensitive pattern match: ILIKE on PostgreSQL, lower() LIKE lower() on SQLite. */
  ilike(pattern: string): Condition<Root> {
    return new Condition(
      { kind: "ilike", left: this.$node, right: this.$pattern(pattern), negated: false },
      this.$joins,
      this.$root,
    );
  }

  private $arithmetic(
    op: "+" | "-" | "*" | "/",
    value: Operand<NonNullable<TValue>, Root>,
  ): Scalar<TValue, TKey, Root> {
    const kind = this.$valueType.valueKind;
    if (!arithmeticKinds.includes(kind) && !(kind === "interval" && (op === "+" || op === "-"))) {
      const expected = "number, bigint and Numeric (and, for plus and minus, Interval)";
      throw operatorNotForColumn(
        operatorMethods[op],
        ...this.$describe(),
        kind,
        `${expected}; join texts with concat() or Concat()`,
      );
    }
    const right = this.$operand(value, op);
    const node: ExpressionNode = { kind: "binary", op, left: this.$node, right: right.node };
    return new Scalar(node, mergeJoins(this.$joins, right.joins), this.$root, this.$key, this.$valueType);
  }

  /**
   * Text followed by more text, for `select()`, `where()` and `update()`: `Band.c.name.concat("!!!")`
   * (NULL counts as empty text, as in `Concat()`) — PostgreSQL and SQLite `(coalesce("name", '') || coalesce($1, ''))`.
   */
  concat(...parts: readonly (ScalarMembers<unknown, string, Root> | string | number)[]): Scalar<string, TKey, Root> {
    const kind = this.$valueType.valueKind;
    if (kind !== "varchar" && kind !== "text")
      throw operatorNotForColumn("concat", ...this.$describe(), kind, "Varchar, Text and other text");
    if (parts.length === 0) throw notAColumn("concat (at least one text, number or expression)", parts);
    const nodes: ExpressionNode[] = [this.$node];
    const joins: (readonly JoinStep[])[] = [this.$joins];
    for (const part of parts) {
      if (part instanceof Expression) {
        rootOf("concat", [this, part]);
        nodes.push(part.$node);
        joins.push(part.$joins);
      } else if (typeof part === "string" || typeof part === "number") {
        nodes.push({ kind: "value", value: typeof part === "string" ? this.$text(part) : part });
      } else {
        throw notAColumn("concat (a text, a number or an expression)", part);
      }
    }
    return new ScalarExpression(
      { kind: "concat", args: nodes },
      mergeJoins(...joins),
      this.$root,
      this.$key,
      this.$valueType,
    );
  }

  /** A text operand checked for what no database stores faithfully (lone surrogates, NUL). */
  private $text(text: string): string {
    const problem = textProblem(text);
    if (problem !== undefined) throw invalidValue(...this.$describe(), text, problem);
    return text;
  }

  /**
   * `column + value`, e.g. in `Band.update({ popularity: Band.c.popularity.plus(1) })`. Only on
   * number, bigint and `Numeric` fields (text joins with `concat()`); elsewhere a type error, and
   * an error when reached anyway.
   */
  plus(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root> {
    return this.$arithmetic("+", value as Operand<NonNullable<TValue>, Root>);
  }

  /** `column - value`. */
  minus(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root> {
    return this.$arithmetic("-", value as Operand<NonNullable<TValue>, Root>);
  }

  /** `column * value`. */
  times(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root> {
    return this.$arithmetic("*", value as Operand<NonNullable<TValue>, Root>);
  }

  /** `column / value`. */
  divide(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root> {
    return this.$arithmetic("/", value as Operand<NonNullable<TValue>, Root>);
  }
}

/** The operators only text has: `Band.c.name.like("P%")`; a number column has none of them. */
export interface TextOperators<TKey extends string, Root> {
  /** Case-sensitive pattern match on both engines (`%` any run, `_` one character); the pattern is bound. */
  like(pattern: string): Condition<Root>;
  /** The negation of `like`. */
  notLike(pattern: string): Condition<Root>;
  /** Case-insensitive pattern match: ILIKE on PostgreSQL, lower() LIKE lower() on SQLite. */
  ilike(pattern: string): Condition<Root>;
  /**
   * Text followed by more text, for `select()`, `where()` and `update()`: `Band.c.name.concat("!!!")`
   * (NULL counts as empty text, as in `Concat()`) — PostgreSQL and SQLite `(coalesce("name", '') || coalesce($1, ''))`.
   */
  concat(...parts: readonly (Expression<unknown, Root> | string | number)[]): Scalar<string, TKey, Root>;
}

/** The operators only numbers, bigints and `Numeric` fields have (text joins with `concat()`). */
export interface ArithmeticOperators<TValue, TKey extends string, Root> {
  /** `column + value`, e.g. in `Band.update({ popularity: Band.c.popularity.plus(1) })`. */
  plus<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): Scalar<TValue, TKey, Root> & BoundParams<{ readonly [TParam in TName]: NonNullable<TValue> }>;
  plus(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root>;
  /** `column - value`. */
  minus<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): Scalar<TValue, TKey, Root> & BoundParams<{ readonly [TParam in TName]: NonNullable<TValue> }>;
  minus(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root>;
  /** `column * value`. */
  times<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): Scalar<TValue, TKey, Root> & BoundParams<{ readonly [TParam in TName]: NonNullable<TValue> }>;
  times(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root>;
  /** `column / value`. */
  divide<TName extends string>(
    value: ParamRef<NonNullable<TValue>, TName>,
  ): Scalar<TValue, TKey, Root> & BoundParams<{ readonly [TParam in TName]: NonNullable<TValue> }>;
  divide(value: Operand<NonNullable<TValue>, Root> | NumberExpression<Root>): Scalar<TValue, TKey, Root>;
}

/** The members every Scalar has, whatever its kind (the public face of ScalarBase, named for hovers). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a named interface reads better on hover than the class
export interface ScalarMembers<TValue, TKey extends string = string, Root = any> extends ScalarBase<
  TValue,
  TKey,
  Root
> {}

type IsAny<TValue> = 0 extends 1 & TValue ? true : false;

/** The operators of a value type's kind: arithmetic for numbers and `Numeric`, pattern matching for text, else none. */
export type KindOperators<TValue, TKey extends string, Root> =
  IsAny<TValue> extends true
    ? unknown
    : [TValue] extends [ArithmeticValue]
      ? ArithmeticOperators<TValue, TKey, Root>
      : [TValue] extends [string | null]
        ? TextOperators<TKey, Root>
        : unknown;

/**
 * A typed value expression — a column, a function such as `Upper(Band.c.name)`, an aggregate such
 * as `Count()` — that can be selected (under `$key`), compared in `where` and ordered by; text has
 * `like`/`ilike`/`concat`, numbers `plus`/`minus`/`times`/`divide`, and no kind shows the others'.
 */
export type Scalar<TValue, TKey extends string = string, Root = any> = ScalarMembers<TValue, TKey, Root> &
  KindOperators<TValue, TKey, Root>;

/** Builds a Scalar (typed by its value's kind); `instanceof Scalar` is true of every Scalar. Subclasses extend ScalarExpression. */
export const Scalar = ScalarExpression as unknown as new <TValue, TKey extends string = string, Root = any>(
  ...args: ConstructorParameters<typeof ScalarExpression>
) => Scalar<TValue, TKey, Root>;
