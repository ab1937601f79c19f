// Expression nodes: values, columns, operators and functions that a statement is built from.
import type { DataType } from "./data-type";
import type { OrderByNode, QueryNode, SelectNode } from "./query";

/** A table in FROM/JOIN/DDL position. */
export interface TableNode {
  readonly kind: "table";
  readonly name: string;
  readonly schema?: string | undefined;
  readonly alias?: string | undefined;
  /** A derived table: `(query) AS "name"` in FROM/JOIN position instead of a stored table. */
  readonly query?: QueryNode | undefined;
}

/** A column of a table (or of a join alias). */
export interface ColumnNode {
  readonly kind: "column";
  readonly table: string;
  readonly name: string;
  /** The column's logical type: the dialect uses it to read the value back. */
  readonly type: DataType;
}

/** A bound parameter; `type` tells the dialect how to encode it. */
export interface ValueNode {
  readonly kind: "value";
  readonly value: unknown;
  readonly type?: DataType | undefined;
  /** The value of a `secret` column: error reports show it redacted. */
  readonly secret?: boolean | undefined;
}

/** Comparison and arithmetic operators every dialect spells the same way. */
export type BinaryOperator = "=" | "<>" | ">" | ">=" | "<" | "<=" | "LIKE" | "NOT LIKE" | "+" | "-" | "*" | "/" | "||";

/** `left op right`. */
export interface BinaryNode {
  readonly kind: "binary";
  readonly op: BinaryOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

/** Case-insensitive LIKE: native on PostgreSQL, emulated on SQLite. */
export interface ILikeNode {
  readonly kind: "ilike";
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly negated: boolean;
}

/** `x IN (…)` / `x NOT IN (…)`; an empty list is always false (or true when negated). */
export interface InNode {
  readonly kind: "in";
  readonly left: ExpressionNode;
  readonly values: readonly ExpressionNode[];
  readonly negated: boolean;
}

/** `x IN (SELECT …)` / `x NOT IN (SELECT …)`. */
export interface InSubqueryNode {
  readonly kind: "inSubquery";
  readonly left: ExpressionNode;
  /** A select, or a union of selects. */
  readonly query: QueryNode;
  readonly negated: boolean;
}

/** `x IS NULL` / `x IS NOT NULL`. */
export interface IsNullNode {
  readonly kind: "isNull";
  readonly operand: ExpressionNode;
  readonly negated: boolean;
}

/** `x BETWEEN low AND high`. */
export interface BetweenNode {
  readonly kind: "between";
  readonly operand: ExpressionNode;
  readonly low: ExpressionNode;
  readonly high: ExpressionNode;
}

/** `a AND b AND …` or `a OR b OR …`. */
export interface LogicalNode {
  readonly kind: "and" | "or";
  readonly items: readonly ExpressionNode[];
}

/** `NOT x`. */
export interface NotNode {
  readonly kind: "not";
  readonly operand: ExpressionNode;
}

/** A function call such as `count(*)` or `lower(x)`; the name is from a fixed list, never user text. */
export interface FunctionNode {
  readonly kind: "function";
  readonly name: string;
  readonly args: readonly ExpressionNode[];
  /** `count(DISTINCT x)`. */
  readonly distinct?: boolean;
}

/** `CAST(x AS type)`, the type named by the dialect. */
export interface CastNode {
  readonly kind: "cast";
  readonly expr: ExpressionNode;
  readonly type: DataType;
}

/** A part of a date or time: `EXTRACT(YEAR FROM x)` on PostgreSQL, strftime() on SQLite. */
export interface ExtractNode {
  readonly kind: "extract";
  readonly part: "year" | "month" | "day" | "hour" | "minute" | "second" | "dow" | "doy" | "epoch";
  readonly expr: ExpressionNode;
  /** The expression's type: PostgreSQL takes a timestamptz's parts in UTC, as SQLite does, not in the session's TimeZone. */
  readonly type?: DataType | undefined;
}

/** Text concatenation in which NULL counts as empty text, as PostgreSQL's concat() does. */
export interface ConcatNode {
  readonly kind: "concat";
  readonly args: readonly ExpressionNode[];
}

/** `round(x, digits)`: PostgreSQL rounds only numerics with digits, so it casts first. */
export interface RoundNode {
  readonly kind: "round";
  readonly expr: ExpressionNode;
  readonly digits: number;
}

/** A named parameter, bound later by `bind()`. */
export interface ParamNode {
  readonly kind: "param";
  readonly name: string;
  /** The type of the column it is compared with or assigned to, which encodes the bound value. */
  readonly type?: DataType | undefined;
  /** Bound for a `secret` column: error reports show the value redacted. */
  readonly secret?: boolean | undefined;
}

/** `fn(…) OVER (PARTITION BY … ORDER BY …)`: a window function or an aggregate over a window. */
export interface WindowNode {
  readonly kind: "window";
  /** The function: row_number(), lag(x, …), sum(x), … */
  readonly fn: FunctionNode;
  readonly partitionBy: readonly ExpressionNode[];
  readonly orderBy: readonly OrderByNode[];
}

/** `*`, only inside `count(*)`. */
export interface StarNode {
  readonly kind: "star";
}

/** User-written SQL with `{}` placeholders for its bound parameters. */
export interface RawNode {
  readonly kind: "raw";
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** `EXISTS (subquery)`. */
export interface ExistsNode {
  readonly kind: "exists";
  readonly query: QueryNode;
}

/** `array @> values`: the array holds every one of the values (PostgreSQL; emulated with json_each on SQLite). */
export interface ArrayContainsNode {
  readonly kind: "arrayContains";
  readonly array: ExpressionNode;
  readonly values: ExpressionNode;
}

/** `value = ANY (array)` / `value = ALL (array)` (PostgreSQL; emulated with json_each on SQLite). */
export interface ArrayQuantifiedNode {
  readonly kind: "arrayQuantified";
  readonly quantifier: "any" | "all";
  readonly value: ExpressionNode;
  readonly array: ExpressionNode;
}

/** `left || right` on arrays: their concatenation (PostgreSQL; rebuilt with json_group_array on SQLite). */
export interface ArrayConcatNode {
  readonly kind: "arrayConcat";
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  /** The array column type, for the cast PostgreSQL needs and for encoding. */
  readonly type: DataType;
}

/** `array_remove(array, value)`: the array without the elements equal to the value (NULL removes NULLs). */
export interface ArrayRemoveNode {
  readonly kind: "arrayRemove";
  readonly array: ExpressionNode;
  readonly value: ExpressionNode;
  /** The array column type, for the element cast PostgreSQL needs. */
  readonly type: DataType;
}

/** `array_replace(array, from, to)`: each element equal to `from` (NULL matches NULLs) becomes `to`. */
export interface ArrayReplaceNode {
  readonly kind: "arrayReplace";
  readonly array: ExpressionNode;
  readonly from: ExpressionNode;
  readonly to: ExpressionNode;
  /** The array column type, for the element cast PostgreSQL needs. */
  readonly type: DataType;
}

/** A portable DateFormat() token (lib/sql/dialects/date-format.ts maps each per dialect). */
export type DateFormatToken = "%Y" | "%m" | "%d" | "%H" | "%M" | "%S" | "%f" | "%j";

/** A parsed DateFormat() pattern: literal text and tokens. */
export type DateFormatPart =
  { readonly kind: "literal"; readonly text: string } | { readonly kind: "token"; readonly token: DateFormatToken };

/** A date or timestamp as text in a portable strftime-style pattern, formatted in UTC (to_char / strftime). */
export interface DateFormatNode {
  readonly kind: "dateFormat";
  readonly expr: ExpressionNode;
  readonly pattern: readonly DateFormatPart[];
  /** The formatted value's type: a timestamptz is formatted as its UTC wall clock. */
  readonly type: DataType;
}

/** The wall-clock time of an instant in a named zone, as a zone-less timestamp (`AT TIME ZONE`). */
export interface AtTimeZoneNode {
  readonly kind: "atTimeZone";
  readonly expr: ExpressionNode;
  /** An IANA zone name, checked when the node is built; bound as a parameter. */
  readonly zone: string;
  /** The expression's type: a zone-less timestamp holds UTC, a timestamptz an instant. */
  readonly type: DataType;
}

/** The current date and time, spelled for the type it is compared with or assigned to (timestamptz unless told). */
export interface NowNode {
  readonly kind: "now";
  readonly type?: DataType | undefined;
}

/** `json -> key -> …` (a JSON value) or `json -> … ->> key` (text); keys are object keys or array indexes. */
export interface JsonAccessNode {
  readonly kind: "jsonAccess";
  readonly operand: ExpressionNode;
  readonly path: readonly (string | number)[];
  readonly asText: boolean;
}

/**
 * `json @> value`: JSONB containment. The value is kept as data, not only as a parameter, because
 * SQLite has no such operator and its emulation follows the value's structure.
 */
export interface JsonContainsNode {
  readonly kind: "jsonContains";
  readonly operand: ExpressionNode;
  readonly value: ValueNode;
}

/**
 * The values of one expression over the rows related through an M2M join table, as an array in
 * the order of `query`'s ORDER BY: PostgreSQL `ARRAY(SELECT …)`, SQLite `json_group_array(… ORDER BY …)`.
 */
export interface RelatedArrayNode {
  readonly kind: "relatedArray";
  /** A correlated select of exactly one expression, with its ORDER BY. */
  readonly query: SelectNode;
  /** The element's type, which decides how each dialect carries it inside the array. */
  readonly element: DataType;
}

/** `CASE WHEN c THEN v … ELSE e END`. */
export interface CaseNode {
  readonly kind: "case";
  readonly whens: readonly { readonly when: ExpressionNode; readonly then: ExpressionNode }[];
  readonly else: ExpressionNode;
}

/** `(SELECT …)`: a subquery of one column and at most one row, used as a value (a count, a flag, a looked-up name). */
export interface SubqueryNode {
  readonly kind: "subquery";
  readonly query: SelectNode;
}

/** `(a, b)`: a row value, compared with a subquery's rows over a composite key. */
export interface TupleNode {
  readonly kind: "tuple";
  readonly items: readonly ExpressionNode[];
}

/** Any expression. */
export type ExpressionNode =
  | ColumnNode
  | ValueNode
  | BinaryNode
  | ILikeNode
  | InNode
  | InSubqueryNode
  | IsNullNode
  | BetweenNode
  | LogicalNode
  | NotNode
  | FunctionNode
  | ExcludedNode
  | ParamNode
  | CastNode
  | ExtractNode
  | ConcatNode
  | RoundNode
  | StarNode
  | RawNode
  | ExistsNode
  | ArrayContainsNode
  | ArrayQuantifiedNode
  | ArrayConcatNode
  | ArrayRemoveNode
  | ArrayReplaceNode
  | DateFormatNode
  | AtTimeZoneNode
  | NowNode
  | JsonAccessNode
  | JsonContainsNode
  | RelatedArrayNode
  | TupleNode
  | SubqueryNode
  | CaseNode
  | WindowNode
  | DialectSqlNode;

/**
 * SQL text stored per dialect (a check or partial-index condition replayed from a migration file):
 * each dialect renders its own text, in parentheses.
 */
export interface DialectSqlNode {
  readonly kind: "dialectSql";
  readonly sql: Readonly<Record<"postgres" | "sqlite", string>>;
}

/** An expression in a select list, with the output name it gets. */
export interface SelectionNode {
  readonly expr: ExpressionNode;
  readonly alias?: string | undefined;
}

/** `EXCLUDED."column"`: the value an upsert tried to insert. */
export interface ExcludedNode {
  readonly kind: "excluded";
  readonly column: string;
}
