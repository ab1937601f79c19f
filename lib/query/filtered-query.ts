import type { Condition, ParamsOf } from "./expression";
import { addWhere, type QueryTables } from "./clauses";
import type { RootCondition } from "./explicit-join";
import { Query, type QueryState } from "./query";
import type { TableMeta } from "../table/metadata";

/** The state of a query with a where clause. */
export interface FilteredState<Result> extends QueryState<Result> {
  readonly whereClause: Condition | undefined;
}

/** What bind() takes: the values of the `Param()`s compared with in where(), or of those given to freeze(). */
export type BindValues<TDeclared> = unknown extends TDeclared ? Readonly<Record<string, unknown>> : TDeclared;

/** The query, whose bind() also takes these parameters' values (none: the query unchanged). */
export type WithParams<TQuery, TValues> = unknown extends TValues ? TQuery : TQuery & { readonly $bindValues: TValues };

/** A query on one table with a where clause. */
export abstract class FilteredQuery<TTable, TResult> extends Query<TResult> {
  protected readonly whereClause: Condition | undefined = undefined;

  protected override with(patch: Partial<FilteredState<TResult>>): this {
    return this.copy(patch);
  }

  constructor(protected readonly meta: TableMeta) {
    super();
  }

  /**
   * Phantom: the values `bind()` takes, gathered from where()'s `Param()` comparisons and freeze(param, …);
   * `unknown` while there are none.
   */
  declare readonly $bindValues: unknown;

  /**
   * Keeps rows matching every condition: `.where(Band.c.popularity.gt(900))`. Repeated calls AND together.
   * @example
   * Band.select(Band.c.name).where(Band.c.popularity.gte(100), Band.c.manager.name.eq("Guido"))
   * // postgres: SELECT "band"."name" FROM "band" LEFT JOIN "manager" AS "band$manager" ON "band$manager"."id" =
   * //           "band"."manager" WHERE ("band"."popularity" >= $1) AND ("band$manager"."name" = $2)
   * // sqlite:   SELECT "band"."name" FROM "band" LEFT JOIN "manager" AS "band$manager" ON "band$manager"."id" =
   * //           "band"."manager" WHERE ("band"."popularity" >= ?) AND ("band$manager"."name" = ?)
   */
  where<TConditions extends RootCondition<TTable>[]>(
    ...conditions: TConditions
  ): WithParams<this, ParamsOf<TConditions[number]>> {
    const whereClause = addWhere(this.tables(), this.whereClause, conditions as Condition[]);
    return this.with({ whereClause }) as WithParams<this, ParamsOf<TConditions[number]>>;
  }

  /** The tables whose expressions this query accepts: its own, and a select's joined tables. */
  protected tables(): QueryTables {
    return this.meta;
  }
}
