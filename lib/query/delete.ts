import { missingWhere } from "../errors/factories";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { TableMeta } from "../table/metadata";
import type { ColumnRef } from "./column-ref";
import { returningParts, toReturning } from "./returning";
import { FilteredQuery } from "./select";
import { writeWhere } from "./write-target";

/**
 * `Band.delete().where(Band.c.name.eq("x"))`: resolves to the number of rows deleted, or the
 * `returning(...)` rows. Refuses to run without where unless `Band.delete({ force: true })`.
 * PostgreSQL: `DELETE FROM "band" WHERE "band"."name" = $1`.
 */
export class DeleteQuery<T, Out = number> extends FilteredQuery<T, Out> {
  private readonly returningColumns: readonly ColumnRef<unknown>[] = [];

  constructor(
    meta: TableMeta,
    private readonly force: boolean,
  ) {
    super(meta);
  }

  /** Return these columns of the deleted rows instead of the count. */
  returning<S extends ColumnRef<unknown, string, T>[]>(...columns: S): DeleteQuery<T, { [C in S[number] as C["$key"]]: C["$type"] }[]> {
    return this.with({ returningColumns: toReturning(this.meta, columns) }) as never;
  }

  private compile() {
    if (this.whereClause === undefined && !this.force) throw missingWhere("delete", this.meta.className);
    const dialect = this.meta.engine.dialect;
    const parts = returningParts(dialect, this.returningColumns);
    const compiled = dialect.compiler.compile({
      kind: "delete",
      table: this.meta.node,
      where: writeWhere(this.meta, this.whereClause),
      returning: parts.nodes,
    });
    return { compiled, map: parts.map };
  }

  toSQL(): CompiledQuery {
    return this.compile().compiled;
  }

  protected async execute(): Promise<Out> {
    const { compiled, map } = this.compile();
    const wantRows = this.returningColumns.length > 0;
    const result = await this.meta.engine.query(compiled, wantRows ? "arrays" : "run");
    return (wantRows ? (result.rows as unknown[][]).map(map) : result.rowCount) as Out;
  }
}
