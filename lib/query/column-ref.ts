import type { ColumnMeta, TableMeta } from "../table/metadata";
import { invalidValue, notAColumn } from "../errors/factories";
import type { ExpressionNode, ValueNode } from "../sql/ast/nodes";
import { Condition, Expression, OrderItem, mergeJoins, rootOf, type JoinStep } from "./expression";

/** What comparisons accept: a value of the column's type, or another expression. */
export type Operand<V, Root = any> = V | Expression<V, Root>;

/** The method behind each operator, for error messages. */
const operatorMethods = { "=": "eq", "<>": "ne", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte", "+": "plus", "-": "minus", "*": "times", "/": "divide" } as const;

/**
 * A column reached through a table's accessor (`Band.c.name`, `Band.c.manager.name`). It builds
 * conditions, order items, aliases and arithmetic; `$key` is its name in result rows.
 */
export class ColumnRef<V, K extends string = string, Root = any> extends Expression<V, Root> {
  constructor(
    readonly $column: ColumnMeta,
    /** The table the column belongs to (the end of the path). */
    readonly $table: TableMeta,
    readonly $key: K,
    node: ExpressionNode,
    joins: readonly JoinStep[],
    root: TableMeta,
  ) {
    super(node, joins, root);
  }

  /** The same column under another name in the result: `Band.c.popularity.as("pop")`. */
  as<A extends string>(alias: A): ColumnRef<V, A, Root> {
    return new ColumnRef(this.$column, this.$table, alias, this.$node, this.$joins, this.$root!);
  }

  /** A bound parameter checked against this column's type. */
  protected $value(value: unknown): ValueNode {
    const checked = this.$column.type.checkOperand(value, this.$table.tableName, this.$column.property);
    return { kind: "value", value: checked, type: this.$column.type };
  }

  private $operand(value: Operand<V, Root>, op: keyof typeof operatorMethods): { node: ExpressionNode; joins: readonly JoinStep[] } {
    if (value instanceof Expression) {
      rootOf(operatorMethods[op], [this, value]);
      return { node: value.$node, joins: value.$joins };
    }
    return { node: this.$value(value), joins: [] };
  }

  private $compare(op: "=" | "<>" | ">" | ">=" | "<" | "<=", value: Operand<V, Root>): Condition<Root> {
    const right = this.$operand(value, op);
    return new Condition({ kind: "binary", op, left: this.$node, right: right.node }, mergeJoins(this.$joins, right.joins), this.$root);
  }

  /** `= value`; `eq(null)` is `IS NULL`. */
  eq(value: Operand<V, Root> | null): Condition<Root> {
    return value === null ? this.isNull() : this.$compare("=", value);
  }

  /** `<> value`; `ne(null)` is `IS NOT NULL`. */
  ne(value: Operand<V, Root> | null): Condition<Root> {
    return value === null ? this.isNotNull() : this.$compare("<>", value);
  }

  /** `> value`. */
  gt(value: Operand<NonNullable<V>, Root>): Condition<Root> {
    return this.$compare(">", value as Operand<V, Root>);
  }

  /** `>= value`. */
  gte(value: Operand<NonNullable<V>, Root>): Condition<Root> {
    return this.$compare(">=", value as Operand<V, Root>);
  }

  /** `< value`. */
  lt(value: Operand<NonNullable<V>, Root>): Condition<Root> {
    return this.$compare("<", value as Operand<V, Root>);
  }

  /** `<= value`. */
  lte(value: Operand<NonNullable<V>, Root>): Condition<Root> {
    return this.$compare("<=", value as Operand<V, Root>);
  }

  /** A bound pattern: any string, since a pattern is not a column value (choices and length do not apply). */
  private $pattern(pattern: unknown): ValueNode {
    if (typeof pattern !== "string") throw invalidValue(this.$table.tableName, this.$column.property, pattern, "a string pattern");
    return { kind: "value", value: pattern };
  }

  /** Case-sensitive pattern match on both engines (`%` any run, `_` one character); the pattern is bound. */
  like(this: ColumnRef<string | null, string, Root>, pattern: string): Condition<Root> {
    return new Condition({ kind: "binary", op: "LIKE", left: this.$node, right: this.$pattern(pattern) }, this.$joins, this.$root);
  }

  /** The negation of `like`. */
  notLike(this: ColumnRef<string | null, string, Root>, pattern: string): Condition<Root> {
    return new Condition({ kind: "binary", op: "NOT LIKE", left: this.$node, right: this.$pattern(pattern) }, this.$joins, this.$root);
  }

  /** Case-insensitive pattern match: ILIKE on PostgreSQL, lower() LIKE lower() on SQLite. */
  ilike(this: ColumnRef<string | null, string, Root>, pattern: string): Condition<Root> {
    return new Condition({ kind: "ilike", left: this.$node, right: this.$pattern(pattern), negated: false }, this.$joins, this.$root);
  }

  /** `IN (…)`; an empty list matches nothing. */
  isIn(values: readonly NonNullable<V>[]): Condition<Root> {
    return this.$inList(values, false);
  }

  /** `NOT IN (…)`; an empty list matches everything. */
  notIn(values: readonly NonNullable<V>[]): Condition<Root> {
    return this.$inList(values, true);
  }

  private $inList(values: readonly unknown[], negated: boolean): Condition<Root> {
    if (!Array.isArray(values)) throw notAColumn(negated ? "notIn" : "isIn", values);
    return new Condition({ kind: "in", left: this.$node, values: values.map((v) => this.$value(v)), negated }, this.$joins, this.$root);
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
  between(low: NonNullable<V>, high: NonNullable<V>): Condition<Root> {
    return new Condition({ kind: "between", operand: this.$node, low: this.$value(low), high: this.$value(high) }, this.$joins, this.$root);
  }

  /** Ascending order, optionally with `{ nulls: "first" | "last" }`. */
  asc(options: { nulls?: "first" | "last" } = {}): OrderItem<Root> {
    return new OrderItem(this, "asc", options.nulls);
  }

  /** Descending order, optionally with `{ nulls: "first" | "last" }`. */
  desc(options: { nulls?: "first" | "last" } = {}): OrderItem<Root> {
    return new OrderItem(this, "desc", options.nulls);
  }

  private $arithmetic(op: "+" | "-" | "*" | "/", value: Operand<NonNullable<V>, Root>): Expression<V, Root> {
    const right = this.$operand(value as Operand<V, Root>, op);
    return new Expression({ kind: "binary", op, left: this.$node, right: right.node }, mergeJoins(this.$joins, right.joins), this.$root);
  }

  /** `column + value`, e.g. in `Band.update({ popularity: Band.c.popularity.plus(1) })`. */
  plus(value: Operand<NonNullable<V>, Root>): Expression<V, Root> {
    return this.$arithmetic("+", value);
  }

  /** `column - value`. */
  minus(value: Operand<NonNullable<V>, Root>): Expression<V, Root> {
    return this.$arithmetic("-", value);
  }

  /** `column * value`. */
  times(value: Operand<NonNullable<V>, Root>): Expression<V, Root> {
    return this.$arithmetic("*", value);
  }

  /** `column / value`. */
  divide(value: Operand<NonNullable<V>, Root>): Expression<V, Root> {
    return this.$arithmetic("/", value);
  }
}

/** Names a column property may not take, because column references use them. */
export const columnRefMembers = new Set(
  Object.getOwnPropertyNames(ColumnRef.prototype).concat(["as", "constructor"]).filter((n) => !n.startsWith("$")),
);
