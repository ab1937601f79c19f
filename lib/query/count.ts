import type { SelectNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { clauseNodes } from "./clauses";
import { FilteredQuery } from "./filtered-query";

/**
 * `Band.count().where(...)`: the number of matching rows.
 * PostgreSQL: `SELECT count(*) FROM "band" WHERE …`.
 */
export class CountQuery<T> extends FilteredQuery<T, number> {
  toSQL(): CompiledQuery {
    const clauses = clauseNodes(this.whereClause, []);
    const node: SelectNode = {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: [{ expr: { kind: "function", name: "count", args: [{ kind: "star" }] } }],
      where: clauses.where,
      orderBy: [],
      distinct: false,
    };
    return this.meta.engine.dialect.compiler.compile(node);
  }

  protected async execute(): Promise<number> {
    const result = await this.meta.engine.query(this.toSQL(), "arrays");
    // PostgreSQL returns count(*) as a bigint string.
    return Number((result.rows[0] as unknown[])[0]);
  }
}

/**
 * `Band.exists().where(...)`: whether any row matches.
 * PostgreSQL: `SELECT 1 FROM "band" WHERE … LIMIT $1`.
 */
export class ExistsQuery<T> extends FilteredQuery<T, boolean> {
  toSQL(): CompiledQuery {
    const clauses = clauseNodes(this.whereClause, []);
    const node: SelectNode = {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: [{ expr: { kind: "raw", sql: "1", params: [] } }],
      where: clauses.where,
      orderBy: [],
      limit: 1,
      distinct: false,
    };
    return this.meta.engine.dialect.compiler.compile(node);
  }

  protected async execute(): Promise<boolean> {
    return (await this.meta.engine.query(this.toSQL(), "arrays")).rows.length > 0;
  }
}
