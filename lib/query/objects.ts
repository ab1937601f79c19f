import type { Dialect } from "../sql/dialects/dialect";
import { getOrCreateNeedsValues, insertBadRow } from "../errors/factories";
import { InsertQuery } from "./insert";
import { Query } from "./query";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { BinaryNode, SelectNode } from "../sql/ast/nodes";
import { selectRows } from "./lookup-batch";
import { conditionShapeKey, preparedForShape } from "./shape-cache";
import type { TableMeta } from "../table/metadata";
import type { ColumnRefMembers } from "./column-ref";
import type { Insertable } from "../table/types";
import { columnAccessor } from "../table/column-accessor";
import { type Condition } from "./expression";
import type { RootCondition } from "./explicit-join";
import { ReadQuery, type ReadState } from "./read-query";
import { prefetch, prefetchPath, prefetchReverse, reverseForeignKey } from "./prefetch";
import { instanceRowMapper, type RowMapper } from "./row-mapper";
import { promiseOf, thenNow } from "../utils/maybe-sync";

/** The instances of a table matching a condition, for prefetch() (in primary-key order for prefetchReverse()). */
const loadInstances = (table: TableMeta, condition: Condition, ordered = false): Promise<object[]> => {
  const query = new ObjectsQuery<object>(table).where(condition);
  if (!ordered) return query.run();
  const accessor = columnAccessor(table);
  return query.orderBy(...table.primaryKeys.map((k) => accessor[k.property]!)).run();
};

interface Prepared<TTable> {
  /** The dialect it was compiled for: a table may run on another engine in a `withEngine` scope. */
  readonly dialect: Dialect;
  readonly node: SelectNode;
  readonly compiled: CompiledQuery;
  readonly map: RowMapper<TTable>;
}

/** The state of an objects() query. */
export interface ObjectsState<Result> extends ReadState<Result> {
  readonly firstOnly: boolean;
  readonly prefetchPaths: readonly (readonly string[])[];
  readonly reverseKeys: readonly ColumnRefMembers<unknown>[];
}

/**
 * `Band.objects()`: rows as table instances, with `save()`, `remove()`, `refresh()`.
 * @example const band = await Band.objects().get(Band.c.name.eq("Pythonistas")); // Band | null
 */
export class ObjectsQuery<TTable, Out = TTable[]> extends ReadQuery<TTable, Out> {
  private readonly firstOnly: boolean = false;
  private readonly prefetchPaths: readonly (readonly string[])[] = [];
  private readonly reverseKeys: readonly ColumnRefMembers<unknown>[] = [];
  private cached: Prepared<TTable> | undefined = undefined;

  protected override with(patch: Partial<ObjectsState<Out>>): this {
    return this.copy(patch);
  }

  /**
   * Only the first instance, or null.
   * @example
   * Band.objects().orderBy(Band.c.popularity.desc()).first()
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" ORDER BY
   * //           "band"."popularity" DESC LIMIT 1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" ORDER BY
   * //           "band"."popularity" DESC LIMIT 1
   */
  first(): ObjectsQuery<TTable, TTable | null> {
    return this.with({ firstOnly: true }) as unknown as ObjectsQuery<TTable, TTable | null>;
  }

  /**
   * Loads the rows these foreign keys point at (paths too: `Concert.c.band1.manager`) with one
   * query per key and level, not one per row; `getRelated()` then returns them without a query.
   * @example
   * Band.objects().prefetch(Band.c.manager)
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band"
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band"
   */
  prefetch(...foreignKeys: (ColumnRefMembers<unknown, string, TTable> & { readonly $target: unknown })[]): this {
    return this.with({
      prefetchPaths: [...this.prefetchPaths, ...foreignKeys.map((fk) => prefetchPath(this.meta, fk))],
    });
  }

  /**
   * Loads, for every instance, the rows of other tables whose foreign key points at it: one query
   * per foreign key for the whole result (an IN list of the instances' keys), never one per row;
   * `getReverse()` then returns each instance's rows, in the same primary-key order, without a query.
   * @example
   * Manager.objects().orderBy(Manager.c.name).limit(20).prefetchReverse(Band.c.manager)
   * // postgres: SELECT "manager"."id", "manager"."name" FROM "manager" ORDER BY "manager"."name" ASC LIMIT 20
   * // sqlite:   SELECT "manager"."id", "manager"."name" FROM "manager" ORDER BY "manager"."name" ASC LIMIT 20
   */
  prefetchReverse<const Children extends readonly unknown[]>(
    ...foreignKeys: {
      [I in keyof Children]: ColumnRefMembers<unknown, string, Children[I]> & { readonly $target: TTable | undefined };
    }
  ): this {
    return this.with({
      reverseKeys: [...this.reverseKeys, ...foreignKeys.map((fk) => reverseForeignKey(this.meta, fk))],
    });
  }

  /** Runs the prefetches of a page of instances: one query per path level and per reverse foreign key. */
  private async prefetchAll(instances: object[]): Promise<void> {
    await prefetch(this.meta, instances, this.prefetchPaths, loadInstances);
    for (const fk of this.reverseKeys) await prefetchReverse(instances, fk, loadInstances);
  }

  /**
   * The instance matching the conditions (ANDed), or null: `Band.objects().get(Band.c.name.eq("x"))`.
   * @example
   * Band.objects().get(Band.c.name.eq("Pythonistas"), Band.c.popularity.gt(100))
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE
   * //           ("band"."name" = $1) AND ("band"."popularity" > $2) LIMIT 1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE
   * //           ("band"."name" = ?) AND ("band"."popularity" > ?) LIMIT 1
   */
  get(condition: RootCondition<TTable>, ...more: RootCondition<TTable>[]): ObjectsQuery<TTable, TTable | null> {
    return this.where(condition, ...more).first();
  }

  /**
   * Inserts a row with these values and resolves to its instance (keys and defaults filled in).
   * @example
   * Band.objects().create({ name: "Gophers", popularity: 5 })
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3) RETURNING "band"."id"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) RETURNING "band"."id"
   */
  create(values: Insertable<TTable>): CreateQuery<TTable> {
    return new CreateQuery<TTable>(this.meta, values);
  }

  /**
   * The instance matching the condition, created (with the condition's equalities and `defaults`)
   * when there is none. Run it in a transaction when concurrent callers may create the same row.
   * @example
   * Band.objects().getOrCreate(Band.c.name.eq("Gophers"), { popularity: 5 })
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."name" = $1 LIMIT 1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."name" = ? LIMIT 1
   */
  getOrCreate(condition: RootCondition<TTable>, defaults: Insertable<TTable> = {}): GetOrCreateQuery<TTable> {
    return new GetOrCreateQuery(this.get(condition), this.meta, condition, defaults);
  }

  private prepare(): Prepared<TTable> {
    const dialect = this.meta.engine.dialect;
    if (this.cached?.dialect === dialect) return this.cached;
    // Every column, as one array per table (like select()'s default), so its shape key is made once.
    let columns = this.meta.cache.get("objectsColumns") as ColumnRefMembers<unknown>[] | undefined;
    if (columns === undefined) {
      const accessor = columnAccessor(this.meta);
      columns = this.meta.columns.map((c) => accessor[c.property]!);
      this.meta.cache.set("objectsColumns", columns);
    }
    const key = this.shapeKey(columns);
    const prepared =
      key === undefined
        ? this.build(dialect, columns)
        : preparedForShape(dialect, key, this.whereClause!.$node as BinaryNode, () => this.build(dialect, columns));
    this.cached = prepared;
    return prepared;
  }

  /** The shape key (shape-cache.ts) when the SQL depends on nothing but the table and one `column op value`. */
  private shapeKey(columns: readonly object[]): string | undefined {
    const where = this.whereClause;
    if (where === undefined || where.$joins.length > 0 || this.frozen || this.lockNode !== undefined) return undefined;
    if (this.orderItems.length > 0) return undefined;
    const extra = `objects|${this.firstOnly}|${this.limitCount}|${this.offsetCount}`;
    return conditionShapeKey(columns, where.$node, extra, true);
  }

  private build(dialect: Dialect, columns: readonly ColumnRefMembers<unknown>[]): Prepared<TTable> {
    const node = this.selectNode(columns, this.firstOnly ? { limit: 1 } : {});
    const prepared: Prepared<TTable> = {
      dialect,
      node,
      compiled: this.named(dialect.compiler.compile(node)),
      map: instanceRowMapper<TTable>(
        this.meta.cls,
        this.meta.columns.map((c) => c.property),
        this.meta.columns.map((c) => dialect.decoder(c.type.dataType)),
      ),
    };
    return prepared;
  }

  toSQL(): CompiledQuery {
    return this.prepare().compiled;
  }

  /** Streams the instances in chunks (see SelectQuery.batch); prefetches run per chunk. */
  async *batch(options: { size?: number } = {}): AsyncGenerator<TTable[]> {
    const size = this.batchSize(options);
    const { compiled: unbound, map } = this.prepare();
    const compiled = this.bound(unbound);
    for await (const rows of this.meta.engine.stream(compiled, size)) {
      const instances = rows.map(map);
      await this.prefetchAll(instances as object[]);
      yield instances;
    }
  }

  protected execute(): Promise<Out> {
    return promiseOf(() => {
      const { node, compiled: unbound, map } = this.prepare();
      const compiled = this.bound(unbound);
      // Through the lookup batcher: same-tick `get(pk.eq(x))` calls may share one query.
      return thenNow(selectRows(this.meta, node, compiled), (rows) => {
        const instances = rows.map(map);
        const out = (this.firstOnly ? (instances[0] ?? null) : instances) as Out;
        // Without prefetches a synchronous driver's instances need no further promise.
        if (this.prefetchPaths.length === 0 && this.reverseKeys.length === 0) return out;
        return this.prefetchAll(instances as object[]).then(() => out);
      });
    });
  }
}

/** The query made by `objects().create(values)`: one INSERT, resolving to the new instance. */
export class CreateQuery<TTable> extends Query<TTable> {
  private readonly instance: TTable;

  constructor(
    private readonly meta: TableMeta,
    values: Record<string, unknown>,
  ) {
    super();
    const Cls = meta.cls as unknown as new (values: Record<string, unknown>) => TTable;
    if (typeof values !== "object" || values === null) throw insertBadRow(meta.className, values);
    for (const key of Object.keys(values)) meta.column(key);
    this.instance = new Cls(values);
  }

  toSQL(): CompiledQuery {
    return new InsertQuery(this.meta, [this.instance as object]).toSQL();
  }

  // Each run inserts a row of its own, so every run gets a fresh instance.
  protected async execute(): Promise<TTable> {
    const Cls = this.meta.cls as unknown as new (values: Record<string, unknown>) => TTable;
    // The column values only: an M2M field is an own property of instances too, but never a column.
    const template = this.instance as Record<string, unknown>;
    const instance = new Cls(Object.fromEntries(this.meta.columns.map((c) => [c.property, template[c.property]])));
    await new InsertQuery(this.meta, [instance as object]).run();
    return instance;
  }
}

/** Equalities `column = value` found in an AND-only condition: the values a created row takes. */
function equalities(meta: TableMeta, condition: Condition): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const visit = (node: Condition["$node"]): void => {
    if (node.kind === "and") node.items.forEach(visit);
    else if (
      node.kind === "binary" &&
      node.op === "=" &&
      node.left.kind === "column" &&
      node.right.kind === "value" &&
      node.left.table === meta.tableName
    ) {
      const column = meta.columns.find((c) => c.dbName === (node.left as { name: string }).name);
      if (column) values[column.property] = node.right.value;
    }
  };
  visit(condition.$node);
  return values;
}

/** What `getOrCreate(...).withCreated()` resolves to: the row, and whether this call inserted it. */
export interface GetOrCreateResult<TTable> {
  readonly row: TTable;
  readonly created: boolean;
}

/** The query made by `objects().getOrCreate(...)`. */
export class GetOrCreateQuery<TTable> extends ObjectsQuery<TTable, TTable> {
  constructor(
    private readonly lookup: ObjectsQuery<TTable, TTable | null>,
    meta: TableMeta,
    private readonly condition: Condition,
    private readonly defaults: Record<string, unknown>,
  ) {
    super(meta);
  }

  override toSQL(): CompiledQuery {
    return this.lookup.toSQL();
  }

  /**
   * Resolves to `{ row, created }`: Piccolo's `_was_created`, typed. Callbacks go on the returned query.
   * @example
   * Band.objects().getOrCreate(Band.c.name.eq("Gophers"), { popularity: 5 }).withCreated()
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."name" = $1 LIMIT 1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."name" = ? LIMIT 1
   */
  withCreated(): GetOrCreateResultQuery<TTable> {
    return new GetOrCreateResultQuery(this);
  }

  /** The row found or inserted, and whether it was inserted. */
  async findOrCreate(): Promise<GetOrCreateResult<TTable>> {
    const found = await this.lookup.run();
    if (found !== null) return { row: found, created: false };
    const values = { ...equalities(this.meta, this.condition), ...this.defaults };
    if (Object.keys(values).length === 0) {
      throw getOrCreateNeedsValues();
    }
    const Cls = this.meta.cls as unknown as new (
      values: Record<string, unknown>,
    ) => TTable & { save(): Promise<unknown> };
    const instance = new Cls(values);
    await instance.save();
    return { row: instance, created: true };
  }

  protected override async execute(): Promise<TTable> {
    return (await this.findOrCreate()).row;
  }
}

/** The query made by `getOrCreate(...).withCreated()`. */
export class GetOrCreateResultQuery<TTable> extends Query<GetOrCreateResult<TTable>> {
  constructor(private readonly source: GetOrCreateQuery<TTable>) {
    super();
  }

  toSQL(): CompiledQuery {
    return this.source.toSQL();
  }

  protected execute(): Promise<GetOrCreateResult<TTable>> {
    return this.source.findOrCreate();
  }
}
