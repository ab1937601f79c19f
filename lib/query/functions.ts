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

/** `null` when the value may be null: what a function of it adds to its result type. */
export type NullIf<TValue> = null extends TValue ? null : never;
type AnyScalar<TRoot> = Scalar<unknown, string, TRoot>;

/** An aggregate (Count, Sum, …): selectable and comparable, but no value for `update()`; `over()` makes it a window function. */
export type Aggregate<TValue, TKey extends string = string, TRoot = any> = Scalar<TValue, TKey, TRoot> & {
  readonly $aggregate?: true;
  /** The aggregate over a window instead of a group (window.ts). */
  over<TWindowRoot extends TRoot>(spec: WindowSpec<TWindowRoot>): Window<TValue, TKey, TWindowRoot>;
};

/** An aggregate's Scalar, with `over()`. */
function aggregate<TValue, TKey extends string>(s: ScalarMembers<TValue, TKey>): Aggregate<TValue, TKey> {
  return new AggregateScalar(s.$node, s.$joins, s.$root, s.$key, s.$valueType, s.$decoder) as never;
}

/** Coalesce is NULL only when the expression and every fallback may be: null unless some fallback is a non-null value. */
type CoalesceNull<TFallbacks extends readonly unknown[]> = [
  {
    [I in keyof TFallbacks]: TFallbacks[I] extends { readonly $type: infer X } ? (null extends X ? never : 1) : 1;
  }[number],
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

export function scalar<TValue, TKey extends string, TRoot = unknown>(
  method: string,
  key: TKey,
  args: readonly unknown[],
  node: (nodes: ExpressionNode[]) => ExpressionNode,
  type: ColumnType<unknown>,
  decoder?: Decoder,
): Scalar<TValue, TKey, TRoot> {
  const parts = args.map((a) => operand(a, method));
  const expressions = args.filter((a): a is Expression<unknown> => a instanceof Expression);
  return new Scalar<TValue, TKey, TRoot>(
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
export function Count<TRoot>(
  expr: AnyScalar<TRoot>,
  options?: { distinct?: boolean },
): Aggregate<number, "count", TRoot>;
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
export function Avg<TRoot>(expr: Scalar<ArithmeticValue, string, TRoot>): Aggregate<number | null, "avg", TRoot> {
  typeOf(expr, "Avg");
  return aggregate(scalar("Avg", "avg", [expr], ([e]) => call("avg", [e!]), numberType, toNumber));
}

/** What Sum() returns: exact decimals stay strings, bigints stay bigints, other numbers are numbers. */
export type SumOf<TValue> =
  NonNullable<TValue> extends string
    ? NumericBrand extends keyof NonNullable<TValue>
      ? Numeric
      : string
    : NonNullable<TValue> extends bigint
      ? bigint
      : number;

/** The sum (null over no rows). Key "sum". */
export function Sum<TValue extends ArithmeticValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Aggregate<SumOf<TValue> | null, "sum", TRoot> {
  const type = typeOf(expr, "Sum");
  const kind = type.valueKind;
  // Numeric sums keep the column's type, whose dialect decoder reads them exactly.
  const decode: Decoder | undefined =
    kind === "numeric" ? undefined : kind === "bigint" ? (v) => (v === null ? null : BigInt(String(v))) : toNumber;
  return aggregate(scalar("Sum", "sum", [expr], ([e]) => call("sum", [e!]), type, decode));
}

/** The smallest value, of the column's type (null over no rows). Key "min". */
export function Min<TValue, TRoot>(expr: ScalarMembers<TValue, string, TRoot>): Aggregate<TValue | null, "min", TRoot> {
  // The value's own decoder (a derived table's count read as a number) reads its extreme too.
  return aggregate(scalar("Min", "min", [expr], ([e]) => call("min", [e!]), typeOf(expr, "Min"), expr.$decoder));
}

/** The largest value, of the column's type (null over no rows). Key "max". */
export function Max<TValue, TRoot>(expr: ScalarMembers<TValue, string, TRoot>): Aggregate<TValue | null, "max", TRoot> {
  // The value's own decoder (a derived table's count read as a number) reads its extreme too.
  return aggregate(scalar("Max", "max", [expr], ([e]) => call("max", [e!]), typeOf(expr, "Max"), expr.$decoder));
}

/** Upper-case text. Key "upper". */
export function Upper<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<string | NullIf<TValue>, "upper", TRoot> {
  typeOf(expr, "Upper");
  return scalar("Upper", "upper", [expr], ([e]) => call("upper", [e!]), textType);
}

/** Lower-case text. Key "lower". */
export function Lower<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<string | NullIf<TValue>, "lower", TRoot> {
  typeOf(expr, "Lower");
  return scalar("Lower", "lower", [expr], ([e]) => call("lower", [e!]), textType);
}

/** The number of characters. Key "length". */
export function Length<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<number | NullIf<TValue>, "length", TRoot> {
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
export function Concat<TRoot>(...parts: (AnyScalar<TRoot> | string | number)[]): Scalar<string, "concat", TRoot> {
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
export function Coalesce<TValue, TRoot, TFallbacks extends (NonNullable<TValue> | Scalar<TValue, string, TRoot>)[]>(
  expr: ScalarMembers<TValue, string, TRoot>,
  ...fallbacks: TFallbacks
): Scalar<NonNullable<TValue> | CoalesceNull<TFallbacks>, "coalesce", TRoot> {
  const type = typeOf(expr, "Coalesce");
  const literal = (value: unknown) =>
    new Scalar(type.valueNode(type.checkOperand(value, "Coalesce", "fallback")), [], undefined, "fallback", type);
  const args = [expr, ...fallbacks.map((f) => (f instanceof Expression ? f : literal(f)))];
  return scalar("Coalesce", "coalesce", args, (nodes) => call("coalesce", nodes), type, expr.$decoder);
}

/** The expression converted to a column type's SQL type: `Cast(Band.c.popularity, Text())`. Key "cast". */
export function Cast<TTarget, TValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  type: ColumnType<TTarget>,
): Scalar<TTarget | NullIf<TValue>, "cast", TRoot> {
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
type ExtractSource<TValue> =
  IsTemporal<TValue> extends true
    ? unknown
    : { readonly "Extract() takes a timestamp, or a date or time column typed DateString or TimeString": never };

/**
 * A part of a date or timestamp as a number: `Extract("year", Concert.c.startsAt)`. Key "extract".
 * A `DateColumn()` or `Time()` field is text: type it `DateString` or `TimeString` for Extract() to take it.
 */
export function Extract<TValue extends Date | string | null, TRoot>(
  part: DatePart,
  expr: ScalarMembers<TValue, string, TRoot> & ExtractSource<TValue>,
): Scalar<number | NullIf<TValue>, "extract", TRoot> {
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
export function Round<TValue extends Exclude<ArithmeticValue, bigint>, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  digits = 0,
): Scalar<number | NullIf<TValue>, "round", TRoot> {
  if (!Number.isInteger(digits)) throw invalidRoundDigits(digits);
  typeOf(expr, "Round");
  return scalar("Round", "round", [expr], ([e]) => ({ kind: "round", expr: e!, digits }), numberType, toNumber);
}
