import type { ExpressionNode, SelectionNode, StatementNode } from "../sql/ast/nodes";
import type { OwnColumn } from "../table/types";
import { WriteQuery } from "./write-target";

/**
 * `Band.delete().where(Band.c.name.eq("x"))`: resolves to the number of rows deleted, or the
 * `returning(...)` rows. Refuses to run without where unless `Band.delete({ force: true })`.
 * PostgreSQL: `DELETE FROM "band" WHERE "band"."name" = $1`.
 */
export class DeleteQuery<TTable, Out = number> extends WriteQuery<TTable, Out> {
  protected readonly operation = "delete";

  /**
   * Return these columns of the deleted rows instead of the count.
   * @example
   * Band.delete().where(Band.c.popularity.lt(5)).returning(Band.c.name)
   * // postgres: DELETE FROM "band" WHERE "band"."popularity" < $1 RETURNING "band"."name"
   * // sqlite:   DELETE FROM "band" WHERE "band"."popularity" < ? RETURNING "band"."name"
   */
  returning<TSelection extends OwnColumn<TTable>[]>(
    ...columns: TSelection
  ): DeleteQuery<TTable, { [C in TSelection[number] as C["$key"]]: C["$type"] }[]> {
    return this.withReturning(columns);
  }

  protected setForShape(): readonly (readonly [string, ExpressionNode])[] {
    return [];
  }

  protected statement(where: ExpressionNode | undefined, returning: SelectionNode[]): StatementNode {
    return { kind: "delete", table: this.meta.node, where, returning };
  }
}
