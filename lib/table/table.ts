import { assertKnownOptions, notAForeignKey, notSaved, rowGone } from "../errors/factories";
import { ForeignKeyType } from "../columns/foreign-key";
import type { ColumnRef, ColumnRefMembers } from "../query/column-ref";
import { and, type Condition } from "../query/expression";
import type { WithParams } from "../query/filtered-query";
import type { ValuesParams } from "../query/param";
import { CountQuery, ExistsQuery, countTarget, type CountArgument } from "../query/count";
import { AlterQuery } from "../query/alter";
import { CreateTableQuery, DropTableQuery, TableExistsQuery } from "../query/ddl";
import {
  CreateIndexQuery,
  DropIndexQuery,
  TableIndexesQuery,
  type CreateIndexOptions,
  type IndexColumns,
} from "../query/indexes";
import { DeleteQuery } from "../query/delete";
import { InsertQuery } from "../query/insert";
import { addM2M, getM2M, removeM2M, type AddM2MOptions, type GetM2MOptions } from "../query/m2m-rows";
import { m2mAccessor } from "../query/m2m-select";
import { ObjectsQuery } from "../query/objects";
import { getRelated } from "../query/related";
import { RawQuery } from "../query/raw";
import { SelectQuery } from "../query/select";
import { autoUpdates } from "../query/auto-update";
import { UpdateQuery, toWriteOptions, type WriteOptions } from "../query/update";
import { columnAccessor } from "./column-accessor";
import { PersistedState, getReversePrefetched, isPersisted, markRemoved } from "./instance-state";
import type { ValidateOption } from "./write-validation";
import { tableMetaOf, type TableMeta } from "./metadata";
import type {
  ColumnKeys,
  Columns,
  Insertable,
  InsertRow,
  JoinValues,
  M2MAccessor,
  M2MRef,
  M2MRow,
  NonEmpty,
  PrimaryKeyRow,
  TableKey,
  RowOf,
  Selectable,
  UniqueKeys,
  Updatable,
  VisibleColumns,
  VisibleValues,
} from "./types";

function checkOptions(method: string, options: object, allowed: string[]): void {
  assertKnownOptions(`${method}()`, options, allowed);
}

type Row = Record<string | symbol, unknown>;

/** A foreign key whose referenced table is T. */
type Targeting<TTable> = { readonly $target: TTable | undefined };

// Helpers are functions, not members, so that no column name is taken by them.
function metaOf(instance: object): TableMeta {
  return tableMetaOf(instance.constructor);
}

/** `key = value` for the instance's primary key, every column of a composite one ANDed. */
function primaryKeyCondition(instance: object, operation: string): Condition {
  const meta = metaOf(instance);
  const accessor = columnAccessor(meta);
  const conditions = meta.primaryKeys.map((column) => {
    const key = (instance as Row)[column.property];
    if (key === null || key === undefined) throw notSaved(meta.className, operation);
    return (accessor[column.property] as ColumnRefMembers<unknown>).eq(key);
  });
  return conditions.length === 1 ? conditions[0]! : and(conditions[0]!, ...conditions.slice(1));
}

/** The primary key's columns, to order by. */
function keyOrder(meta: TableMeta): ColumnRefMembers<unknown>[] {
  const accessor = columnAccessor(meta);
  return meta.primaryKeys.map((k) => accessor[k.property]!);
}

/** Options of `save()`, given after the column names: `band.save({ validate: false })`, `band.save("name", { validate: false })`. */
export type SaveOptions = ValidateOption;

/** The column names, then the options (both optional). */
function saveArguments(args: readonly unknown[]): { columns: string[]; options: SaveOptions } {
  const last = args[args.length - 1];
  if (typeof last !== "object" || last === null) return { columns: args as string[], options: {} };
  checkOptions("save", last, ["validate"]);
  return { columns: args.slice(0, -1) as string[], options: last };
}

/** Instance members every table row has. */
export abstract class TableInstance extends PersistedState {
  constructor(values?: unknown) {
    super();
    void values;
  }

  /**
   * Inserts the row, or updates it when it was loaded or saved before. `save("name")` updates only
   * those columns. The row is validated first (class-validator decorators and column rules; only
   * the named columns for `save("name")`): a ValidationError lists every failing field and nothing
   * is written. `save({ validate: false })` skips class-validator.
   * @example
   * const gophers = new Band({ name: "Gophers" });
   * await gophers.save();                // gophers.id is set
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3) RETURNING "band"."id"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) RETURNING "band"."id"
   * gophers.popularity = 10;
   * await gophers.save("popularity");    // only the columns named
   * // postgres: UPDATE "band" SET "popularity" = $1 WHERE "band"."id" = $2
   * // sqlite:   UPDATE "band" SET "popularity" = ? WHERE "band"."id" = ?
   */
  async save(...args: ColumnKeys<this>[] | [...ColumnKeys<this>[], SaveOptions]): Promise<this> {
    const { columns, options } = saveArguments(args);
    const validate = options.validate ?? true;
    const meta = metaOf(this);
    const row = this as unknown as Row;
    if (!isPersisted(this)) {
      await new InsertQuery(meta, [this]).validate(validate).run();
      return this;
    }
    // autoUpdate columns (an updatedAt) take their new value unless named here; the instance gets it too.
    const automatic = autoUpdates(meta, new Set<string>(columns));
    for (const [property, value] of automatic) row[property] = value;
    const names =
      columns.length > 0
        ? [...columns, ...automatic.map(([property]) => property)]
        : meta.columns.filter((c) => !c.primaryKey).map((c) => c.property);
    const values = Object.fromEntries(names.map((name) => [meta.column(name).property, row[name]]));
    if (names.length > 0)
      await new UpdateQuery(meta, values, false, this)
        .validate(validate)
        .where(primaryKeyCondition(this, "save"))
        .run();
    return this;
  }

  /**
   * Deletes the row; the instance can be saved again as a new row.
   * @example
   * await band.remove();
   * // postgres: DELETE FROM "band" WHERE "band"."id" = $1
   * // sqlite:   DELETE FROM "band" WHERE "band"."id" = ?
   */
  async remove(): Promise<void> {
    await new DeleteQuery(metaOf(this), false).where(primaryKeyCondition(this, "remove")).run();
    markRemoved(this);
  }

  /**
   * Reloads every column from the database.
   * @example
   * await band.refresh();
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."id" = $1 LIMIT 1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."id" = ? LIMIT 1
   */
  async refresh(): Promise<this> {
    const meta = metaOf(this);
    const fresh = await new ObjectsQuery<Row>(meta).get(primaryKeyCondition(this, "refresh")).run();
    if (fresh === null) throw rowGone(meta.className);
    for (const column of meta.columns) (this as unknown as Row)[column.property] = fresh[column.property];
    return this;
  }

  /**
   * Updates this row with values or expressions computed by the database, and takes the new values:
   * `await band.updateSelf({ popularity: Band.c.popularity.plus(1) })`.
   * @example
   * await band.updateSelf({ popularity: Band.c.popularity.plus(1) });
   * // postgres: UPDATE "band" SET "popularity" = "band"."popularity" + $1 WHERE "band"."id" = $2 RETURNING "band"."popularity"
   * // sqlite:   UPDATE "band" SET "popularity" = "band"."popularity" + ? WHERE "band"."id" = ? RETURNING "band"."popularity"
   */
  async updateSelf(values: Updatable<this>): Promise<this> {
    const meta = metaOf(this);
    const query = new UpdateQuery(meta, values, false);
    const accessor = columnAccessor(meta);
    const written = query.columnsSet().map((property) => accessor[property]!);
    const [row] = (await query.where(primaryKeyCondition(this, "updateSelf")).returning(...written)) as Row[];
    if (row === undefined) throw rowGone(meta.className);
    Object.assign(this, row);
    return this;
  }

  /** The column values as a plain object, secret columns left out; pass columns to pick some (secret ones included). */
  toDict(): VisibleColumns<this>;
  toDict<TSelection extends ColumnRefMembers<unknown, string, this>[]>(...columns: TSelection): RowOf<TSelection>;
  toDict(...columns: ColumnRefMembers<unknown, string, this>[]): Record<string, unknown> {
    const meta = metaOf(this);
    const row = this as unknown as Row;
    const names =
      columns.length > 0
        ? columns.map((c) => c.$column.property)
        : meta.columns.filter((c) => !c.type.secret).map((c) => c.property);
    return Object.fromEntries(names.map((name) => [name, row[meta.column(name).property]]));
  }

  /** What JSON.stringify writes: toDict(), so secret columns never leak into JSON responses or logs. */
  toJSON(): Record<string, unknown> {
    return this.toDict();
  }

  /**
   * The rows of another table whose foreign key points at this row: `await manager.getReverse(Band.c.manager)`.
   * Without a query when `objects().prefetchReverse(Band.c.manager)` loaded them (for the key the row still has).
   * @example
   * const bands: Band[] = await manager.getReverse(Band.c.manager);
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE
   * //           "band"."manager" = $1 ORDER BY "band"."id" ASC
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE
   * //           "band"."manager" = ? ORDER BY "band"."id" ASC
   */
  async getReverse<TChild>(foreignKey: ColumnRefMembers<unknown, string, TChild> & Targeting<this>): Promise<TChild[]>;
  async getReverse(foreignKey: ColumnRefMembers<unknown>): Promise<unknown[]> {
    const meta = metaOf(this);
    const type = foreignKey?.$column?.type;
    if (!(type instanceof ForeignKeyType) || type.target !== meta || foreignKey.$joins.length > 0) {
      throw notAForeignKey("getReverse", meta.className);
    }
    const key = (this as unknown as Row)[type.targetColumn.property];
    if (key === null || key === undefined) throw notSaved(meta.className, "getReverse");
    const prefetched = getReversePrefetched(this, foreignKey.$column, key);
    if (prefetched !== undefined) return [...prefetched];
    return new ObjectsQuery(foreignKey.$table)
      .where(foreignKey.eq(key))
      .orderBy(...keyOrder(foreignKey.$table))
      .run();
  }

  /**
   * Relates this row to rows of the other table of an M2M field, inserting the unsaved ones;
   * pairs already related are skipped: `await band.addM2M(Band.m2m.genres, [rock, new Genre({ name: "Punk" })])`.
   * @example
   * await band.addM2M(Band.m2m.genres, [rock, new Genre({ name: "Punk" }), { name: "Folk" }]);
   */
  addM2M<TRelated, TJoinTable>(
    m2m: M2MRef<this, TRelated, TJoinTable>,
    rows: NoInfer<M2MRow<TRelated> | readonly M2MRow<TRelated>[]>,
    options?: AddM2MOptions<JoinValues<TJoinTable>>,
  ): Promise<TRelated[]> {
    return addM2M(this, m2m, rows, options) as Promise<TRelated[]>;
  }

  /**
   * The rows of the other table related through an M2M field, ordered by `orderBy` (default: their
   * key): `await band.getM2M(Band.m2m.genres, { orderBy: Genre.c.name.desc() })`.
   * @example
   * const genres: Genre[] = await band.getM2M(Band.m2m.genres, { orderBy: Genre.c.name.desc() });
   */
  getM2M<TRelated, TJoinTable>(
    m2m: M2MRef<this, TRelated, TJoinTable>,
    options?: GetM2MOptions<NoInfer<TRelated>>,
  ): Promise<TRelated[]> {
    return getM2M(this, m2m, options) as Promise<TRelated[]>;
  }

  /**
   * Unrelates rows of the other table (deleting join rows only); resolves to the join rows deleted:
   * `await band.removeM2M(Band.m2m.genres, rock)`.
   * @example
   * const removed: number = await band.removeM2M(Band.m2m.genres, rock);
   */
  removeM2M<TRelated, TJoinTable>(
    m2m: M2MRef<this, TRelated, TJoinTable>,
    rows: NoInfer<TRelated | readonly TRelated[]>,
  ): Promise<number> {
    return removeM2M(this, m2m, rows);
  }

  /**
   * The row a foreign key points at, or null: `await band.getRelated(Band.c.manager)`; a path goes
   * further in one query, null when any link is null: `concert.getRelated(Concert.c.band1.manager)`.
   * Prefetched rows need no query.
   * @example
   * const boss: Manager | null = await band.getRelated(Band.c.manager);
   * // postgres: SELECT "manager"."id", "manager"."name" FROM "manager" WHERE "manager"."id" = $1 LIMIT 1
   * // sqlite:   SELECT "manager"."id", "manager"."name" FROM "manager" WHERE "manager"."id" = ? LIMIT 1
   * const far: Manager | null = await concert.getRelated(Concert.c.band1.manager);   // one query
   * // postgres: SELECT "manager"."id", "manager"."name" FROM "manager" WHERE "manager"."id" IN (SELECT
   * //           "band"."manager" FROM "band" WHERE "band"."id" = $1) LIMIT 1
   * // sqlite:   SELECT "manager"."id", "manager"."name" FROM "manager" WHERE "manager"."id" IN (SELECT
   * //           "band"."manager" FROM "band" WHERE "band"."id" = ?) LIMIT 1
   */
  async getRelated<TTarget, TValue>(
    foreignKey: ColumnRef<TValue, string, this> & { readonly $target: TTarget | undefined },
  ): Promise<null extends TValue ? TTarget | null : TTarget>;
  async getRelated(foreignKey: ColumnRefMembers<unknown>): Promise<unknown> {
    return getRelated(this, metaOf(this), foreignKey);
  }
}

/** The row class of a table class, read from its phantom `$rowType` (so a signature need not spell the row type out). */
export type RowClassOf<TClass> = TClass extends { readonly $rowType?: (row: infer Row) => unknown } ? Row : never;

/** The static side of `Table<Band>()`: the column accessor and the class-level queries. */
export interface TableClass<TTable, Id extends TableKey> {
  new (values?: Insertable<TTable>): TableInstance & (Id extends number | bigint ? { id: Id } : unknown);
  /** Typed column references: `Band.c.name`, `Band.c.manager.name`. */
  readonly c: Columns<TTable>;
  /** M2M handles: `Band.m2m.genres` for addM2M/getM2M/removeM2M, `Band.m2m.genres(Genre.c.name)` to select arrays. */
  readonly m2m: M2MAccessor<TTable>;
  /** The table's name in the database. */
  readonly tableName: string;
  /** Phantom: the row class this base was made for, which `@table()` checks is the class itself. */
  readonly $rowType?: (row: TTable) => TTable;
  /**
   * Rows as plain objects: every column but secret ones, or the given ones (typed by the selection).
   * @example
   * Band.select(Band.c.name, Band.c.manager.name).where(Band.c.popularity.gt(100))
   * // postgres: SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS
   * //           "band$manager" ON "band$manager"."id" = "band"."manager" WHERE "band"."popularity" > $1
   * // sqlite:   SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS
   * //           "band$manager" ON "band$manager"."id" = "band"."manager" WHERE "band"."popularity" > ?
   */
  select(): SelectQuery<TTable, VisibleValues<TTable>>;
  select<TSelection extends Selectable<TTable>[]>(
    ...columns: TSelection & UniqueKeys<TSelection>
  ): SelectQuery<TTable, RowOf<TSelection>>;
  /** Every column (but the excluded ones), for `select(...Band.allColumns())` beside joined columns. */
  allColumns<TExcluded extends ColumnKeys<TTable> = never>(
    ...exclude: TExcluded[]
  ): Columns<TTable>[Exclude<ColumnKeys<TTable>, TExcluded>][];
  /**
   * Rows as instances of the table class.
   * @example
   * Band.objects().where(Band.c.popularity.gt(100))
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."popularity" > $1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."popularity" > ?
   */
  objects(): ObjectsQuery<TTable>;
  /**
   * Inserts rows (instances or objects of column values) in one statement.
   * @example
   * Band.insert({ name: "Gophers", popularity: 5 })
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3) RETURNING "band"."id"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) RETURNING "band"."id"
   */
  insert(...rows: InsertRow<TTable>[]): InsertQuery<TTable, PrimaryKeyRow<TTable, Id>>;
  /**
   * Updates matching rows; needs a where clause unless `{ force: true }`.
   * @example
   * Band.update({ popularity: Band.c.popularity.plus(1) }).where(Band.c.name.eq("Gophers"))
   * // postgres: UPDATE "band" SET "popularity" = "band"."popularity" + $1 WHERE "band"."name" = $2
   * // sqlite:   UPDATE "band" SET "popularity" = "band"."popularity" + ? WHERE "band"."name" = ?
   */
  update<TValues extends Updatable<TTable>>(
    values: TValues & NonEmpty<TValues>,
    options?: WriteOptions,
  ): WithParams<UpdateQuery<TTable>, ValuesParams<TValues>>;
  /**
   * Deletes matching rows; needs a where clause unless `{ force: true }`.
   * @example
   * Band.delete().where(Band.c.popularity.lt(5))
   * // postgres: DELETE FROM "band" WHERE "band"."popularity" < $1
   * // sqlite:   DELETE FROM "band" WHERE "band"."popularity" < ?
   */
  delete(options?: WriteOptions): DeleteQuery<TTable>;
  /**
   * Counts matching rows; given a column (or expression), its non-null values; given
   * `{ distinct: [...] }`, the distinct combinations of those values (NULL counts as a value).
   * @example
   * Band.count().where(Band.c.popularity.gt(100))
   * // postgres: SELECT count(*) FROM "band" WHERE "band"."popularity" > $1
   * // sqlite:   SELECT count(*) FROM "band" WHERE "band"."popularity" > ?
   * @example
   * Band.count(Band.c.manager.name)
   * // postgres: SELECT count("band$manager"."name") FROM "band" LEFT JOIN "manager" AS "band$manager" ON
   * //           "band$manager"."id" = "band"."manager"
   * // sqlite:   SELECT count("band$manager"."name") FROM "band" LEFT JOIN "manager" AS "band$manager" ON
   * //           "band$manager"."id" = "band"."manager"
   * @example
   * Band.count({ distinct: [Band.c.popularity] }).where(Band.c.popularity.gt(100))
   * // postgres: SELECT count(*) FROM (SELECT DISTINCT "band"."popularity" AS "value_0" FROM "band" WHERE "band"."popularity" > $1)
   * //           AS "distinct_values"
   * // sqlite:   SELECT count(*) FROM (SELECT DISTINCT "band"."popularity" AS "value_0" FROM "band" WHERE "band"."popularity" > ?)
   * //           AS "distinct_values"
   */
  count<TClass>(this: TClass, counted?: CountArgument<RowClassOf<TClass>>): CountQuery<TTable>;
  /**
   * Whether any row matches.
   * @example
   * Band.exists().where(Band.c.name.eq("Gophers"))
   * // postgres: SELECT (1) FROM "band" WHERE "band"."name" = $1 LIMIT 1
   * // sqlite:   SELECT (1) FROM "band" WHERE "band"."name" = ? LIMIT 1
   */
  exists(): ExistsQuery<TTable>;
  /**
   * Hand-written SQL with `{}` placeholders for bound parameters.
   * @example
   * Band.raw("SELECT * FROM band WHERE name = {}", "Gophers")
   * // postgres: SELECT * FROM band WHERE name = $1
   * // sqlite:   SELECT * FROM band WHERE name = ?
   */
  raw<TRow = Record<string, unknown>>(sql: string, ...params: unknown[]): RawQuery<TRow>;
  /**
   * CREATE TABLE (and its indexes).
   * @example
   * Band.createTable({ ifNotExists: true })
   * // postgres: CREATE TABLE IF NOT EXISTS "band" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(50) NOT NULL, "manager"
   * //           INTEGER REFERENCES "manager" ("id") ON DELETE SET NULL ON UPDATE CASCADE, "popularity" INTEGER NOT
   * //           NULL DEFAULT 0)
   * // sqlite:   CREATE TABLE IF NOT EXISTS "band" ("id" INTEGER PRIMARY KEY, "name" VARCHAR(50) NOT NULL, "manager"
   * //           INTEGER REFERENCES "manager" ("id") ON DELETE SET NULL ON UPDATE CASCADE, "popularity" INTEGER NOT
   * //           NULL DEFAULT 0)
   */
  createTable(options?: { ifNotExists?: boolean }): CreateTableQuery;
  /**
   * DROP TABLE.
   * @example
   * Band.dropTable({ ifExists: true })
   * // postgres: DROP TABLE IF EXISTS "band"
   * // sqlite:   DROP TABLE IF EXISTS "band"
   */
  dropTable(options?: { ifExists?: boolean; cascade?: boolean }): DropTableQuery;
  /**
   * Whether the table exists in the database.
   * @example
   * Band.tableExists()
   * // postgres: SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1
   * // sqlite:   SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?
   */
  tableExists(): TableExistsQuery;
  /**
   * Changes the table in the database: add, drop and rename columns, rename the table, set a
   * column's nullability, default, type or length, add and drop constraints (see AlterQuery).
   * @example
   * Band.alter().addColumn("genre", Varchar({ length: 50, null: true }))
   * // postgres: ALTER TABLE "band" ADD COLUMN "genre" VARCHAR(50)
   * // sqlite:   ALTER TABLE "band" ADD COLUMN "genre" VARCHAR(50)
   */
  alter(): AlterQuery<TTable>;
  /**
   * CREATE INDEX over columns (named `<table>_<columns>` unless `name` is given).
   * @example
   * Band.createIndex([Band.c.name, Band.c.popularity], { unique: true, ifNotExists: true })
   * // postgres: CREATE UNIQUE INDEX IF NOT EXISTS "band_name_popularity" ON "band" ("name", "popularity")
   * // sqlite:   CREATE UNIQUE INDEX IF NOT EXISTS "band_name_popularity" ON "band" ("name", "popularity")
   */
  createIndex(columns: IndexColumns<TTable>, options?: CreateIndexOptions): CreateIndexQuery;
  /**
   * DROP INDEX, by its columns (the name createIndex() gives them) or by name.
   * @example
   * Band.dropIndex([Band.c.name], { ifExists: true })
   * // postgres: DROP INDEX IF EXISTS "band_name"
   * // sqlite:   DROP INDEX IF EXISTS "band_name"
   */
  dropIndex(columnsOrName: IndexColumns<TTable> | string, options?: { ifExists?: boolean }): DropIndexQuery;
  /**
   * The names of the table's indexes, sorted; those of the primary key and unique constraints too.
   * @example
   * Band.indexes()
   * // postgres: SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname
   * // sqlite:   SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name
   */
  indexes(): TableIndexesQuery;
}

/** The implementation behind every `Table<T>()`; its statics read the decorated class from `this`. */
abstract class TableBase extends TableInstance {
  static get c(): unknown {
    return columnAccessor(tableMetaOf(this));
  }

  static get m2m(): unknown {
    return m2mAccessor(tableMetaOf(this));
  }

  static get tableName(): string {
    return tableMetaOf(this).tableName;
  }

  static select(...columns: ColumnRefMembers<unknown>[]) {
    const meta = tableMetaOf(this);
    if (columns.length > 0) return new SelectQuery(meta, columns);
    // The default selection is one array per table, so its row mapper is found by identity.
    let defaults = meta.cache.get("defaultSelection") as ColumnRefMembers<unknown>[] | undefined;
    if (defaults === undefined) {
      const accessor = columnAccessor(meta);
      defaults = meta.columns.filter((c) => !c.type.secret).map((c) => accessor[c.property]!);
      meta.cache.set("defaultSelection", defaults);
    }
    return new SelectQuery(meta, defaults, true);
  }

  static allColumns(...exclude: string[]) {
    const meta = tableMetaOf(this);
    for (const name of exclude) meta.column(name);
    const accessor = columnAccessor(meta);
    return meta.columns.filter((c) => !exclude.includes(c.property)).map((c) => accessor[c.property]!);
  }

  static objects() {
    return new ObjectsQuery(tableMetaOf(this));
  }

  static insert(...rows: object[]) {
    return new InsertQuery(tableMetaOf(this), rows);
  }

  static update(values: Record<string, unknown>, options: WriteOptions = {}) {
    return new UpdateQuery(tableMetaOf(this), values, toWriteOptions("update", options));
  }

  static delete(options: WriteOptions = {}) {
    return new DeleteQuery(tableMetaOf(this), toWriteOptions("delete", options));
  }

  static count(counted?: unknown) {
    const meta = tableMetaOf(this);
    const query = new CountQuery(meta);
    return counted === undefined ? query : query.counting(countTarget(meta, counted));
  }

  static exists() {
    return new ExistsQuery(tableMetaOf(this));
  }

  static raw(sql: string, ...params: unknown[]) {
    const meta = tableMetaOf(this);
    return new RawQuery(() => meta.engine, sql, params);
  }

  static createTable(options: { ifNotExists?: boolean } = {}) {
    checkOptions("createTable", options, ["ifNotExists"]);
    return new CreateTableQuery(tableMetaOf(this), options.ifNotExists ?? false);
  }

  static dropTable(options: { ifExists?: boolean; cascade?: boolean } = {}) {
    checkOptions("dropTable", options, ["ifExists", "cascade"]);
    return new DropTableQuery(tableMetaOf(this), options.ifExists ?? false, options.cascade ?? false);
  }

  static tableExists() {
    return new TableExistsQuery(tableMetaOf(this));
  }

  static alter() {
    return new AlterQuery(tableMetaOf(this));
  }

  static createIndex(columns: unknown, options: CreateIndexOptions = {}) {
    return new CreateIndexQuery(tableMetaOf(this), columns, options);
  }

  static dropIndex(columnsOrName: unknown, options: { ifExists?: boolean } = {}) {
    return new DropIndexQuery(tableMetaOf(this), columnsOrName, options);
  }

  static indexes() {
    return new TableIndexesQuery(tableMetaOf(this));
  }
}

/** Refuses `Table<T, string>()`: a key's name is a literal ("code"); a string id would be misread. */
type KeyNameCheck<Id> = string extends (Id extends readonly string[] ? Id[number] : Id)
  ? [error: 'Table<T, Key>(): Key is number, bigint, null, or the key\'s property name as a literal such as "code"']
  : [];

/**
 * The base of every table class; pass the class itself so the statics are typed:
 * `@table({ db: DB }) class Band extends Table<Band>() { ... }`. The default primary key `id` is a
 * Serial number; a table that declares its own primary key (UUID, BigSerial, …) passes `null`:
 * `class Token extends Table<Token, null>() { @column(UUID({ primaryKey: true })) id!: string }`.
 * On a CockroachEngine the default key is a BigSerial read as a bigint: `Table<Band, bigint>()`.
 * Naming the key's property (or properties) instead of `null` types what `insert()` returns:
 * `class Country extends Table<Country, "code">() { @column(Varchar({ primaryKey: true })) code!: string }`
 * inserts return `{ code: string }[]`.
 */
export function Table<TTable, Id extends TableKey = number>(..._check: KeyNameCheck<Id>): TableClass<TTable, Id> {
  return TableBase as unknown as TableClass<TTable, Id>;
}

export type { ColumnKeys };
