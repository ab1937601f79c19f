import { typedParam } from "./typed-param";
import { assertKnownOptions, nothingToUpdate, updateValueJoins } from "../errors/factories";
import type { ExpressionNode, SelectionNode, StatementNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import { checkRoot } from "./clauses";
import type { ColumnRef } from "./column-ref";
import { Expression } from "./expression";
import { autoUpdates } from "./auto-update";
import { WriteQuery } from "./write-target";

/** Options of update() and delete(). */
export interface WriteOptions {
  /** Allow running without a where clause, touching every row. */
  force?: boolean;
}

/** Checks write options, shared by update() and delete(). */
export function toWriteOptions(method: string, options: WriteOptions): boolean {
  assertKnownOptions(`${method}()`, options, ["force"]);
  return options.force === true;
}

/**
 * `Band.update({ popularity: Band.c.popularity.plus(1) }).where(...)`: resolves to the number of
 * rows changed, or to the `returning(...)` rows. Refuses to run without where unless `{ force: true }`.
 * PostgreSQL: `UPDATE "band" SET "popularity" = "band"."popularity" + $1 WHERE "band"."name" = $2`.
 */
export class UpdateQuery<T, Out = number> extends WriteQuery<T, Out> {
  protected readonly operation = "update";
  private readonly set: readonly (readonly [string, ExpressionNode])[];
  /** The properties set, autoUpdate columns included. */
  private readonly properties: readonly string[];

  constructor(meta: TableMeta, values: Record<string, unknown>, force: boolean) {
    super(meta, force);
    // Keys set to undefined are left alone, as in Prisma and Drizzle: only null writes NULL.
    const entries = Object.entries(values ?? {}).filter(([, value]) => value !== undefined);
    if (entries.length === 0) throw nothingToUpdate(meta.className);
    entries.push(...autoUpdates(meta, new Set(entries.map(([key]) => key))));
    this.properties = entries.map(([key]) => meta.column(key).property);
    this.set = entries.map(([key, value]) => {
      const column = meta.column(key);
      if (value instanceof Expression) {
        checkRoot(meta, value, "update");
        if (value.$joins.length > 0) throw updateValueJoins();
        return [column.dbName, typedParam(value.$node, column.type)] as const;
      }
      return [column.dbName, column.type.valueNode(column.type.check(value, meta.tableName, key))] as const;
    });
  }

  /** The properties this update sets, autoUpdate columns included. */
  columnsSet(): readonly string[] {
    return this.properties;
  }

  /**
   * Return these columns of the changed rows instead of the count.
   * @example
   * Band.update({ popularity: 0 }).where(Band.c.name.eq("Gophers")).returning(Band.c.id)
   * // postgres: UPDATE "band" SET "popularity" = $1 WHERE "band"."name" = $2 RETURNING "band"."id"
   * // sqlite:   UPDATE "band" SET "popularity" = ? WHERE "band"."name" = ? RETURNING "band"."id"
   */
  returning<S extends ColumnRef<unknown, string, T>[]>(
    ...columns: S
  ): UpdateQuery<T, { [C in S[number] as C["$key"]]: C["$type"] }[]> {
    return this.withReturning(columns);
  }

  protected statement(where: ExpressionNode | undefined, returning: SelectionNode[]): StatementNode {
    return { kind: "update", table: this.meta.node, set: this.set, where, returning };
  }
}
