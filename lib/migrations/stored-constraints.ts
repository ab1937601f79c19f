import { PostgresCompiler } from "../sql/dialects/postgres/compiler";
import { SQLiteCompiler } from "../sql/dialects/sqlite/compiler";
import type { ExpressionNode } from "../sql/ast/nodes";
import { tableConstraints } from "../table/constraints";
import type { TableMeta } from "../table/metadata";
import type { ConstraintSchema, IndexSchema, SqlText } from "./schema";

const compilers = { postgres: new PostgresCompiler(), sqlite: new SQLiteCompiler() };

/**
 * A condition as migration files store it: rendered by both dialects (literal values, bare column
 * names), one string when they agree; SQL text given by hand is kept as it is.
 */
export function storedCondition(node: ExpressionNode): SqlText {
  if (node.kind === "dialectSql") return node.sql.postgres === node.sql.sqlite ? node.sql.postgres : node.sql;
  const postgres = compilers.postgres.renderCondition(node);
  const sqlite = compilers.sqlite.renderCondition(node);
  return postgres === sqlite ? postgres : { postgres, sqlite };
}

/** A table class's unique and check constraints as migration files store them. */
export function storedConstraints(meta: TableMeta): ConstraintSchema[] {
  const declared = tableConstraints(meta);
  return [
    ...declared.unique.map((u): ConstraintSchema => ({ type: "unique", name: u.name, columns: u.columns })),
    ...declared.checks.map((c): ConstraintSchema => ({ type: "check", name: c.name, check: storedCondition(c.condition) })),
  ];
}

/** A table class's declared indexes as migration files store them. */
export function storedIndexes(meta: TableMeta): IndexSchema[] {
  return tableConstraints(meta).indexes.map((i) => ({
    name: i.name,
    columns: i.columns,
    method: i.method,
    unique: i.unique,
    where: i.where === undefined ? undefined : storedCondition(i.where),
  }));
}
