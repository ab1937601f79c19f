// Derived tables (`FROM (SELECT …) AS name`) and CTEs (`WITH name AS (SELECT …)`): a select or a
// union read as a table, with typed columns, by its own select() and by other tables' joins.
import { assertKnownOptions, invalidSourceName } from "../errors/factories";
import type { SetOperator } from "../sql/ast/nodes";
import { registerTable } from "../table/metadata";
import type { RowOf, Selectable, UniqueKeys } from "../table/types";
import { Scalar } from "./scalar";
import { SelectQuery } from "./select";
import { checkColumnCount, setOperandOf, type SameShape, type SetOperand } from "./set-operation";
import { SourceMeta } from "./source-meta";

declare const sourceBrand: unique symbol;

/** The table type of a derived table or CTE named `TName` with rows `TRow`: its columns' and selects' root. */
export interface SourceRow<TName extends string, TRow> {
  readonly [sourceBrand]: (row: [TName, TRow]) => [TName, TRow];
}

/** A derived table's or CTE's columns (`top.c.name`): one per output key of its query. */
export type SourceColumns<TName extends string, TRow> = {
  readonly [K in keyof TRow & string]: Scalar<TRow[K], K, SourceRow<TName, TRow>>;
};

/**
 * A query read as a table: its columns are `source.c`, it is selected from with `source.select()`
 * and joined into other selects with `join(source, source.c.column, Table.c.column)`.
 */
export class QuerySource<TName extends string, TRow> {
  /** Phantom: the table type, as `join()` reads it from table classes. */
  declare readonly $rowType?: (row: SourceRow<TName, TRow>) => SourceRow<TName, TRow>;
  readonly c: SourceColumns<TName, TRow>;
  private readonly columns: readonly Scalar<unknown>[];

  constructor(
    readonly tableName: TName,
    private readonly meta: SourceMeta,
    selections: readonly Scalar<unknown>[],
  ) {
    this.columns = selections.map((s) => {
      const node = { kind: "column", table: tableName, name: s.$key, type: s.$valueType.dataType } as const;
      return new Scalar(node, [], meta, s.$key, s.$valueType, s.$decoder);
    });
    this.c = Object.fromEntries(this.columns.map((c) => [c.$key, c])) as SourceColumns<TName, TRow>;
    // join() finds a table's metadata by the object passed to it.
    registerTable(meta, this);
  }

  /**
   * Selects from the source: every column, or the given ones (its columns and expressions of them).
   * @example
   * DerivedTable("popular", Band.select(Band.c.name, Band.c.popularity).where(Band.c.popularity.gte(100))).select()
   * // postgres: SELECT "popular"."name", "popular"."popularity" FROM (SELECT "band"."name", "band"."popularity" FROM
   * //           "band" WHERE "band"."popularity" >= $1) AS "popular"
   * // sqlite:   SELECT "popular"."name", "popular"."popularity" FROM (SELECT "band"."name", "band"."popularity" FROM
   * //           "band" WHERE "band"."popularity" >= ?) AS "popular"
   */
  select(): SelectQuery<SourceRow<TName, TRow>, TRow>;
  select<TSelection extends Selectable<SourceRow<TName, TRow>>[]>(
    ...columns: TSelection & UniqueKeys<TSelection>
  ): SelectQuery<SourceRow<TName, TRow>, RowOf<TSelection>>;
  select(...columns: Scalar<unknown>[]): unknown {
    return new SelectQuery(this.meta, columns.length === 0 ? this.columns : columns);
  }
}

function checkName(fn: string, name: unknown): void {
  if (typeof name !== "string" || name.length === 0) throw invalidSourceName(fn, name);
}

/**
 * A select (or union) read as a table in FROM or JOIN position: `FROM (SELECT …) AS "name"`.
 * Its columns are typed by the query's rows: `DerivedTable("top", Band.select(Band.c.name)).c.name`.
 * @example
 * DerivedTable("counts", Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager)).select()
 * // postgres: SELECT "counts"."manager", "counts"."bands" FROM (SELECT "band"."manager", count(*) AS "bands" FROM
 * //           "band" GROUP BY "band"."manager") AS "counts"
 * // sqlite:   SELECT "counts"."manager", "counts"."bands" FROM (SELECT "band"."manager", count(*) AS "bands" FROM
 * //           "band" GROUP BY "band"."manager") AS "counts"
 */
export function DerivedTable<TName extends string, TRow>(
  name: TName,
  query: SetOperand<TRow>,
): QuerySource<TName, TRow> {
  checkName("DerivedTable", name);
  const operand = setOperandOf("DerivedTable", query);
  return new QuerySource(name, new SourceMeta(name, operand.meta, operand.node), operand.selections);
}

/**
 * A common table expression: the query is named once in a `WITH "name" AS (…)` clause, which every
 * select reading the source (from it, or joining it) starts with.
 * @example
 * With("loud", Band.select(Band.c.name, Band.c.popularity).where(Band.c.popularity.gt(100))).select()
 * // postgres: WITH "loud" AS (SELECT "band"."name", "band"."popularity" FROM "band" WHERE "band"."popularity" > $1)
 * //           SELECT "loud"."name", "loud"."popularity" FROM "loud"
 * // sqlite:   WITH "loud" AS (SELECT "band"."name", "band"."popularity" FROM "band" WHERE "band"."popularity" > ?)
 * //           SELECT "loud"."name", "loud"."popularity" FROM "loud"
 */
export function With<TName extends string, TRow>(name: TName, query: SetOperand<TRow>): QuerySource<TName, TRow> {
  checkName("With", name);
  const operand = setOperandOf("With", query);
  const meta = new SourceMeta(name, operand.meta, undefined);
  meta.cte = { name, query: operand.node, recursive: false };
  return new QuerySource(name, meta, operand.selections);
}

/**
 * A recursive CTE (`WITH RECURSIVE`): the rows of `base`, then, again and again, the rows `step`
 * finds from the rows found last (it reads the CTE it is given, usually through a join), until
 * it finds none. `UNION ALL` by default; `{ distinct: true }` drops repeated rows (`UNION`),
 * which also ends a walk that loops.
 * @example
 * WithRecursive("chain", Band.select(Band.c.id, Band.c.name).where(Band.c.id.eq(1)), (chain) =>
 *   Band.select(Band.c.id, Band.c.name).join(chain, chain.c.id, Band.c.id).where(Band.c.id.lt(0)),
 * ).select()
 * // postgres: WITH RECURSIVE "chain" AS (SELECT "band"."id", "band"."name" FROM "band" WHERE "band"."id" = $1 UNION
 * //           ALL SELECT "band"."id", "band"."name" FROM "band" INNER JOIN "chain" ON "chain"."id" = "band"."id" WHERE
 * //           "band"."id" < $2) SELECT "chain"."id", "chain"."name" FROM "chain"
 * // sqlite:   WITH RECURSIVE "chain" AS (SELECT "band"."id", "band"."name" FROM "band" WHERE "band"."id" = ? UNION ALL
 * //           SELECT "band"."id", "band"."name" FROM "band" INNER JOIN "chain" ON "chain"."id" = "band"."id" WHERE
 * //           "band"."id" < ?) SELECT "chain"."id", "chain"."name" FROM "chain"
 */
export function WithRecursive<TName extends string, TRow, TStep>(
  name: TName,
  base: SetOperand<TRow>,
  step: (self: QuerySource<TName, TRow>) => SetOperand<TStep> & SameShape<TRow, TStep>,
  options: { distinct?: boolean } = {},
): QuerySource<TName, TRow> {
  checkName("WithRecursive", name);
  assertKnownOptions("WithRecursive()", options, ["distinct"]);
  const first = setOperandOf("WithRecursive", base);
  const meta = new SourceMeta(name, first.meta, undefined);
  const source = new QuerySource<TName, TRow>(name, meta, first.selections);
  // The step's node is made now, before the CTE is set: the step reads it without a WITH of its own.
  const next = setOperandOf("WithRecursive", step(source));
  checkColumnCount("WithRecursive", first, next);
  const op: SetOperator = options.distinct ? "UNION" : "UNION ALL";
  meta.cte = {
    name,
    recursive: true,
    query: { kind: "compound", first: first.node, rest: [{ op, query: next.node }], orderBy: [] },
  };
  return source;
}
