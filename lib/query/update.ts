import { typedParam } from "./typed-param";
import { assertKnownOptions, nothingToUpdate, updateValueJoins } from "../errors/factories";
import type { ExpressionNode, SelectionNode, StatementNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import { validateBeforeWrite, writeFailure, type WriteCheck } from "../table/write-validation";
import { ValidationError } from "../errors/orm-error";
import { checkRoot } from "./clauses";
import type { OwnColumn } from "../table/types";
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
export class UpdateQuery<TTable, Out = number> extends WriteQuery<TTable, Out> {
  protected readonly operation = "update";
  private readonly set: readonly (readonly [string, ExpressionNode])[];
  /** The first value a column refused; thrown (with every other failing field) when the query compiles. */
  private readonly invalid: ValidationError | undefined;
  private readonly writeCheck: WriteCheck;
  private readonly validateValues: boolean = true;
  /** The properties set, autoUpdate columns included. */
  private readonly properties: readonly string[];

  /** `source` is the instance that `save()` updates, validated in place of `values`. */
  constructor(meta: TableMeta, values: Record<string, unknown>, force: boolean, source?: object) {
    super(meta, force);
    // Keys set to undefined are left alone, as in Prisma and Drizzle: only null writes NULL.
    const entries = Object.entries(values ?? {}).filter(([, value]) => value !== undefined);
    if (entries.length === 0) throw nothingToUpdate(meta.className);
    // Values computed by the database (expressions) are not validated; the others are, together.
    const fields = entries.filter(([, value]) => !(value instanceof Expression)).map(([key]) => key);
    this.writeCheck = { meta, rows: [source ?? values], fields };
    entries.push(...autoUpdates(meta, new Set(entries.map(([key]) => key))));
    let invalid: ValidationError | undefined;
    this.properties = entries.map(([key]) => meta.column(key).property);
    this.set = entries.map(([key, value]) => {
      const column = meta.column(key);
      if (value instanceof Expression) {
        checkRoot(meta, value, "update");
        if (value.$joins.length > 0) throw updateValueJoins();
        return [column.dbName, typedParam(value.$node, column.type)] as const;
      }
      try {
        return [column.dbName, column.type.valueNode(column.type.check(value, meta.tableName, key))] as const;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        invalid ??= error;
        return [column.dbName, column.type.valueNode(null)] as const;
      }
    });
    this.invalid = invalid;
  }

  /**
   * Whether to validate the values before updating (default true): class-validator decorators of
   * the fields set and their column rules, every failing field in one ValidationError.
   * `validate(false)` skips class-validator; column types still refuse values they cannot store.
   * @example
   * Band.update({ popularity: 0 }).where(Band.c.name.eq("Gophers")).validate(false)
   * // postgres: UPDATE "band" SET "popularity" = $1 WHERE "band"."name" = $2
   * // sqlite:   UPDATE "band" SET "popularity" = ? WHERE "band"."name" = ?
   */
  validate(enabled = true): this {
    return this.copy({ validateValues: enabled });
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
  returning<TSelection extends OwnColumn<TTable>[]>(
    ...columns: TSelection
  ): UpdateQuery<TTable, { [C in TSelection[number] as C["$key"]]: C["$type"] }[]> {
    return this.withReturning(columns);
  }

  protected override execute(): Promise<Out> {
    const validating = validateBeforeWrite(this.writeCheck, this.validateValues);
    return validating === undefined ? super.execute() : validating.then(() => this.write());
  }

  protected setForShape(): readonly (readonly [string, ExpressionNode])[] | undefined {
    return this.invalid === undefined ? this.set : undefined;
  }

  protected statement(where: ExpressionNode | undefined, returning: SelectionNode[]): StatementNode {
    if (this.invalid !== undefined) throw writeFailure(this.writeCheck, this.validateValues, this.invalid);
    return { kind: "update", table: this.meta.node, set: this.set, where, returning };
  }
}
