import { BooleanColumn } from "../columns/boolean";
import type { ColumnType } from "../columns/column-type";
import { Integer } from "../columns/integer";
import { assertKnownOptions, distinctOnEmpty, notAColumn } from "../errors/factories";
import type { ExpressionNode, SelectNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Decoder } from "../sql/dialects/dialect";
import type { TableMeta } from "../table/metadata";
import type { Selectable } from "../table/types";
import { checkRoot, clauseNodes } from "./clauses";
import type { JoinStep } from "./expression";
import { FilteredQuery, type FilteredState } from "./filtered-query";
import { Scalar } from "./scalar";

const integerType = Integer() as ColumnType<unknown>;
const booleanType = BooleanColumn() as ColumnType<unknown>;
// PostgreSQL returns count(*) as a bigint string.
const toNumber: Decoder = (v) => Number(v);

/** What `Band.count(...)` counts: rows, a column's non-null values, or distinct combinations of values. */
export type CountTarget =
  | { readonly kind: "rows" }
  | { readonly kind: "values"; readonly of: Scalar<unknown> }
  | { readonly kind: "distinct"; readonly of: readonly Scalar<unknown>[] };

/** The options of `Band.count({ distinct: [...] })`. */
export interface CountOptions<TSelectable> {
  /** Counts the distinct combinations of these values (NULL counts as one value). */
  readonly distinct: readonly TSelectable[];
}

/** What `Band.count(...)` takes: a column (or expression) whose non-null values it counts, or `{ distinct }`. */
export type CountArgument<TTable> = Selectable<TTable> | CountOptions<Selectable<TTable>>;

const countOptionNames = ["distinct"];

/** Checks `count()`'s argument (a column, `{ distinct }` or nothing) and says what it counts. */
export function countTarget(meta: TableMeta, arg: unknown): CountTarget {
  if (arg === undefined) return { kind: "rows" };
  if (arg instanceof Scalar) {
    checkRoot(meta, arg, "count");
    return { kind: "values", of: arg };
  }
  if (typeof arg !== "object" || arg === null || arg instanceof Array) throw notAColumn("count", arg);
  assertKnownOptions("count()", arg, countOptionNames);
  const items = (arg as { distinct?: unknown }).distinct;
  if (!(items instanceof Array)) throw notAColumn("count", items);
  if (items.length === 0) throw distinctOnEmpty();
  for (const item of items) {
    if (!(item instanceof Scalar)) throw notAColumn("count", item);
    checkRoot(meta, item, "count");
  }
  return { kind: "distinct", of: items as Scalar<unknown>[] };
}

/** The state of a count(). */
interface CountState extends FilteredState<number> {
  readonly target: CountTarget;
}

/**
 * `Band.count().where(...)`: the number of matching rows.
 * PostgreSQL: `SELECT count(*) FROM "band" WHERE …`.
 */
export class CountQuery<TTable> extends FilteredQuery<TTable, number> {
  protected readonly target: CountTarget = { kind: "rows" };

  protected override with(patch: Partial<CountState>): this {
    return this.copy(patch);
  }

  /** This query counting `target` instead of rows (what `Band.count(column)` builds). */
  counting(target: CountTarget): this {
    return this.with({ target });
  }

  private node(): SelectNode {
    const target = this.target;
    if (target.kind === "distinct") return this.distinctNode(target.of);
    const counted: ExpressionNode = target.kind === "values" ? target.of.$node : { kind: "star" };
    const clauses = clauseNodes(this.whereClause, [], target.kind === "values" ? target.of.$joins : []);
    return {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: [{ expr: { kind: "function", name: "count", args: [counted] } }],
      where: clauses.where,
      orderBy: [],
      distinct: false,
    };
  }

  /** `SELECT count(*) FROM (SELECT DISTINCT … FROM … WHERE …) AS "distinct_values"`: works for many columns on both dialects. */
  private distinctNode(items: readonly Scalar<unknown>[]): SelectNode {
    const clauses = clauseNodes(this.whereClause, [], ...items.map((i): readonly JoinStep[] => i.$joins));
    const inner: SelectNode = {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: items.map((item, i) => ({ expr: item.$node, alias: `value_${i}` })),
      where: clauses.where,
      orderBy: [],
      distinct: true,
    };
    return {
      kind: "select",
      from: { kind: "table", name: "distinct_values", query: inner },
      joins: [],
      selections: [{ expr: { kind: "function", name: "count", args: [{ kind: "star" }] } }],
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
