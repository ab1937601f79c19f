import type { ColumnType } from "../columns/column-type";
import { DoublePrecision } from "../columns/double-precision";
import { Text } from "../columns/text";
import { invalidValue, notAnExpression, operatorNotForColumn } from "../errors/factories";
import type { ExpressionNode } from "../sql/ast/nodes";
import type { Decoder } from "../sql/dialects/dialect";
import { scalar } from "./functions";
import { Scalar, type ScalarMembers } from "./scalar";

// Number and text functions as typed Scalars, usable in select (under the function's name, or
// `.as()`), where and orderBy. Dialects spell what differs (SQLite has no ceil/floor/reverse built in).

const textType = Text() as ColumnType<unknown>;
const numberType = DoublePrecision() as ColumnType<unknown>;
const toNumber: Decoder = (v) => (v === null ? null : Number(v));

type NullIf<TValue> = null extends TValue ? null : never;

function call(name: string, args: ExpressionNode[]): ExpressionNode {
  return { kind: "function", name, args };
}

/** The expression's type, checked to be one of `kinds` (`what` names them in the error). */
export function checked(expr: unknown, method: string, kinds: readonly string[], what: string): ColumnType<unknown> {
  if (!(expr instanceof Scalar)) throw notAnExpression(method);
  const type = expr.$valueType;
  if (!kinds.includes(type.valueKind))
    throw operatorNotForColumn(method, expr.$root?.tableName ?? "expression", expr.$key, type.valueKind, what);
  return type;
}

const numberKinds = ["integer", "smallint", "real", "double", "serial"];
const textKinds = ["varchar", "text", "email", "char"];

function numberFunction<TValue extends number | null, TKey extends string, TRoot>(
  name: TKey,
  method: string,
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<number | NullIf<TValue>, TKey, TRoot> {
  checked(expr, method, numberKinds, "Integer, SmallInt, Real and DoublePrecision");
  return scalar(method, name, [expr], (args) => call(name, args), numberType, toNumber);
}

function textFunction<TValue extends string | null, TKey extends string, TRoot>(
  name: TKey,
  method: string,
  expr: ScalarMembers<TValue, string, TRoot>,
  more: readonly (string | number | Scalar<unknown, string, TRoot>)[] = [],
  sqlName: string = name,
): Scalar<string | NullIf<TValue>, TKey, TRoot> {
  checked(expr, method, textKinds, "Varchar, Text and other text");
  return scalar(method, name, [expr, ...more], (args) => call(sqlName, args), textType);
}

/**
 * The absolute value. Key "abs".
 * @example
 * Band.select(Abs(Band.c.popularity.minus(500)))
 * // postgres: SELECT abs("band"."popularity" - $1) FROM "band"
 * // sqlite:   SELECT abs("band"."popularity" - ?) FROM "band"
 */
export function Abs<TValue extends number | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<number | NullIf<TValue>, "abs", TRoot> {
  return numberFunction("abs", "Abs", expr);
}

/**
 * The smallest whole number not below the value; SQLite (which lacks ceil() without its math extension)
 * compares with the truncated value. Key "ceil".
 * @example
 * Venue.select(Ceil(Venue.c.capacity))
 * // postgres: SELECT ceil("venue"."capacity") FROM "venue"
 * // sqlite:   SELECT (CAST("venue"."capacity" AS INTEGER) + ("venue"."capacity" > CAST("venue"."capacity" AS INTEGER))) FROM "venue"
 */
export function Ceil<TValue extends number | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<number | NullIf<TValue>, "ceil", TRoot> {
  return numberFunction("ceil", "Ceil", expr);
}

/**
 * The largest whole number not above the value. Key "floor".
 * @example
 * Venue.select(Floor(Venue.c.capacity))
 * // postgres: SELECT floor("venue"."capacity") FROM "venue"
 * // sqlite:   SELECT (CAST("venue"."capacity" AS INTEGER) - ("venue"."capacity" < CAST("venue"."capacity" AS INTEGER))) FROM "venue"
 */
export function Floor<TValue extends number | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<number | NullIf<TValue>, "floor", TRoot> {
  return numberFunction("floor", "Floor", expr);
}

/**
 * Text without leading and trailing spaces (or the given characters). Key "trim".
 * @example
 * Band.select(Trim(Band.c.name))
 * // postgres: SELECT trim("band"."name") FROM "band"
 * // sqlite:   SELECT trim("band"."name") FROM "band"
 */
export function Trim<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  characters?: string,
): Scalar<string | NullIf<TValue>, "trim", TRoot> {
  return textFunction("trim", "Trim", expr, characters === undefined ? [] : [characters]);
}

/** Text without leading spaces (or the given characters). Key "ltrim". */
export function Ltrim<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  characters?: string,
): Scalar<string | NullIf<TValue>, "ltrim", TRoot> {
  return textFunction("ltrim", "Ltrim", expr, characters === undefined ? [] : [characters]);
}

/** Text without trailing spaces (or the given characters). Key "rtrim". */
export function Rtrim<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  characters?: string,
): Scalar<string | NullIf<TValue>, "rtrim", TRoot> {
  return textFunction("rtrim", "Rtrim", expr, characters === undefined ? [] : [characters]);
}

/**
 * Text with every occurrence of `from` replaced by `to`. Key "replace".
 * @example
 * Band.select(Replace(Band.c.name, "istas", "ers"))
 * // postgres: SELECT replace("band"."name", $1, $2) FROM "band"
 * // sqlite:   SELECT replace("band"."name", ?, ?) FROM "band"
 */
export function Replace<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  from: string | Scalar<string, string, TRoot>,
  to: string | Scalar<string, string, TRoot>,
): Scalar<string | NullIf<TValue>, "replace", TRoot> {
  return textFunction("replace", "Replace", expr, [from, to]);
}

/**
 * Part of a text: `length` characters (default: the rest) from the 1-based position `start`. Key "substring".
 * @example
 * Band.select(Substring(Band.c.name, 1, 3))
 * // postgres: SELECT substr("band"."name", $1, $2) AS "substring" FROM "band"
 * // sqlite:   SELECT substr("band"."name", ?, ?) AS "substring" FROM "band"
 */
export function Substring<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  start: number,
  length?: number,
): Scalar<string | NullIf<TValue>, "substring", TRoot> {
  for (const n of length === undefined ? [start] : [start, length])
    if (!Number.isInteger(n)) throw invalidValue("Substring", "position", n, "a whole number");
  return textFunction("substring", "Substring", expr, length === undefined ? [start] : [start, length], "substr");
}

/**
 * The text backwards. PostgreSQL only: SQLite has no reverse(), and refuses it when the query compiles. Key "reverse".
 * @example
 * Band.select(Reverse(Band.c.name)).toSQL()   // PostgreSQL: SELECT reverse("band"."name") AS "reverse" FROM "band"
 */
export function Reverse<TValue extends string | null, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
): Scalar<string | NullIf<TValue>, "reverse", TRoot> {
  return textFunction("reverse", "Reverse", expr);
}

/**
 * Null when the expression equals the value, else the expression. Key "nullif".
 * @example
 * Venue.select(NullIf(Venue.c.capacity, 0))
 * // postgres: SELECT nullif("venue"."capacity", $1) FROM "venue"
 * // sqlite:   SELECT nullif("venue"."capacity", ?) FROM "venue"
 */
export function NullIf<TValue, TRoot>(
  expr: ScalarMembers<TValue, string, TRoot>,
  value: NonNullable<TValue> | Scalar<TValue, string, TRoot>,
): Scalar<TValue | null, "nullif", TRoot> {
  if (!(expr instanceof Scalar)) throw notAnExpression("NullIf");
  const type = expr.$valueType;
  const other =
    value instanceof Scalar
      ? value
      : new Scalar(type.valueNode(type.checkOperand(value, "NullIf", "value")), [], undefined, "value", type);
  return scalar("NullIf", "nullif", [expr, other], (args) => call("nullif", args), type, expr.$decoder);
}
