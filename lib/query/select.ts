import {
  columnsAfterShape,
  distinctOnEmpty,
  duplicateJoinedKey,
  notAColumn,
  setOperationMember,
  subqueryColumnCount,
} from "../errors/factories";
import type { BinaryNode, SelectNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Decoder, Dialect } from "../sql/dialects/dialect";
import type { TableMeta } from "../table/metadata";
import type { SelectedItem, UniqueKeys, VisibleValues } from "../table/types";
import { type MaybePromise, promiseOf, thenNow } from "../utils/maybe-sync";
import { checkAsOfSystemTime, type AsOfSystemTime } from "./as-of-system-time";
import { addWhere, checkRoot, type QueryTables } from "./clauses";
import {
  explicitJoin,
  type BaseTable,
  type ExplicitJoin,
  type Joined,
  type JoinedRowOf,
  type JoinTarget,
  type LeftJoined,
  type RootCondition,
  type RootExpression,
  type RootSelectable,
} from "./explicit-join";
import type { Condition, Expression } from "./expression";
import { selectRows } from "./lookup-batch";
import { conditionShapeKey, preparedForShape } from "./shape-cache";
import { expandRelatedRows } from "./m2m-select";
import {
  checkOutput,
  rowTransform,
  type AsListCheck,
  type FirstOf,
  type OutputOf,
  type OutputOptions,
  type OutputRow,
} from "./output";
import { ReadQuery, type ReadState } from "./read-query";
import { plainRowMapper, type RowMapper } from "./row-mapper";
import { Scalar, type ScalarMembers } from "./scalar";
import {
  checkColumnCount,
  CompoundQuery,
  setOperandOf,
  type CompoundRow,
  type SameShape,
  type SetOperand,
  type SetOperandNode,
} from "./set-operation";
import { ctesOf, SourceMeta } from "./source-meta";

interface Prepared<TRow> {
  /** The dialect it was compiled for: a table may run on another engine in a `withEngine` scope. */
  readonly dialect: Dialect;
  /** The node compiled; from a shared shape (shape-cache.ts) its values are another call's: read params from `compiled`. */
  readonly node: SelectNode;
  readonly compiled: CompiledQuery;
  readonly map: RowMapper<TRow>;
  readonly transform: ((row: Record<string, unknown>) => unknown) | undefined;
  /**
   * True when the driver's row objects are already the rows `map` would build (every value read as
   * is, under its own key): a list is then read as objects, with no array per row to map and drop.
   */
  readonly direct: boolean;
}

/** One output key per expression: a key selected twice would otherwise shift the values. */
function uniqueKeys(selections: readonly Scalar<unknown>[]): readonly Scalar<unknown>[] {
  const keys = new Set(selections.map((s) => s.$key));
  return keys.size < selections.length ? selections.filter((s) => keys.delete(s.$key)) : selections;
}

function checkSelectables(meta: QueryTables, method: string, items: readonly unknown[]): Scalar<unknown>[] {
  return items.map((s) => {
    if (!(s instanceof Scalar)) throw notAColumn(method, s);
    checkRoot(meta, s, method);
    return s;
  });
}

// A table's default selection is one array, so its mapper is found without building a shape key.
const selectionMappers = new WeakMap<readonly Scalar<unknown>[], RowMapper<unknown>>();

function mappersBySelection<TRow>(
  selections: readonly Scalar<unknown>[],
  build: () => RowMapper<TRow>,
): RowMapper<TRow> {
  let mapper = selectionMappers.get(selections) as RowMapper<TRow> | undefined;
  if (mapper === undefined) selectionMappers.set(selections, (mapper = build()));
  return mapper;
}

const reparseJson: Decoder = (v) => (v === null || v === undefined ? v : JSON.stringify(v));

/** The state of a select(). */
export interface SelectState<Result> extends ReadState<Result> {
  readonly isDistinct: boolean;
  readonly distinctOnItems: readonly Scalar<unknown>[] | undefined;
  readonly groupByItems: readonly Scalar<unknown>[];
  readonly havingClause: Condition | undefined;
  readonly firstOnly: boolean;
  readonly outputOptions: OutputOptions;
  readonly selections: readonly Scalar<unknown>[];
  readonly defaultColumns: boolean;
  readonly asOfTime: Date | string | undefined;
  readonly explicitJoins: readonly ExplicitJoin[];
}

/** One object type with the keys of both, B's types winning: the row after `columns()`. */
type Merged<TFirst, TSecond> = {
  [K in keyof TFirst | keyof TSecond]: K extends keyof TSecond
    ? TSecond[K]
    : K extends keyof TFirst
      ? TFirst[K]
      : never;
};

/**
 * The row after `columns(...)`: the new columns replace select()'s default of every column, or join
 * the ones named; columns of a left-joined table are `| null`.
 */
export type WithColumns<TTable, TRow, TSelection extends readonly SelectedItem[]> = [TRow] extends [
  VisibleValues<BaseTable<TTable>>,
]
  ? [VisibleValues<BaseTable<TTable>>] extends [TRow]
    ? JoinedRowOf<TTable, TSelection>
    : Merged<TRow, JoinedRowOf<TTable, TSelection>>
  : Merged<TRow, JoinedRowOf<TTable, TSelection>>;

/**
 * `Band.select(Band.c.name, Band.c.manager.name)`: rows as plain objects typed by the selection.
 * PostgreSQL: `SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS "band$manager" ON …`;
 * SQLite: the same with `?` placeholders.
 */
export class SelectQuery<TTable, TRow, Out = TRow[], Shaped = TRow> extends ReadQuery<TTable, Out> {
  private readonly isDistinct: boolean = false;
  private readonly distinctOnItems: readonly Scalar<unknown>[] | undefined = undefined;
  private readonly groupByItems: readonly Scalar<unknown>[] = [];
  private readonly havingClause: Condition | undefined = undefined;
  private readonly firstOnly: boolean = false;
  private readonly outputOptions: OutputOptions = {};
  /** True while the selection is select()'s default (every visible column), which columns() replaces. */
  private readonly defaultColumns: boolean = false;
  private readonly asOfTime: Date | string | undefined = undefined;
  /** Tables added by join() and leftJoin(), in order. */
  private readonly explicitJoins: readonly ExplicitJoin[] = [];
  private cached: Prepared<TRow> | undefined = undefined;

  protected override with(patch: Partial<SelectState<Out>>): this {
    return this.copy(patch);
  }

  constructor(
    meta: TableMeta,
    private readonly selections: readonly Scalar<unknown>[],
    defaultColumns = false,
  ) {
    super(meta);
    // The default columns are the table's own, made by Table.select() once: checked and unique.
    if (!defaultColumns) {
      checkSelectables(meta, "select", selections);
      this.selections = uniqueKeys(selections);
    }
    this.defaultColumns = defaultColumns;
  }

  /**
   * More columns, as Piccolo's `columns()`: they replace `select()`'s default of every column, or
   * join the columns already named. Call it before `first()` and `output()`.
   * @example
   * Band.select().columns(Band.c.name).columns(Band.c.manager.name)
   * // postgres: SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS
   * //           "band$manager" ON "band$manager"."id" = "band"."manager"
   * // sqlite:   SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS
   * //           "band$manager" ON "band$manager"."id" = "band"."manager"
   */
  columns<TSelection extends RootSelectable<TTable>[]>(
    ...columns: TSelection & UniqueKeys<TSelection>
  ): SelectQuery<TTable, WithColumns<TTable, TRow, TSelection>> {
    if (this.firstOnly || Object.keys(this.outputOptions).length > 0) throw columnsAfterShape();
    const added = checkSelectables(this.tables(), "columns", columns);
    const all = this.defaultColumns ? added : [...this.selections, ...added];
    if (this.explicitJoins.length > 0) checkJoinedKeys(all);
    const selections = uniqueKeys(all);
    return this.with({ selections, defaultColumns: false }) as never;
  }

  /**
   * Joins another table on any columns (`INNER JOIN … ON column = equals AND conditions`): rows
   * without a match are left out. Its columns are then selectable with `columns()`, and usable in
   * `where`, `orderBy`, `groupBy` and `having`. The ON condition reads the tables' own columns.
   * @example
   * Band.select(Band.c.name).join(Concert, Concert.c.band1, Band.c.id).columns(Concert.c.startsAt)
   * // postgres: SELECT "band"."name", "concert"."startsAt" FROM "band" INNER JOIN "concert" ON "concert"."band1" = "band"."id"
   * // sqlite:   SELECT "band"."name", "concert"."startsAt" FROM "band" INNER JOIN "concert" ON "concert"."band1" = "band"."id"
   */
  join<TJoined, TValue>(
    table: JoinTarget<TJoined>,
    column: ScalarMembers<TValue, string, TJoined>,
    equals: RootExpression<TTable, NonNullable<TValue> | null>,
    ...conditions: Condition<TJoined>[]
  ): SelectQuery<TTable | Joined<TJoined>, TRow, Out> {
    return this.addJoin("inner", table, column, equals, conditions) as never;
  }

  /**
   * Like `join()`, but keeps the rows without a match (`LEFT JOIN`): the joined table's columns are
   * null there, and typed `| null`. Conditions on the joined table belong here, not in `where()`,
   * to keep the unmatched rows.
   * @example
   * Band.select(Band.c.name).leftJoin(Concert, Concert.c.band1, Band.c.id).columns(Concert.c.startsAt)
   * // postgres: SELECT "band"."name", "concert"."startsAt" FROM "band" LEFT JOIN "concert" ON "concert"."band1" = "band"."id"
   * // sqlite:   SELECT "band"."name", "concert"."startsAt" FROM "band" LEFT JOIN "concert" ON "concert"."band1" = "band"."id"
   */
  leftJoin<TJoined, TValue>(
    table: JoinTarget<TJoined>,
    column: ScalarMembers<TValue, string, TJoined>,
    equals: RootExpression<TTable, NonNullable<TValue> | null>,
    ...conditions: Condition<TJoined>[]
  ): SelectQuery<TTable | LeftJoined<TJoined>, TRow, Out> {
    return this.addJoin("left", table, column, equals, conditions) as never;
  }

  private addJoin(type: "inner" | "left", ...args: [object, unknown, unknown, readonly unknown[]]): this {
    const tables = this.tables();
    const join = explicitJoin(type, tables instanceof Array ? tables : [tables], ...args);
    return this.with({ explicitJoins: [...this.explicitJoins, join] });
  }

  protected override tables(): QueryTables {
    return this.explicitJoins.length === 0 ? this.meta : [this.meta, ...this.explicitJoins.map((j) => j.meta)];
  }

  /** The SELECT node, with the explicit joins first: the foreign-key joins of joined tables' columns read them. */
  protected override selectNode(
    selections: readonly Scalar<unknown>[],
    extra: Partial<SelectNode> = {},
    alsoJoin: readonly Expression<unknown>[] = [],
  ): SelectNode {
    const node = super.selectNode(selections, extra, alsoJoin);
    const ctes = ctesOf([this.meta, ...this.explicitJoins.map((j) => j.meta)]);
    const withCtes = ctes === undefined ? node : { ...node, with: ctes };
    if (this.explicitJoins.length === 0) return withCtes;
    return { ...withCtes, joins: [...this.explicitJoins.map((j) => j.node), ...node.joins] };
  }

  /**
   * Removes duplicate rows (SELECT DISTINCT); `{ on: [columns] }` keeps the first row per value (PostgreSQL's DISTINCT ON).
   * @example
   * Band.select(Band.c.manager).distinct()
   * // postgres: SELECT DISTINCT "band"."manager" FROM "band"
   * // sqlite:   SELECT DISTINCT "band"."manager" FROM "band"
   */
  distinct(options: { on?: RootSelectable<TTable>[] } = {}): this {
    if (options.on === undefined) return this.with({ isDistinct: true });
    if (options.on.length === 0) throw distinctOnEmpty();
    return this.with({ distinctOnItems: checkSelectables(this.tables(), "distinct", options.on) });
  }

  /**
   * Groups rows for aggregates: `Band.select(Band.c.manager.name, Count()).groupBy(Band.c.manager.name)`.
   * @example
   * Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager)
   * // postgres: SELECT "band"."manager", count(*) AS "bands" FROM "band" GROUP BY "band"."manager"
   * // sqlite:   SELECT "band"."manager", count(*) AS "bands" FROM "band" GROUP BY "band"."manager"
   */
  groupBy(...items: RootSelectable<TTable>[]): this {
    return this.with({ groupByItems: [...this.groupByItems, ...checkSelectables(this.tables(), "groupBy", items)] });
  }

  /**
   * Keeps the groups matching every condition, usually on aggregates; repeated calls AND together.
   * @example
   * Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager).having(Count().gt(1))
   * // postgres: SELECT "band"."manager", count(*) AS "bands" FROM "band" GROUP BY "band"."manager" HAVING count(*) > $1
   * // sqlite:   SELECT "band"."manager", count(*) AS "bands" FROM "band" GROUP BY "band"."manager" HAVING count(*) > ?
   */
  having(...conditions: RootCondition<TTable>[]): this {
    const havingClause = addWhere(this.tables(), this.havingClause, conditions as Condition[], "having");
    return this.with({ havingClause });
  }

  /**
   * Only the first row, or null when there is none.
   * @example
   * Band.select(Band.c.name).first()
   * // postgres: SELECT "band"."name" FROM "band" LIMIT 1
   * // sqlite:   SELECT "band"."name" FROM "band" LIMIT 1
   */
  first(): SelectQuery<TTable, TRow, FirstOf<Out>, Shaped> {
    return this.with({ firstOnly: true }) as unknown as SelectQuery<TTable, TRow, FirstOf<Out>, Shaped>;
  }

  /**
   * Changes the result's shape: `asList` (values of a single column), `nested` (`manager.name` →
   * `{ manager: { name } }`), `asJson` (one JSON string), `loadJson: false` (JSON columns as text).
   * Call it last.
   * @example
   * Band.select(Band.c.name).output({ asList: true })
   * // postgres: SELECT "band"."name" FROM "band"
   * // sqlite:   SELECT "band"."name" FROM "band"
   */
  output<TOptions extends OutputOptions>(
    options: TOptions & AsListCheck<TRow, TOptions>,
  ): SelectQuery<TTable, TRow, OutputOf<TRow, Out, TOptions>, OutputRow<TRow, TOptions>> {
    return this.with({
      outputOptions: { ...this.outputOptions, ...checkOutput(options, this.selections.length) },
    }) as never;
  }

  /**
   * Reads the data as it was at a past time (CockroachDB's `AS OF SYSTEM TIME`): a Date, a negative
   * interval such as "-10s", or "follower_read_timestamp()". Such a read takes no locks, waits for
   * no writer and may be served by a follower replica. CockroachDB only (other engines refuse it
   * when the query runs); outside a transaction, and not with lockRows().
   * @example
   * Band.select(Band.c.name).asOfSystemTime("-10s")
   * // cockroach: SELECT "band"."name" FROM "band" AS OF SYSTEM TIME '-10s'
   */
  asOfSystemTime(time: AsOfSystemTime): this {
    return this.with({ asOfTime: checkAsOfSystemTime(time) });
  }

  /** Phantom: the row type when this select is a member of a union, or a derived table's or CTE's query. */
  declare readonly $setRow?: TRow;

  /**
   * The rows of both selects, each distinct row once (`UNION`): the other select has the same
   * columns (keys and types; a compile error otherwise). Sort, limit and offset the result.
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name))
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager"
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager"
   */
  union<TOther>(other: SetOperand<TOther> & SameShape<TRow, TOther>): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.compound("UNION", "union", other);
  }

  /**
   * The rows of both selects, duplicates kept (`UNION ALL`).
   * @example
   * Band.select(Band.c.name).where(Band.c.popularity.gt(100)).unionAll(Manager.select(Manager.c.name)).orderBy(Band.c.name)
   * // postgres: SELECT "band"."name" FROM "band" WHERE "band"."popularity" > $1 UNION ALL SELECT "manager"."name" FROM
   * //           "manager" ORDER BY "name" ASC
   * // sqlite:   SELECT "band"."name" FROM "band" WHERE "band"."popularity" > ? UNION ALL SELECT "manager"."name" FROM
   * //           "manager" ORDER BY "name" ASC
   */
  unionAll<TOther>(
    other: SetOperand<TOther> & SameShape<TRow, TOther>,
  ): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.compound("UNION ALL", "unionAll", other);
  }

  /**
   * The distinct rows found by both selects (`INTERSECT`).
   * @example
   * Band.select(Band.c.manager).intersect(Band.select(Band.c.manager).where(Band.c.popularity.gt(100)))
   * // postgres: SELECT "band"."manager" FROM "band" INTERSECT SELECT "band"."manager" FROM "band" WHERE "band"."popularity" > $1
   * // sqlite:   SELECT "band"."manager" FROM "band" INTERSECT SELECT "band"."manager" FROM "band" WHERE "band"."popularity" > ?
   */
  intersect<TOther>(
    other: SetOperand<TOther> & SameShape<TRow, TOther>,
  ): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.compound("INTERSECT", "intersect", other);
  }

  /**
   * The distinct rows of this select that the other does not find (`EXCEPT`).
   * @example
   * Manager.select(Manager.c.id).except(Band.select(Band.c.manager.as("id")).limit(2))
   * // postgres: SELECT "manager"."id" FROM "manager" EXCEPT (SELECT "band"."manager" AS "id" FROM "band" LIMIT 2)
   * // sqlite:   SELECT "manager"."id" FROM "manager" EXCEPT SELECT * FROM (SELECT "band"."manager" AS "id" FROM "band" LIMIT 2)
   */
  except<TOther>(
    other: SetOperand<TOther> & SameShape<TRow, TOther>,
  ): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.compound("EXCEPT", "except", other);
  }

  private compound(op: "UNION" | "UNION ALL" | "INTERSECT" | "EXCEPT", method: string, other: unknown): never {
    const first = this.toSetOperand(method);
    const operand = setOperandOf(method, other);
    checkColumnCount(method, first, operand);
    return new CompoundQuery(first, [{ op, operand }]) as never;
  }

  /** This select as a member of a compound query, or as the query of a derived table or CTE. */
  toSetOperand(method: string): SetOperandNode {
    if (this.firstOnly || Object.keys(this.outputOptions).length > 0)
      throw setOperationMember(
        method,
        "a select shaped by first() or output() cannot be a member; shape the result instead",
      );
    if (this.lockNode !== undefined) throw setOperationMember(method, "a select with lockRows() cannot be a member");
    if (expandRelatedRows(this.selections).combine !== undefined)
      throw setOperationMember(
        method,
        "an M2M array of objects cannot be selected in a member; select one column per array",
      );
    const node = this.selectNode(this.selections, this.clauseExtras(), this.clauseExpressions());
    return { node, selections: this.selections, meta: this.meta };
  }

  /** Phantom: the value type when this select is used as a subquery. */
  declare readonly $subqueryType?: TRow[keyof TRow];

  /** This select as the subquery of `isIn()`; it must select exactly one column. */
  toSubqueryNode(options: { anyColumns?: boolean } = {}): SelectNode {
    if (!options.anyColumns && this.selections.length !== 1) throw subqueryColumnCount(this.selections.length);
    return this.selectNode(this.selections, this.clauseExtras(), this.clauseExpressions());
  }

  /**
   * This one-column select as a value of each row of an outer query, correlated through `Outer()`:
   * null when it finds no row, the first row's value otherwise.
   * @example
   * Manager.select(
   *   Manager.c.name,
   *   Band.select(Band.c.name).where(Band.c.manager.eq(Outer(Manager.c.id))).orderBy(Band.c.popularity.desc()).as("star"),
   * )
   * // postgres: SELECT "manager"."name", (SELECT "band"."name" FROM "band" WHERE "band"."manager" = "manager"."id"
   * //           ORDER BY "band"."popularity" DESC LIMIT 1) AS "star" FROM "manager"
   * // sqlite:   SELECT "manager"."name", (SELECT "band"."name" FROM "band" WHERE "band"."manager" = "manager"."id"
   * //           ORDER BY "band"."popularity" DESC LIMIT 1) AS "star" FROM "manager"
   */
  as<TAlias extends string>(alias: TAlias): Scalar<TRow[keyof TRow] | null, TAlias> {
    const only = this.selections[0];
    if (only === undefined || this.selections.length !== 1) throw subqueryColumnCount(this.selections.length);
    const node: SelectNode = { ...this.toSubqueryNode(), limit: 1 };
    return new Scalar({ kind: "subquery", query: node }, [], undefined, alias, only.$valueType, only.$decoder);
  }

  /** DISTINCT, GROUP BY, HAVING and first() as SELECT node fields. */
  private clauseExtras(): Partial<SelectNode> {
    return {
      distinct: this.isDistinct,
      distinctOn: this.distinctOnItems?.map((d) => d.$node),
      groupBy: this.groupByItems.length > 0 ? this.groupByItems.map((g) => g.$node) : undefined,
      having: this.havingClause?.$node,
      asOfSystemTime: this.asOfTime,
      ...(this.firstOnly ? { limit: 1 } : {}),
    };
  }

  /** The expressions of clauses other than where and order by, whose joins the query needs. */
  private clauseExpressions(): Expression<unknown>[] {
    return [...this.groupByItems, ...(this.distinctOnItems ?? []), ...(this.havingClause ? [this.havingClause] : [])];
  }

  private prepare(): Prepared<TRow> {
    const dialect = this.meta.engine.dialect;
    if (this.cached?.dialect === dialect) return this.cached;
    const key = this.shapeKey();
    const prepared =
      key === undefined
        ? this.build(dialect)
        : preparedForShape(dialect, key, this.whereClause!.$node as BinaryNode, () => this.build(dialect));
    this.cached = prepared;
    return prepared;
  }

  /** The shape key when this select's SQL depends on nothing but its table, columns and one `column op value`. */
  private shapeKey(): string | undefined {
    const where = this.whereClause;
    if (where === undefined || where.$joins.length > 0 || this.frozen || this.lockNode !== undefined) return undefined;
    if (this.meta instanceof SourceMeta) return undefined;
    if (this.orderItems.length > 0 || this.groupByItems.length > 0 || this.havingClause !== undefined) return undefined;
    if (this.isDistinct || this.distinctOnItems !== undefined || Object.keys(this.outputOptions).length > 0)
      return undefined;
    const extra = `${this.firstOnly}|${this.limitCount}|${this.offsetCount}`;
    return conditionShapeKey(this.selections, where.$node, extra, this.defaultColumns);
  }

  private build(dialect: Dialect): Prepared<TRow> {
    // An M2M array of objects is selected as one array per column and zipped by `combine`.
    const { selections, combine } = expandRelatedRows(this.selections);
    const node = this.selectNode(selections, this.clauseExtras(), this.clauseExpressions());
    const keys = this.selections.map((s) => s.$key);
    const output = rowTransform(this.outputOptions, keys);
    const prepared: Prepared<TRow> = {
      dialect,
      node,
      compiled: this.named(dialect.compiler.compile(node)),
      map:
        this.outputOptions.loadJson === false
          ? this.mapper(dialect, true, selections)
          : mappersBySelection(selections, () => this.mapper(dialect, false, selections)),
      transform: combine && output ? (row) => output(combine(row)) : (combine ?? output),
      direct:
        this.outputOptions.loadJson !== false &&
        node.selections.every(
          (s, i) => (s.alias !== undefined || s.expr.kind === "column") && !this.decodes(dialect, selections[i]!),
        ),
    };
    return prepared;
  }

  /**
   * Whether the select may read a large list: no limit, or one above 10,000 rows. Such a list is
   * read as the driver's objects when it can be (half the peak memory: 11 MiB for 100,000 rows on
   * SQLite, against 28 MiB for arrays mapped to objects), a shorter one as arrays mapped by a
   * compiled mapper, which better-sqlite3 reads about 1.4 times faster than objects.
   */
  private readsMany(): boolean {
    return !this.firstOnly && (this.limitCount === undefined || this.limitCount > 10_000);
  }

  private decodes(dialect: Dialect, selection: Scalar<unknown>): boolean {
    return (selection.$decoder ?? dialect.decoder(selection.$valueType.dataType)) !== undefined;
  }

  private mapper(dialect: Dialect, keepJsonText: boolean, selections: readonly Scalar<unknown>[]): RowMapper<TRow> {
    const decoders = selections.map((s) => {
      const json = s.$valueType.valueKind === "json" || s.$valueType.valueKind === "jsonb";
      return keepJsonText && json ? reparseJson : (s.$decoder ?? dialect.decoder(s.$valueType.dataType));
    });
    return plainRowMapper<TRow>(
      selections.map((s) => s.$key),
      decoders,
    );
  }

  toSQL(): CompiledQuery {
    return this.prepare().compiled;
  }

  /**
   * Streams the rows in chunks, holding one chunk in memory at a time: a server-side cursor on
   * PostgreSQL, a stepped statement on a read connection of its own on SQLite.
   * @example for await (const bands of Band.select().batch({ size: 500 })) console.log(bands.length);
   */
  async *batch(options: { size?: number } = {}): AsyncGenerator<Shaped[]> {
    const size = this.batchSize(options);
    const { compiled: unbound, map, transform } = this.prepare();
    const compiled = this.bound(unbound);
    for await (const rows of this.meta.engine.stream(compiled, size)) {
      const mapped = rows.map(map);
      yield (transform ? mapped.map((r) => transform(r as Record<string, unknown>)) : mapped) as Shaped[];
    }
  }

  protected execute(): Promise<Out> {
    return promiseOf(() => this.executeNow());
  }

  // A synchronous driver's rows are mapped as they come: the whole select is one promise.
  private executeNow(): MaybePromise<Out> {
    const { node, compiled: unbound, map, transform, direct } = this.prepare();
    const compiled = this.bound(unbound);
    const engine = this.meta.engine;
    if (direct && this.readsMany() && (this.whereClause === undefined || !engine.batchLookups)) {
      // The driver's objects are the rows: half the memory of arrays mapped to new objects.
      return thenNow(engine.queryNow(compiled, "objects"), (result) => {
        const rows = result.rows as Record<string, unknown>[];
        return this.finished(transform ? rows.map(transform) : rows);
      });
    }
    // Through the lookup batcher: same-tick primary-key lookups may share one query.
    return thenNow(selectRows(this.meta, node, compiled), (rows) => {
      if (this.firstOnly) {
        const row = rows.length === 0 ? null : map(rows[0]!);
        return this.finished(row !== null && transform ? transform(row as Record<string, unknown>) : row);
      }
      const mapped = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) mapped[i] = map(rows[i]!);
      return this.finished(transform ? mapped.map((r) => transform(r as Record<string, unknown>)) : mapped);
    });
  }

  private finished(out: unknown): Out {
    return (this.outputOptions.asJson ? JSON.stringify(out, jsonReplacer) : out) as Out;
  }
}

/** Two different expressions under one output key (`Band.c.name` and `Venue.c.name`) would lose one of them. */
function checkJoinedKeys(selections: readonly Scalar<unknown>[]): void {
  const byKey = new Map<string, Scalar<unknown>>();
  for (const s of selections) {
    const other = byKey.get(s.$key);
    if (other !== undefined && other.$node !== s.$node) throw duplicateJoinedKey(s.$key);
    byKey.set(s.$key, s);
  }
}

/** JSON has no bigint: write them as strings. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
