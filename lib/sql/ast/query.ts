// Statements that read and write rows, and the union of every statement the compiler renders.
import type { ExpressionNode, RawNode, SelectionNode, TableNode } from "./expression";
import type * as S from "./schema";

/** `LEFT JOIN table AS alias ON …` (foreign-key traversal and `leftJoin()`), or `INNER JOIN` (`join()`). */
export interface JoinNode {
  readonly kind: "join";
  readonly table: TableNode;
  readonly on: ExpressionNode;
  /** Absent: a left join. */
  readonly type?: "inner" | "left" | undefined;
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
  readonly groupBy?: readonly ExpressionNode[] | undefined;
  /** `HAVING …`: a condition on the groups. */
  readonly having?: ExpressionNode | undefined;
  /** `DISTINCT ON (…)`, PostgreSQL only. */
  readonly distinctOn?: readonly ExpressionNode[] | undefined;
  /** `FOR UPDATE` and friends, PostgreSQL only. */
  readonly lock?: LockNode | undefined;
  /** `AS OF SYSTEM TIME …` after the FROM clause, CockroachDB only: a Date, a negative interval or follower_read_timestamp(). */
  readonly asOfSystemTime?: Date | string | undefined;
  /** `WITH name AS (…)`: the common table expressions its FROM and JOINs read. */
  readonly with?: readonly CteNode[] | undefined;
}

/** One common table expression: `name AS (query)`; a recursive one reads itself in its query. */
export interface CteNode {
  readonly name: string;
  readonly query: QueryNode;
  readonly recursive: boolean;
}

/** How a compound query combines its members' rows. */
export type SetOperator = "UNION" | "UNION ALL" | "INTERSECT" | "EXCEPT";

/** One ORDER BY item of a compound query: an output column, by name. */
export interface OutputOrderNode {
  readonly name: string;
  readonly direction: "asc" | "desc";
  readonly nulls?: "first" | "last" | undefined;
}

/**
 * `first UNION second INTERSECT third … ORDER BY … LIMIT … OFFSET …`, applied left to right; the
 * members have as many columns as the first, whose names the rows get.
 */
export interface CompoundNode {
  readonly kind: "compound";
  readonly first: QueryNode;
  readonly rest: readonly { readonly op: SetOperator; readonly query: QueryNode }[];
  readonly orderBy: readonly OutputOrderNode[];
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** Common table expressions of the whole compound (a member's own are hoisted here when compiled). */
  readonly with?: readonly CteNode[] | undefined;
}

/** A query that yields rows: a select or a compound of selects. */
export type QueryNode = SelectNode | CompoundNode;

/** Row locks taken by a select inside a transaction. */
export interface LockNode {
  readonly mode: "update" | "no key update" | "share" | "key share";
  readonly wait: "wait" | "nowait" | "skip locked";
  readonly of: readonly TableNode[];
}

/** `INSERT INTO table (…) VALUES (…), … RETURNING …`. */
export interface InsertNode {
  readonly kind: "insert";
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ExpressionNode[])[];
  readonly returning: readonly SelectionNode[];
  readonly onConflict?: OnConflictNode | undefined;
}

/** `ON CONFLICT (target) DO NOTHING | DO UPDATE SET …` (PostgreSQL and SQLite spell it alike). */
export interface OnConflictNode {
  readonly target: readonly string[];
  readonly set: readonly (readonly [string, ExpressionNode])[] | undefined;
  /** `DO UPDATE SET … WHERE …`: only existing rows matching it are updated. */
  readonly where?: ExpressionNode | undefined;
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
/** A statement the compiler can render. */
export type StatementNode =
  | SelectNode
  | CompoundNode
  | InsertNode
  | UpdateNode
  | DeleteNode
  | S.CreateTableNode
  | S.CreateIndexNode
  | S.DropTableNode
  | S.TableExistsNode
  | S.TableIndexesNode
  | S.TableColumnsNode
  | S.AlterTableNode
  | S.RenameTableNode
  | S.DropIndexNode
  | S.DropColumnConstraintsNode
  | S.InsertSelectNode
  | S.ForeignKeysNode
  | S.ForeignKeyCheckNode
  | S.AddConstraintNode
  | S.DropConstraintNode
  | S.CarryOverNode
  | S.LegacyAlterTableNode
  | S.TableObjectsNode
  | RawNode
  | S.AdvisoryLockNode
  | S.LockTableNode;
