import { notAColumn } from "../errors/factories";
import type { SelectionNode } from "../sql/ast/nodes";
import type { Dialect } from "../sql/dialects/dialect";
import type { TableMeta } from "../table/metadata";
import { checkRoot } from "./clauses";
import { ColumnRef, type ColumnRefMembers } from "./column-ref";
import { plainRowMapper, type RowMapper } from "./row-mapper";

/** Checks `returning(...)` columns: own columns only, since RETURNING cannot join. */
export function toReturning(meta: TableMeta, columns: readonly unknown[]): ColumnRefMembers<unknown>[] {
  return columns.map((c) => {
    if (!(c instanceof ColumnRef)) throw notAColumn("returning", c);
    checkRoot(meta, c, "returning");
    if (c.$joins.length > 0) throw notAColumn("returning (columns of this table only)", c.$key);
    return c;
  });
}

/** The RETURNING selections and the mapper for their rows. */
export function returningParts<TRow>(
  dialect: Dialect,
  columns: readonly ColumnRefMembers<unknown>[],
): { nodes: SelectionNode[]; map: RowMapper<TRow> } {
  return {
    nodes: columns.map((c) => ({ expr: c.$node, alias: c.$key === c.$column.dbName ? undefined : c.$key })),
    map: plainRowMapper<TRow>(
      columns.map((c) => c.$key),
      columns.map((c) => dialect.decoder(c.$column.type.dataType)),
    ),
  };
}
