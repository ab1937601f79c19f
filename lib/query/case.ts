import { BooleanColumn } from "../columns/boolean";
import type { ColumnType } from "../columns/column-type";
import { DoublePrecision } from "../columns/double-precision";
import { Integer } from "../columns/integer";
import { Text } from "../columns/text";
import { notACondition, notAnOperand } from "../errors/factories";
import type { ExpressionNode } from "../sql/ast/nodes";
import type { Decoder } from "../sql/dialects/dialect";
import { Condition, Expression, mergeJoins, rootOf, type JoinStep } from "./expression";
import { Scalar, type ScalarMembers } from "./scalar";

/** One `WHEN condition THEN value` of a Case(). */
export class WhenClause<TValue, Root> {
  declare readonly $type: TValue;
  declare readonly $rootType: (root: Root) => Root;

  constructor(
    readonly condition: Condition<Root>,
    readonly then: ScalarMembers<TValue, string, Root> | TValue,
  ) {}
}

/** A literal's type without its literal: `"star"` → string. */
type Widen<TValue> = TValue extends string
  ? string
  : TValue extends number
    ? number
    : TValue extends boolean
      ? boolean
      : TValue;

/** `WHEN condition THEN value`, for Case(). */
export function When<TValue extends string | number | boolean | null, Root>(
  condition: Condition<Root>,
  then: TValue | Scalar<TValue, string, Root>,
): WhenClause<Widen<TValue>, Root> {
  if (!(condition instanceof Condition)) throw notACondition(condition);
  return new WhenClause(condition, then as Widen<TValue>);
}

const types = {
  string: Text(),
  integer: Integer(),
  number: DoublePrecision(),
  boolean: BooleanColumn(),
} as unknown as Record<string, ColumnType<unknown>>;

/** A literal THEN/ELSE value, cast to its type so that PostgreSQL does not read an untyped parameter as text. */
function literal(value: unknown): { node: ExpressionNode; type: ColumnType<unknown> | undefined } {
  if (value === null) return { node: { kind: "value", value: null }, type: undefined };
  const kind = typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;
  const type = types[kind];
  if (type === undefined) throw notAnOperand("Case", value);
  return { node: { kind: "cast", expr: type.valueNode(value), type: type.dataType }, type };
}

function part(value: unknown): {
  node: ExpressionNode;
  type: ColumnType<unknown> | undefined;
  joins: readonly JoinStep[];
  decoder?: Decoder;
} {
  if (value instanceof Scalar)
    return { node: value.$node, type: value.$valueType, joins: value.$joins, decoder: value.$decoder };
  return { ...literal(value), joins: [] };
}

/**
 * The value of the first WHEN whose condition holds, else `otherwise` (default null). Key "case".
 * @example
 * Band.select(Band.c.name, Case([When(Band.c.popularity.gte(1000), "star")], "newcomer").as("rank"))
 * // postgres: SELECT "band"."name", CASE WHEN "band"."popularity" >= $1 THEN CAST($2 AS TEXT) ELSE CAST($3 AS TEXT)
 * //           END AS "rank" FROM "band"
 * // sqlite:   SELECT "band"."name", CASE WHEN "band"."popularity" >= ? THEN CAST(? AS TEXT) ELSE CAST(? AS TEXT) END AS "rank" FROM "band"
 */
export function Case<TValue, Root>(whens: readonly WhenClause<TValue, Root>[]): Scalar<TValue | null, "case", Root>;
export function Case<TValue, Root>(
  whens: readonly WhenClause<TValue, Root>[],
  otherwise: TValue | Scalar<TValue, string, Root>,
): Scalar<TValue, "case", Root>;
export function Case<TValue, Root>(
  whens: readonly WhenClause<TValue, Root>[],
  otherwise?: TValue | Scalar<TValue, string, Root>,
): Scalar<TValue | null, "case", Root> {
  if (!Array.isArray(whens) || whens.length === 0) throw notAnOperand("Case (at least one When())", whens);
  const items = whens.map((w) => {
    if (!(w instanceof WhenClause)) throw notAnOperand("Case (When() clauses)", w);
    return { when: w.condition, then: part(w.then) };
  });
  const fallback = part(otherwise ?? null);
  const typed = [...items.map((i) => i.then), fallback].find((p) => p.type !== undefined);
  const expressions = [
    ...whens.map((w) => w.condition),
    ...[...whens.map((w) => w.then), otherwise].filter((v): v is Expression<unknown> => v instanceof Expression),
  ];
  return new Scalar<TValue | null, "case", Root>(
    {
      kind: "case",
      whens: items.map((i) => ({ when: i.when.$node, then: i.then.node })),
      else: fallback.node,
    },
    mergeJoins(...items.map((i) => i.when.$joins), ...items.map((i) => i.then.joins), fallback.joins),
    rootOf("Case", expressions),
    "case",
    typed?.type ?? types.string!,
    typed?.decoder,
  );
}
