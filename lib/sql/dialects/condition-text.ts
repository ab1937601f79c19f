import type { ExpressionNode } from "../ast/nodes";
import { PostgresCompiler } from "./postgres/compiler";
import { SQLiteCompiler } from "./sqlite/compiler";

/** SQL text of a condition: one string when PostgreSQL and SQLite spell it alike, else each dialect's own. */
export type SqlText = string | { readonly postgres: string; readonly sqlite: string };

const compilers = { postgres: new PostgresCompiler(), sqlite: new SQLiteCompiler() };

/**
 * A DDL condition (a check, a partial index's where) as text: rendered by both dialects (literal
 * values, bare column names), one string when they agree; SQL text given by hand is kept as it is.
 */
export function conditionText(node: ExpressionNode): SqlText {
  if (node.kind === "dialectSql") return node.sql.postgres === node.sql.sqlite ? node.sql.postgres : node.sql;
  const postgres = compilers.postgres.renderCondition(node);
  const sqlite = compilers.sqlite.renderCondition(node);
  return postgres === sqlite ? postgres : { postgres, sqlite };
}
