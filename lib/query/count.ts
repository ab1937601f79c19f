import { BooleanColumn } from "../columns/boolean";
import type { ColumnType } from "../columns/column-type";
import { Integer } from "../columns/integer";
import type { SelectNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Decoder } from "../sql/dialects/dialect";
import { clauseNodes } from "./clauses";
import { FilteredQuery } from "./filtered-query";
import { Scalar } from "./scalar";

const integerType = Integer() as ColumnType<unknown>;
const booleanType = BooleanColumn() as ColumnType<unknown>;
// PostgreSQL returns count(*) as a bigint string.
const toNumber: Decoder = (v) => Number(v);

/**
 * `Band.count().where(...)`: the number of matching rows.
 * PostgreSQL: `SELECT count(*) FROM "band" WHERE …`.
 */
export class CountQuery<TTable> extends FilteredQuery<TTable, number> {
  private node(): SelectNode {
    const clauses = clauseNodes(this.whereClause, []);
    return {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: [{ expr: { kind: "function", name: "count", args: [{ kind: "star" }] } }],
      where: clauses.where,
      orderBy: [],
      distinct: false,
    };
  }

  /**
   * The count as a value of each row of an outer query, correlated through `Outer()`: a list page's
   * counts in the same query.
   * @example
   * Band.select(Band.c.name, Concert.count().where(Concert.c.band1.eq(Outer(Band.c.id))).as("concerts"))
   * // postgres: SELECT "band"."name", (SELECT count(*) FROM "concert" WHERE "concert"."band1" = "band"."id") AS "concerts" FROM "band"
   * // sqlite:   SELECT "band"."name", (SELECT count(*) FROM "concert" WHERE "concert"."band1" = "band"."id") AS "concerts" FROM "band"
   */
  as<TAlias extends string>(alias: TAlias): Scalar<number, TAlias> {
    return new Scalar({ kind: "subquery", query: this.node() }, [], undefined, alias, integerType, toNumber);
  }

  toSQL(): CompiledQuery {
    return this.meta.engine.dialect.compiler.compile(this.node());
  }

  protected async execute(): Promise<number> {
    const result = await this.meta.engine.query(this.toSQL(), "arrays");
    return Number((result.rows[0] as unknown[])[0]);
  }
}

/**
 * `Band.exists().where(...)`: whether any row matches.
 * PostgreSQL: `SELECT 1 FROM "band" WHERE … LIMIT $1`.
 */
export class ExistsQuery<TTable> extends FilteredQuery<TTable, boolean> {
  private node(): SelectNode {
    const clauses = clauseNodes(this.whereClause, []);
    return {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: [{ expr: { kind: "raw", sql: "1", params: [] } }],
      where: clauses.where,
      orderBy: [],
      limit: 1,
      distinct: false,
    };
  }

  /**
   * Whether a row matches, as a boolean value of each row of an outer query, correlated through `Outer()`.
   * @example
   * Band.select(Band.c.name, Concert.exists().where(Concert.c.band2.eq(Outer(Band.c.id))).as("opens"))
   * // postgres: SELECT "band"."name", EXISTS (SELECT (1) FROM "concert" WHERE "concert"."band2" = "band"."id" LIMIT 1)
   * //           AS "opens" FROM "band"
   * // sqlite:   SELECT "band"."name", EXISTS (SELECT (1) FROM "concert" WHERE "concert"."band2" = "band"."id" LIMIT 1)
   * //           AS "opens" FROM "band"
   */
  as<TAlias extends string>(alias: TAlias): Scalar<boolean, TAlias> {
    return new Scalar({ kind: "exists", query: this.node() }, [], undefined, alias, booleanType);
  }

  toSQL(): CompiledQuery {
    return this.meta.engine.dialect.compiler.compile(this.node());
  }

  protected async execute(): Promise<boolean> {
    return (await this.meta.engine.query(this.toSQL(), "arrays")).rows.length > 0;
  }
}
