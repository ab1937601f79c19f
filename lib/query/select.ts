import { notAColumn } from "../errors/factories";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { SelectNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import { ColumnRef } from "./column-ref";
import { addWhere, checkRoot, clauseNodes, toCount, toOrderItems } from "./clauses";
import type { Condition, Expression, OrderItem } from "./expression";
import { Query } from "./query";
import { plainRowMapper, type RowMapper } from "./row-mapper";

/** A query on one table with a where clause. */
export abstract class FilteredQuery<T, R> extends Query<R> {
  protected readonly whereClause: Condition | undefined = undefined;

  constructor(protected readonly meta: TableMeta) {
    super();
  }

  /** Keeps rows matching every condition: `.where(Band.c.popularity.gt(900))`. Repeated calls AND together. */
  where(...conditions: Condition<T>[]): this {
    return this.with({ whereClause: addWhere(this.meta, this.whereClause, conditions) });
  }
}

/** The parts every row-reading query shares. */
export abstract class ReadQuery<T, R> extends FilteredQuery<T, R> {
  protected readonly orderItems: readonly OrderItem[] = [];
  protected readonly limitCount: number | undefined = undefined;
  protected readonly offsetCount: number | undefined = undefined;

  /** Sorts by columns (ascending) or `column.desc()` items; repeated calls append. */
  orderBy(...items: (Expression<unknown, T> | OrderItem<T>)[]): this {
    return this.with({ orderItems: [...this.orderItems, ...toOrderItems(this.meta, items)] });
  }

  /** At most `n` rows. */
  limit(n: number): this {
    return this.with({ limitCount: toCount("limit", n) });
  }

  /** Skips the first `n` rows. */
  offset(n: number): this {
    return this.with({ offsetCount: toCount("offset", n) });
  }

  /** The SELECT node for these selections and the clauses set so far. */
  protected selectNode(selections: readonly ColumnRef<unknown>[], distinct: boolean, limit = this.limitCount): SelectNode {
    const clauses = clauseNodes(this.whereClause, this.orderItems, ...selections.map((s) => s.$joins));
    return {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: selections.map((s) => ({ expr: s.$node, alias: s.$key === (s.$node as { name?: string }).name ? undefined : s.$key })),
      where: clauses.where,
      orderBy: clauses.orderBy,
      limit,
      offset: this.offsetCount,
      distinct,
    };
  }
}

interface Prepared<R> {
  readonly compiled: CompiledQuery;
  readonly map: RowMapper<R>;
}

/**
 * `Band.select(Band.c.name, Band.c.manager.name)`: rows as plain objects typed by the selection.
 * PostgreSQL: `SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS "band$manager" ON …`;
 * SQLite: the same with `?` placeholders.
 */
export class SelectQuery<T, R, Out = R[]> extends ReadQuery<T, Out> {
  private readonly isDistinct: boolean = false;
  private readonly firstOnly: boolean = false;
  private cached: Prepared<R> | undefined = undefined;

  constructor(
    meta: TableMeta,
    private readonly selections: readonly ColumnRef<unknown>[],
  ) {
    super(meta);
    for (const s of selections) {
      if (!(s instanceof ColumnRef)) throw notAColumn("select", s);
      checkRoot(meta, s, "select");
    }
    // One output key per column: a column selected twice would otherwise shift the values.
    const seen = new Set<string>();
    this.selections = selections.filter((s) => !seen.has(s.$key) && seen.add(s.$key));
  }

  /** Removes duplicate rows (SELECT DISTINCT). */
  distinct(): this {
    return this.with({ isDistinct: true });
  }

  /** Only the first row, or null when there is none. */
  first(): SelectQuery<T, R, R | null> {
    return this.with({ firstOnly: true }) as unknown as SelectQuery<T, R, R | null>;
  }

  private prepare(): Prepared<R> {
    if (this.cached) return this.cached;
    const dialect = this.meta.engine.dialect;
    const node = this.selectNode(this.selections, this.isDistinct, this.firstOnly ? 1 : this.limitCount);
    const prepared: Prepared<R> = {
      compiled: dialect.compiler.compile(node),
      map: plainRowMapper<R>(
        this.selections.map((s) => s.$key),
        this.selections.map((s) => dialect.decoder(s.$column.type)),
      ),
    };
    this.cached = prepared;
    return prepared;
  }

  toSQL(): CompiledQuery {
    return this.prepare().compiled;
  }

  async run(): Promise<Out> {
    const { compiled, map } = this.prepare();
    const result = await this.meta.engine.query(compiled, "arrays");
    const rows = result.rows as unknown[][];
    if (this.firstOnly) return (rows.length === 0 ? null : map(rows[0]!)) as Out;
    const out = new Array<R>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = map(rows[i]!);
    return out as Out;
  }
}
