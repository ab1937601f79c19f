import { typedParam } from "./typed-param";
import {
  assertKnownOptions,
  conflictNothingToUpdate,
  conflictTargetMissing,
  insertBadRow,
  insertNoRows,
  invalidConflictAction,
  mixedGeneratedKeys,
  conflictWhereNeedsUpdate,
  updateValueJoins,
} from "../errors/factories";
import { addWhere } from "./clauses";
import type { Condition } from "./expression";
import type { ExpressionNode, InsertNode, OnConflictNode, ValueNode } from "../sql/ast/nodes";
import type { Decoder, Dialect } from "../sql/dialects/dialect";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { columnAccessor } from "../table/column-accessor";
import { markPersisted } from "../table/instance-state";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import { validateBeforeWrite, writeFailure, type WriteCheck } from "../table/write-validation";
import { ColumnRef, type ColumnRefMembers } from "./column-ref";
import { autoUpdates } from "./auto-update";
import { Expression } from "./expression";
import type { Insertable, OwnColumn, Updatable } from "../table/types";
import { Query, type QueryState } from "./query";
import { compiledForShape, compiledShape, isPlainColumn, isPlainValue } from "./value-shape";
import { idOf } from "./shape-cache";
import { returningParts, toReturning } from "./returning";
import { type MaybePromise, promiseOf, thenNow } from "../utils/maybe-sync";

type RowValues = Record<string | symbol, unknown>;

/** Options of `insert(...).onConflict()`. */
export interface OnConflictOptions<TTable> {
  /** The unique column(s) whose conflict is handled (required for doUpdate). */
  target?: ColumnRefMembers<unknown, string, TTable> | readonly ColumnRefMembers<unknown, string, TTable>[];
  /** Skip conflicting rows, or update the existing row. */
  action: "doNothing" | "doUpdate";
  /** For doUpdate: columns to take from the new row, or values to set. Default: every inserted column except the target. */
  values?: readonly ColumnRefMembers<unknown, string, TTable>[] | Updatable<TTable>;
  /** For doUpdate: update the existing row only when it matches this condition (others are skipped). */
  where?: Condition<TTable>;
}

/** The state of an insert(). */
export interface InsertState<TTable, Result> extends QueryState<Result> {
  readonly returningColumns: readonly ColumnRefMembers<unknown>[] | undefined;
  readonly conflict: OnConflictOptions<TTable> | undefined;
  readonly validateRows: boolean;
  readonly rows: readonly object[];
}

/**
 * `Band.insert(new Band({ name: "Pythonistas" }), …)`: one INSERT for all rows. Resolves to the
 * primary keys (or the `returning(...)` columns); inserted instances get their keys and can be saved.
 * PostgreSQL: `INSERT INTO "band" ("name", "popularity") VALUES ($1, $2), ($3, $4) RETURNING "id"`.
 */
export class InsertQuery<TTable, TRow> extends Query<TRow[]> {
  private readonly returningColumns: readonly ColumnRefMembers<unknown>[] | undefined = undefined;
  private readonly conflict: OnConflictOptions<TTable> | undefined = undefined;
  private readonly validateRows: boolean = true;

  protected override with(patch: Partial<InsertState<TTable, TRow[]>>): this {
    return this.copy(patch);
  }

  constructor(
    private readonly meta: TableMeta,
    private readonly rows: readonly object[],
  ) {
    super();
    if (rows.length === 0) throw insertNoRows(meta.className);
    checkRows(meta, rows);
  }

  /**
   * More rows for the same INSERT.
   * @example
   * Band.insert({ name: "Gophers" }).add({ name: "Crabs", popularity: 3 })
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3), ($4, $5, $6) RETURNING "band"."id"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?), (?, ?, ?) RETURNING "band"."id"
   */
  add(...rows: Insertable<TTable>[]): this {
    checkRows(this.meta, rows);
    return this.with({ rows: [...this.rows, ...rows] });
  }

  /**
   * Which columns of the new rows to return (default: the primary key). With no columns the
   * statement has no RETURNING clause and resolves to `[]` (inserted instances still get their
   * keys): `await Band.insert(...rows).returning()` is the fastest bulk insert when nothing needs
   * the new keys.
   * @example
   * Band.insert({ name: "Gophers" }).returning(Band.c.id, Band.c.name)
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3) RETURNING "band"."id", "band"."name"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) RETURNING "band"."id", "band"."name"
   */
  returning<TSelection extends OwnColumn<TTable>[]>(
    ...columns: TSelection
  ): InsertQuery<TTable, TSelection extends [] ? never : { [C in TSelection[number] as C["$key"]]: C["$type"] }> {
    return this.with({ returningColumns: toReturning(this.meta, columns) }) as never;
  }

  /**
   * Handles rows that break a unique constraint: skip them, or update the existing row (an upsert).
   * With doNothing, only the rows really inserted are returned; an inserted instance gets its key
   * when the target identifies it, a skipped one stays unsaved.
   * @example
   * Band.insert({ name: "Gophers", popularity: 5 }).onConflict({ target: Band.c.name, action: "doUpdate", values: [Band.c.popularity] })
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3) ON CONFLICT ("name") DO
   * //           UPDATE SET "popularity" = EXCLUDED."popularity" RETURNING "band"."id"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) ON CONFLICT ("name") DO UPDATE
   * //           SET "popularity" = EXCLUDED."popularity" RETURNING "band"."id"
   */
  onConflict(options: OnConflictOptions<TTable>): this {
    assertKnownOptions("onConflict()", options, ["target", "action", "values", "where"]);
    if (options.action !== "doNothing" && options.action !== "doUpdate") {
      throw invalidConflictAction(options.action);
    }
    if (options.where !== undefined) {
      if (options.action !== "doUpdate") throw conflictWhereNeedsUpdate();
      addWhere(this.meta, undefined, [options.where], "onConflict where");
      if (options.where.$joins.length > 0) throw updateValueJoins();
    }
    if (options.action === "doUpdate" && options.target === undefined) throw conflictTargetMissing();
    return this.with({ conflict: options });
  }

  /**
   * Whether to validate the rows before inserting (default true): class-validator decorators and
   * column rules, every failing field in one ValidationError. `validate(false)` skips class-validator;
   * column types still refuse values they cannot store.
   * @example
   * Band.insert({ name: "Gophers", popularity: 5 }).validate(false)
   * // postgres: INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3) RETURNING "band"."id"
   * // sqlite:   INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) RETURNING "band"."id"
   */
  validate(enabled = true): this {
    return this.with({ validateRows: enabled });
  }

  private get writeCheck(): WriteCheck {
    return { meta: this.meta, rows: this.rows, fields: undefined };
  }

  private conflictNode(columns: readonly ColumnMeta[]): OnConflictNode | undefined {
    const options = this.conflict;
    if (options === undefined) return undefined;
    const targets =
      options.target === undefined
        ? []
        : Array.isArray(options.target)
          ? options.target
          : [options.target as ColumnRefMembers<unknown>];
    const target = toReturning(this.meta, targets).map((c) => c.$column);
    if (options.action === "doNothing") return { target: target.map((c) => c.dbName), set: undefined };
    const values = options.values ?? columns.filter((c) => !target.includes(c));
    const set = Array.isArray(values)
      ? values.map((v) => {
          const column = v instanceof ColumnRef ? toReturning(this.meta, [v])[0]!.$column : v;
          return [column.dbName, { kind: "excluded", column: column.dbName }] as const;
        })
      : Object.entries(values as Record<string, unknown>).map(([key, value]) => {
          const column = this.meta.column(key);
          if (value instanceof Expression) return [column.dbName, typedParam(value.$node, column.type)] as const;
          return [column.dbName, column.type.valueNode(column.type.check(value, this.meta.tableName, key))] as const;
        });
    if (set.length === 0) throw conflictNothingToUpdate();
    return {
      target: target.map((c) => c.dbName),
      set: [...set, ...this.autoUpdateSet(set)],
      where: options.where?.$node,
    };
  }

  /** The autoUpdate columns (an updatedAt) an upsert's update does not set itself. */
  private autoUpdateSet(set: readonly (readonly [string, unknown])[]): [string, ExpressionNode][] {
    const given = new Set(set.map(([name]) => name));
    const properties = new Set(this.meta.columns.filter((c) => given.has(c.dbName)).map((c) => c.property));
    return autoUpdates(this.meta, properties).map(([property, value]) => {
      const column = this.meta.column(property);
      return [column.dbName, column.type.valueNode(column.type.check(value, this.meta.tableName, property))];
    });
  }

  /** The doNothing conflict target's columns (none without a target, or for doUpdate). */
  private skipTarget(): ColumnMeta[] {
    const options = this.conflict;
    if (options?.action !== "doNothing" || options.target === undefined) return [];
    const targets = Array.isArray(options.target) ? options.target : [options.target as ColumnRefMembers<unknown>];
    return toReturning(this.meta, targets).map((c) => c.$column);
  }

  /** The columns written and the RETURNING selections, without the values. */
  private plan(): {
    columns: ColumnMeta[];
    returning: ColumnRefMembers<unknown>[];
    keyIndexes: number[];
    targetIndexes: number[];
  } {
    const meta = this.meta;
    const keys = meta.primaryKeys;
    // Only a single Serial/BigSerial key is generated by the database (a composite key has none).
    const generated =
      keys.length === 1 && (keys[0]!.type.kind === "serial" || keys[0]!.type.kind === "bigserial")
        ? keys[0]
        : undefined;
    const withKey = generated ? this.rows.filter((r) => (r as RowValues)[generated.property] != null).length : 0;
    if (generated && withKey > 0 && withKey < this.rows.length) {
      throw mixedGeneratedKeys(meta.className, generated.property);
    }
    const columns = meta.columns.filter((c) => !(c === generated && withKey === 0));
    const accessor = columnAccessor(meta);
    const returning = [...(this.returningColumns ?? keys.map((k) => accessor[k.property]!))];
    // `returning()` with no columns and no instance to give its key: no RETURNING clause at all,
    // which on SQLite makes a bulk insert about twice as fast.
    const wantsKeys = this.returningColumns?.length !== 0 || this.rows.some((r) => r instanceof meta.cls);
    const keyIndexes = (wantsKeys ? keys : []).map((key) => {
      const index = returning.findIndex((c) => c.$column === key);
      return index >= 0 ? index : returning.push(accessor[key.property]!) - 1;
    });
    // With doNothing, rows come back only for the rows inserted: the target's values say which.
    const targetIndexes = (wantsKeys ? this.skipTarget() : []).map((column) => {
      const index = returning.findIndex((c) => c.$column === column);
      return index >= 0 ? index : returning.push(accessor[column.property]!) - 1;
    });
    return { columns, returning, keyIndexes, targetIndexes };
  }

  /** The statement's node: one checked value node per value, and the ON CONFLICT clause. */
  private node(columns: readonly ColumnMeta[]): InsertNode {
    let values: ExpressionNode[][];
    try {
      values = this.rows.map((row) => columns.map((c) => this.value(c, row as RowValues)));
    } catch (error) {
      throw writeFailure(this.writeCheck, this.validateRows, error);
    }
    const onConflict = this.conflictNode(columns);
    return {
      kind: "insert",
      table: this.meta.node,
      columns: columns.map((c) => c.dbName),
      rows: values,
      returning: [],
      onConflict,
    };
  }

  /**
   * The parameters of an insert whose shape is compiled already: each value checked exactly as
   * `value()` does (same order, same errors), then encoded, with no node made for it.
   */
  private encodedValues(columns: readonly ColumnMeta[], dialect: Dialect): unknown[] {
    const compiler = dialect.compiler;
    const table = this.meta.tableName;
    const params = new Array<unknown>(this.rows.length * columns.length);
    let i = 0;
    try {
      for (const row of this.rows as readonly RowValues[]) {
        for (const column of columns) {
          const type = column.type;
          let value = row[column.property];
          if (value === undefined) value = type.defaultValue();
          params[i++] = compiler.encode(type.dataType, type.check(value, table, column.property));
        }
      }
    } catch (error) {
      throw writeFailure(this.writeCheck, this.validateRows, error);
    }
    return params;
  }

  /**
   * Which instance each returned row belongs to. Every row comes back, in VALUES order, unless
   * doNothing skipped some: then a row is matched to the instance with the same conflict-target
   * values, and only when no other row of the insert shares them; without a target no row can be
   * matched. Skipped instances are never matched, so they stay unsaved: a later save() inserts
   * (and meets the unique constraint) rather than overwriting the row that blocked them.
   */
  private owners(
    node: () => InsertNode,
    targetIndexes: readonly number[],
    decoders: readonly Decoder[],
  ): (rows: unknown[][]) => (object | undefined)[] {
    const instances = this.rows.map((r) => (r instanceof this.meta.cls ? r : undefined));
    if (this.conflict?.action !== "doNothing") return (rows) => rows.map((_, i) => instances[i]);
    // The values each row was inserted with (defaults included); a generated key is not among them.
    const { columns, rows: values } = node();
    const positions = this.skipTarget().map((c) => columns.indexOf(c.dbName));
    if (targetIndexes.length === 0 || positions.includes(-1)) return (rows) => rows.map(() => undefined);
    const byTarget = new Map<string, object | undefined>();
    values.forEach((values, i) => {
      const key = identity(positions.map((p) => (values[p] as ValueNode).value));
      byTarget.set(key, byTarget.has(key) ? undefined : instances[i]);
    });
    return (rows) =>
      rows.map((row) => byTarget.get(identity(targetIndexes.map((index, i) => decoders[i]!(row[index])))));
  }

  private value(column: ColumnMeta, row: RowValues): ExpressionNode {
    let value = row[column.property];
    if (value === undefined) value = column.type.defaultValue();
    return column.type.valueNode(column.type.check(value, this.meta.tableName, column.property));
  }

  private compile(): { compiled: CompiledQuery; run: (rows: unknown[][]) => TRow[] } {
    const dialect = this.meta.engine.dialect;
    const { columns, returning, keyIndexes, targetIndexes } = this.plan();
    // The default RETURNING (the keys) is the same for every insert of the table: built once.
    const parts =
      this.returningColumns === undefined && targetIndexes.length === 0
        ? defaultReturning<TRow>(this.meta, dialect, returning)
        : returningParts<TRow>(dialect, returning);
    // Default or no RETURNING, no ON CONFLICT: the SQL depends only on the shape (value-shape.ts).
    const returningKey = this.returningColumns === undefined ? "default" : `keys ${returning.length}`;
    const shaped =
      this.conflict === undefined && (this.returningColumns === undefined || this.returningColumns.length === 0);
    let key = `insert|${idOf(this.meta)}|`;
    for (const column of columns) key += `${column.dbName},`;
    key += `|${this.rows.length}|${returningKey}`;
    const known = shaped ? compiledShape(dialect, key) : undefined;
    let compiled: CompiledQuery;
    let built: InsertNode | undefined;
    const node = () => (built ??= this.node(columns));
    // Every value of a plain column is a plain bound value (isPlainValue): no node is needed.
    if (known !== undefined && columns.every(isPlainColumn)) {
      compiled = { ...known, params: this.encodedValues(columns, dialect) };
    } else {
      const full = node();
      const compileNode = () => dialect.compiler.compile({ ...full, returning: parts.nodes });
      const values: ExpressionNode[] = [];
      for (const row of full.rows) for (const value of row) values.push(value);
      const cacheable = shaped && values.every(isPlainValue);
      compiled = cacheable ? compiledForShape(dialect, key, values, compileNode) : compileNode();
    }
    const outputColumns = this.returningColumns?.length ?? this.meta.primaryKeys.length;
    // Key columns appended only to give instances their keys stay out of the result rows.
    const map =
      outputColumns === returning.length
        ? parts.map
        : returningParts<TRow>(dialect, returning.slice(0, outputColumns)).map;
    const keys = this.meta.primaryKeys.slice(0, keyIndexes.length).map((key, i) => ({
      property: key.property,
      index: keyIndexes[i]!,
      decode: dialect.decoder(key.type.dataType),
    }));
    const decoders = targetIndexes.map(
      (index) => dialect.decoder(returning[index]!.$column.type.dataType) ?? ((v: unknown) => v),
    );
    const owners = this.owners(node, targetIndexes, decoders);
    const noColumns = outputColumns === 0;
    const run = (rows: unknown[][]): TRow[] => {
      const sources = owners(rows);
      const mapped = rows.map((row, i) => {
        const source = sources[i] as RowValues | undefined;
        if (source !== undefined) {
          for (const key of keys) source[key.property] = key.decode ? key.decode(row[key.index]) : row[key.index];
          markPersisted(source);
        }
        return map(row);
      });
      return noColumns ? [] : mapped;
    };
    return { compiled, run };
  }

  toSQL(): CompiledQuery {
    return this.compile().compiled;
  }

  protected execute(): Promise<TRow[]> {
    const validating = validateBeforeWrite(this.writeCheck, this.validateRows);
    if (validating !== undefined) return validating.then(() => this.write());
    return promiseOf(() => this.write());
  }

  // Not async: a synchronous driver's keys are mapped at once (see utils/maybe-sync.ts).
  private write(): MaybePromise<TRow[]> {
    const { compiled, run } = this.compile();
    // One row inserted returns one row at most: better-sqlite3 reads it with get(), twice as fast.
    const mode = this.rows.length === 1 ? "row" : "arrays";
    return thenNow(this.meta.engine.queryNow(compiled, mode), (result) => run(result.rows as unknown[][]));
  }
}

/** The RETURNING parts of the table's keys for this dialect, cached on the table. */
function defaultReturning<TRow>(
  meta: TableMeta,
  dialect: Dialect,
  returning: readonly ColumnRefMembers<unknown>[],
): ReturnType<typeof returningParts<TRow>> {
  const cached = meta.cache.get("defaultReturning") as
    { dialect: Dialect; parts: ReturnType<typeof returningParts<TRow>> } | undefined;
  if (cached?.dialect === dialect) return cached.parts;
  const parts = returningParts<TRow>(dialect, returning);
  meta.cache.set("defaultReturning", { dialect, parts });
  return parts;
}

/** Checks rows for insert(): objects whose keys are columns. */
function checkRows(meta: TableMeta, rows: readonly unknown[]): void {
  for (const row of rows) {
    if (typeof row !== "object" || row === null) throw insertBadRow(meta.className, row);
    if (!(row instanceof meta.cls)) for (const key of Object.keys(row)) meta.column(key);
  }
}

/** A comparable text for a tuple of column values (dates, bigints and bytes included). */
function identity(values: readonly unknown[]): string {
  return JSON.stringify(
    values.map((v) =>
      v instanceof Date
        ? v.toISOString()
        : typeof v === "bigint"
          ? `${v}n`
          : Buffer.isBuffer(v)
            ? v.toString("hex")
            : v,
    ),
  );
}
