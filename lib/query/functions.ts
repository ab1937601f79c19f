import { DoublePrecision } from "../columns/double-precision";
import { Text } from "../columns/text";
import type { ColumnType } from "../columns/column-type";
import type { Numeric, NumericBrand } from "../columns/numeric";
import { textProblem } from "../columns/coercers";
import type { IsTemporal } from "../columns/temporal-text";
import {
  assertKnownOptions,
  concatNeedsTwoParts,
  invalidRoundDigits,
  invalidValue,
  notAnExpression,
  notAnOperand,
  unknownDatePart,
} from "../errors/factories";
import type { ExpressionNode, ExtractNode } from "../sql/ast/nodes";
import type { Decoder } from "../sql/dialects/dialect";
import { Expression, mergeJoins, rootOf } from "./expression";
import { Scalar, type ArithmeticValue, type ScalarMembers } from "./scalar";
import { AggregateScalar, type Window, type WindowSpec } from "./window";

// SQL functions and aggregates as typed Scalars: usable in select (under the function's name,
// or `.as()`), where, orderBy and groupBy. Each builds a node; dialects spell it.

const textType = Text() as ColumnType<unknown>;
const numberType = DoublePrecision() as ColumnType<unknown>;

/** Counts, averages, extracted parts and rounded values are read as JS numbers on both engines. */
const toNumber: Decoder = (v) => (v === null ? null : Number(v));

type NullIf<V> = null extends V ? null : never;
type AnyScalar<R> = Scalar<unknown, string, R>;

/** An aggregate (Count, Sum, …): selectable and comparable, but no value for `update()`; `over()` makes it a window function. */
export type Aggregate<V, K extends string = string, R = any> = Scalar<V, K, R> & {
  readonly $aggregate?: true;
  /** The aggregate over a window instead of a group (window.ts). */
  over<R2 extends R>(spec: WindowSpec<R2>): Window<V, K, R2>;
};

/** An aggregate's Scalar, with `over()`. */
function aggregate<V, K extends string>(s: ScalarMembers<V, K>): Aggregate<V, K> {
  return new AggregateScalar(s.$node, s.$joins, s.$root, s.$key, s.$valueType, s.$decoder) as never;
}

/** Coalesce is NULL only when the expression and every fallback may be: null unless some fallback is a non-null value. */
type CoalesceNull<F extends readonly unknown[]> = [
  { [I in keyof F]: F[I] extends { readonly $type: infer X } ? (null extends X ? never : 1) : 1 }[number],
] extends [never]
  ? null
  : never;

export function operand(
  value: unknown,
  method: string,
): { node: ExpressionNode; joins: Expression<unknown>["$joins"] } {
  if (value instanceof Expression) return { node: value.$node, joins: value.$joins };
  if (typeof value === "string") {
    const problem = textProblem(value);
    if (problem !== undefined) throw invalidValue(method, "argument", value, problem);
  }
  if (typeof value === "string" || typeof value === "number") return { node: { kind: "value", value }, joins: [] };
  throw notAnOperand(method, value);
}

export function scalar<V, K extends string, R = unknown>(
  method: string,
  key: K,
  args: readonly unknown[],
  node: (nodes: ExpressionNode[]) => ExpressionNode,
  type: ColumnType<unknown>,
  decoder?: Decoder,
): Scalar<V, K, R> {
  const parts = args.map((a) => operand(a, method));
  const expressions = args.filter((a): a is Expression<unknown> => a instanceof Expression);
  return new Scalar<V, K, R>(
    node(parts.map((p) => p.node)),
    mergeJoins(...parts.map((p) => p.joins)),
    rootOf(method, expressions),
    key,
    type,
    decoder,
  );
}

function call(name: string, args: ExpressionNode[], distinct = false): ExpressionNode {
  return { kind: "function", name, args, distinct };
}

function typeOf(expr: unknown, method: string): ColumnType<unknown> {
  if (!(expr instanceof Scalar)) throw notAnExpression(method);
  return expr.$valueType;
}

/**
 * `count(*)`, or `count(column)` (non-null values), optionally `{ distinct: true }`. Key "count".
 * @example
 * Band.select(Band.c.manager, Count(Band.c.name, { distinct: true })).groupBy(Band.c.manager)
 * // postgres: SELECT "band"."manager", count(DISTINCT "band"."name") FROM "band" GROUP BY "band"."manager"
 * // sqlite:   SELECT "band"."manager", count(DISTINCT "band"."name") FROM "band" GROUP BY "band"."manager"
 */
export function Count(): Aggregate<number, "count">;
export function Count<R>(expr: AnyScalar<R>, options?: { distinct?: boolean }): Aggregate<number, "count", R>;
export function Count(expr?: unknown, options: { distinct?: boolean } = {}): Aggregate<number, "count"> {
  if (expr === undefined)
    return aggregate(scalar("Count", "count", [], () => call("count", [{ kind: "star" }]), numberType, toNumber));
  typeOf(expr, "Count");
  assertKnownOptions("Count()", options, ["distinct"]);
  return aggregate(
    scalar("Count", "count", [expr], ([e]) => call("count", [e!], options.distinct ?? false), numberType, toNumber),
  );
}

/** The average, as a JS number (null over no rows). Key "avg". */
export function Avg<R>(expr: Scalar<ArithmeticValue, string, R>): Aggregate<number | null, "avg", R> {
  typeOf(expr, "Avg");
  return aggregate(scalar("Avg", "avg", [expr], ([e]) => call("avg", [e!]), numberType, toNumber));
}

/** What Sum() returns: exact decimals stay strings, bigints stay bigints, other numbers are numbers. */
export type SumOf<V> =
  NonNullable<V> extends string
    ? NumericBrand extends keyof NonNullable<V>
      ? Numeric
      : string
    : NonNullable<V> extends bigint
      ? bigint
      : number;

/** The sum (null over no rows). Key "sum". */
export function Sum<V extends ArithmeticValue, R>(
  expr: ScalarMembers<V, string, R>,
): Aggregate<SumOf<V> | null, "sum", R> {
  const type = typeOf(expr, "Sum");
  const kind = type.valueKind;
  // Numeric sums keep the column's type, whose dialect decoder reads them exactly.
  const decode: Decoder | undefined =
    kind === "numeric" ? undefined : kind === "bigint" ? (v) => (v === null ? null : BigInt(String(v))) : toNumber;
  return aggregate(scalar("Sum", "sum", [expr], ([e]) => call("sum", [e!]), type, decode));
}

/** The smallest value, of the column's type (null over no rows). Key "min". */
export function Min<V, R>(expr: ScalarMembers<V, string, R>): Aggregate<V | null, "min", R> {
  // The value's own decoder (a derived table's count read as a number) reads its extreme too.
  return aggregate(scalar("Min", "min", [expr], ([e]) => call("min", [e!]), typeOf(expr, "Min"), expr.$decoder));
}

/** The largest value, of the column's type (null over no rows). Key "max". */
export function Max<V, R>(expr: ScalarMembers<V, string, R>): Aggregate<V | null, "max", R> {
  // The value's own decoder (a derived table's count read as a number) reads its extreme too.
  return aggregate(scalar("Max", "max", [expr], ([e]) => call("max", [e!]), typeOf(expr, "Max"), expr.$decoder));
}

/** Upper-case text. Key "upper". */
export function Upper<V extends string | null, R>(
  expr: ScalarMembers<V, string, R>,
): Scalar<string | NullIf<V>, "upper", R> {
  typeOf(expr, "Upper");
  return scalar("Upper", "upper", [expr], ([e]) => call("upper", [e!]), textType);
}

/** Lower-case text. Key "lower". */
export function Lower<V extends string | null, R>(
  expr: ScalarMembers<V, string, R>,
): Scalar<string | NullIf<V>, "lower", R> {
  typeOf(expr, "Lower");
  return scalar("Lower", "lower", [expr], ([e]) => call("lower", [e!]), textType);
}

/** The number of characters. Key "length". */
export function Length<V extends string | null, R>(
  expr: ScalarMembers<V, string, R>,
): Scalar<number | NullIf<V>, "length", R> {
  typeOf(expr, "Length");
  return scalar("Length", "length", [expr], ([e]) => call("length", [e!]), numberType, toNumber);
}

/**
 * Texts and values joined; NULL counts as empty text on both engines. Key "concat".
 * @example
 * Band.select(Concat(Band.c.name, " / ", Band.c.manager.name).as("label"))
 * // postgres: SELECT concat("band"."name", CAST($1 AS TEXT), "band$manager"."name") AS "label" FROM "band" LEFT JOIN
 * //           "manager" AS "band$manager" ON "band$manager"."id" = "band"."manager"
 * // sqlite:   SELECT (coalesce("band"."name", '') || coalesce(?, '') || coalesce("band$manager"."name", '')) AS
 * //           "label" FROM "band" LEFT JOIN "manager" AS "band$manager" ON "band$manager"."id" = "band"."manager"
 */
export function Concat<R>(...parts: (AnyScalar<R> | string | number)[]): Scalar<string, "concat", R> {
  if (parts.length < 2) throw concatNeedsTwoParts();
  return scalar("Concat", "concat", parts, (args) => ({ kind: "concat", args }), textType);
}

/**
 * The first non-null of the expression and its fallbacks. Key "coalesce".
 * @example
 * Band.select(Coalesce(Band.c.manager.name, "nobody").as("manager"))
 * // postgres: SELECT coalesce("band$manager"."name", $1) AS "manager" FROM "band" LEFT JOIN "manager" AS
 * //           "band$manager" ON "band$manager"."id" = "band"."manager"
 * // sqlite:   SELECT coalesce("band$manager"."name", ?) AS "manager" FROM "band" LEFT JOIN "manager" AS
 * //           "band$manager" ON "band$manager"."id" = "band"."manager"
 */
export function Coalesce<V, R, F extends (NonNullable<V> | Scalar<V, string, R>)[]>(
  expr: ScalarMembers<V, string, R>,
  ...fallbacks: F
): Scalar<NonNullable<V> | CoalesceNull<F>, "coalesce", R> {
  const type = typeOf(expr, "Coalesce");
  const literal = (value: unknown) =>
    new Scalar(type.valueNode(type.checkOperand(value, "Coalesce", "fallback")), [], undefined, "fallback", type);
  const args = [expr, ...fallbacks.map((f) => (f instanceof Expression ? f : literal(f)))];
  return scalar("Coalesce", "coalesce", args, (nodes) => call("coalesce", nodes), type, expr.$decoder);
}

/** The expression converted to a column type's SQL type: `Cast(Band.c.popularity, Text())`. Key "cast". */
export function Cast<T, V, R>(
  expr: ScalarMembers<V, string, R>,
  type: ColumnType<T>,
): Scalar<T | NullIf<V>, "cast", R> {
  typeOf(expr, "Cast");
  return scalar(
    "Cast",
    "cast",
    [expr],
    ([e]) => ({ kind: "cast", expr: e!, type: type.dataType }),
    type as ColumnType<unknown>,
  );
}

/** The parts Extract() knows. */
export type DatePart = ExtractNode["part"];
const dateParts: readonly DatePart[] = ["year", "month", "day", "hour", "minute", "second", "dow", "doy", "epoch"];

/** What Extract() asks of its expression: a timestamp, or a date or time column whose field is typed as one. */
type ExtractSource<V> =
  IsTemporal<V> extends true
    ? unknown
    : { readonly "Extract() takes a timestamp, or a date or time column typed DateString or TimeString": never };

/**
 * A part of a date or timestamp as a number: `Extract("year", Concert.c.startsAt)`. Key "extract".
 * A `DateColumn()` or `Time()` field is text: type it `DateString` or `TimeString` for Extract() to take it.
 */
export function Extract<V extends Date | string | null, R>(
  part: DatePart,
  expr: ScalarMembers<V, string, R> & ExtractSource<V>,
): Scalar<number | NullIf<V>, "extract", R> {
  if (!dateParts.includes(part)) throw unknownDatePart(part, dateParts);
  const type = typeOf(expr, "Extract").dataType;
  return scalar(
    "Extract",
    "extract",
    [expr],
    ([e]) => ({ kind: "extract", part, expr: e!, type }),
    numberType,
    toNumber,
  );
}

/** Rounded to `digits` decimals (default 0), as a JS number. Key "round". */
export function Round<V extends Exclude<ArithmeticValue, bigint>, R>(
  expr: ScalarMembers<V, string, R>,
  digits = 0,
): Scalar<number | NullIf<V>, "round", R> {
  if (!Number.isInteger(digits)) throw invalidRoundDigits(digits);
  typeOf(expr, "Round");
  return scalar("Round", "round", [expr], ([e]) => ({ kind: "round", expr: e!, digits }), numberType, toNumber);
}
