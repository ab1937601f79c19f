import type { ColumnType } from "../../columns/column-type";

/** A table in FROM/JOIN/DDL position. */
export interface TableNode {
  readonly kind: "table";
  readonly name: string;
  readonly schema?: string | undefined;
  readonly alias?: string | undefined;
}

/** A column of a table (or of a join alias). */
export interface ColumnNode {
  readonly kind: "column";
  readonly table: string;
  readonly name: string;
  /** The column's logical type: the dialect uses it to read the value back. */
  readonly type: ColumnType<unknown>;
}

/** A bound parameter; `type` tells the dialect how to encode it. */
export interface ValueNode {
  readonly kind: "value";
  readonly value: unknown;
  readonly type?: ColumnType<unknown> | undefined;
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
  readonly query: SelectNode;
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
  readonly query: SelectNode;
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
  | StarNode
  | RawNode
  | ExistsNode;

/** An expression in a select list, with the output name it gets. */
export interface SelectionNode {
  readonly expr: ExpressionNode;
  readonly alias?: string | undefined;
}

/** `LEFT JOIN table AS alias ON …`. */
export interface JoinNode {
  readonly kind: "join";
  readonly table: TableNode;
  readonly on: ExpressionNode;
}

/** One ORDER BY item. */
export interface OrderByNode {
  readonly expr: ExpressionNode;
  readonly direction: "asc" | "desc";
  readonly nulls?: "first" | "last" | undefined;
}

/** `SELECT [DISTINCT] … FROM … [JOIN …] WHERE … ORDER BY … LIMIT … OFFSET …`. */
export interface SelectNode {
  readonly kind: "select";
  readonly from: TableNode;
  readonly joins: readonly JoinNode[];
  readonly selections: readonly SelectionNode[];
  readonly where?: ExpressionNode | undefined;
  readonly orderBy: readonly OrderByNode[];
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly distinct: boolean;
}

/** `INSERT INTO table (…) VALUES (…), … RETURNING …`. */
export interface InsertNode {
  readonly kind: "insert";
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ExpressionNode[])[];
  readonly returning: readonly SelectionNode[];
}

/** `UPDATE table SET … WHERE … RETURNING …`. */
export interface UpdateNode {
  readonly kind: "update";
  readonly table: TableNode;
  readonly set: readonly (readonly [string, ExpressionNode])[];
  readonly where?: ExpressionNode | undefined;
  readonly returning: readonly SelectionNode[];
}

/** `DELETE FROM table WHERE … RETURNING …`. */
export interface DeleteNode {
  readonly kind: "delete";
  readonly table: TableNode;
  readonly where?: ExpressionNode | undefined;
  readonly returning: readonly SelectionNode[];
}

/** A foreign-key clause of a column definition. */
export interface ReferencesNode {
  readonly table: TableNode;
  readonly column: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

/** What happens to referencing rows when the referenced row changes. */
export type ReferentialAction = "cascade" | "restrict" | "no action" | "set null" | "set default";

/** A column in CREATE TABLE. */
export interface ColumnDefinitionNode {
  readonly name: string;
  readonly type: ColumnType<unknown>;
  readonly primaryKey: boolean;
  readonly notNull: boolean;
  readonly unique: boolean;
  /** A constant default; function defaults are applied client-side on insert instead. */
  readonly default?: ValueNode | undefined;
  readonly references?: ReferencesNode | undefined;
}

/** `CREATE TABLE [IF NOT EXISTS] …`. */
export interface CreateTableNode {
  readonly kind: "createTable";
  readonly table: TableNode;
  readonly columns: readonly ColumnDefinitionNode[];
  readonly ifNotExists: boolean;
}

/** `CREATE INDEX [IF NOT EXISTS] name ON table (column)`. */
export interface CreateIndexNode {
  readonly kind: "createIndex";
  readonly name: string;
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly ifNotExists: boolean;
}

/** `DROP TABLE [IF EXISTS] …`. */
export interface DropTableNode {
  readonly kind: "dropTable";
  readonly table: TableNode;
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

/** Asks the catalogue whether a table exists; each dialect knows where to look. */
export interface TableExistsNode {
  readonly kind: "tableExists";
  readonly table: TableNode;
}

/** A statement the compiler can render. */
export type StatementNode =
  | SelectNode
  | InsertNode
  | UpdateNode
  | DeleteNode
  | CreateTableNode
  | CreateIndexNode
  | DropTableNode
  | TableExistsNode
  | RawNode;
