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
}

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
