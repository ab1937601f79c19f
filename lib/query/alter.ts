import { ColumnType } from "../columns/column-type";
import { ForeignKeyType } from "../columns/foreign-key";
import type { Now } from "../columns/now";
import {
  alterForeignKeyCheckFailed,
  alterPrimaryKey,
  alterRebuildInTransaction,
  assertKnownOptions,
  columnExists,
  foreignColumn,
  invalidAlter,
} from "../errors/factories";
import type { ExpressionNode, StatementNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { columnsIn } from "../table/constraints";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import type { OwnColumn } from "../table/types";
import { schemaChanger, type AlterAction } from "./alter-actions";
import { ColumnRef } from "./column-ref";
import { Condition } from "./expression";
import { Query } from "./query";
import { DropTableQuery } from "./ddl";

/** A column of the table itself holding `TValue` (not one reached through a foreign key). */
export type AlterColumn<TTable, TValue = unknown> = ColumnRef<TValue, string, TTable> & { readonly $joined?: never };

/** A constraint `addConstraint()` adds: a unique over columns, or a check (a condition, or SQL text). */
export type AlterConstraint<TTable> =
  | { readonly unique: readonly [OwnColumn<TTable>, ...OwnColumn<TTable>[]]; readonly name?: string }
  | { readonly check: Condition<TTable> | string; readonly name?: string };

/** A new column's name: any name the table class does not already use. */
export type NewColumnName<TTable, TName extends string> = TName extends keyof TTable ? never : TName;

/**
 * `Band.alter()`: changes the table in the database (Piccolo's `Alter`), one step per method,
 * all in one transaction when run. PostgreSQL alters in place; SQLite, which can only add, drop
 * and rename columns, rebuilds the table for the rest (new table, copy, drop, rename, indexes and
 * triggers recreated) as migrations do. The class is not changed: update its declaration too.
 */
export class AlterQuery<TTable> extends Query<void> {
  private readonly actions: readonly AlterAction[] = [];

  constructor(private readonly meta: TableMeta) {
    super();
  }

  /**
   * Adds a column (a NOT NULL one without a default fills existing rows with its type's default).
   * @example
   * Band.alter().addColumn("genre", Varchar({ length: 50, null: true }))
   * // postgres: ALTER TABLE "band" ADD COLUMN "genre" VARCHAR(50)
   * // sqlite:   ALTER TABLE "band" ADD COLUMN "genre" VARCHAR(50)
   */
  addColumn<TName extends string>(name: NewColumnName<TTable, TName>, type: ColumnType<unknown>): AlterQuery<TTable> {
    if (typeof name !== "string" || name === "") throw this.invalid("addColumn() needs a column name");
    if (!(type instanceof ColumnType)) throw this.invalid(`addColumn("${name}") needs a column type such as Varchar()`);
    if (type.options.primaryKey) throw this.invalid(`addColumn("${name}") cannot add a primary key`);
    this.checkFree(name);
    return this.add({ kind: "addColumn", name, type });
  }

  /**
   * Drops a column and its data.
   * @example
   * Band.alter().dropColumn(Band.c.popularity)
   * // postgres: ALTER TABLE "band" DROP COLUMN "popularity"
   * // sqlite:   ALTER TABLE "band" DROP COLUMN "popularity"
   */
  dropColumn(column: OwnColumn<TTable>): AlterQuery<TTable> {
    const own = this.own(column, "dropColumn");
    if (own.primaryKey) throw alterPrimaryKey(this.meta.tableName, own.dbName, "drop");
    return this.add({ kind: "dropColumn", column: own.dbName });
  }

  /**
   * Renames a column; its values stay.
   * @example
   * Band.alter().renameColumn(Band.c.popularity, "rating")
   * // postgres: ALTER TABLE "band" RENAME COLUMN "popularity" TO "rating"
   * // sqlite:   ALTER TABLE "band" RENAME COLUMN "popularity" TO "rating"
   */
  renameColumn(column: OwnColumn<TTable>, to: string): AlterQuery<TTable> {
    const own = this.own(column, "renameColumn");
    if (typeof to !== "string" || to === "") throw this.invalid("renameColumn() needs the new name");
    this.checkFree(to);
    return this.add({ kind: "renameColumn", column: own.dbName, to });
  }

  /**
   * Renames the table; its rows stay (later steps of the chain work on the new name).
   * @example
   * Band.alter().renameTable("music_band")
   * // postgres: ALTER TABLE "band" RENAME TO "music_band"
   * // sqlite:   ALTER TABLE "band" RENAME TO "music_band"
   */
  renameTable(to: string): AlterQuery<TTable> {
    if (typeof to !== "string" || to === "") throw this.invalid("renameTable() needs the new name");
    return this.add({ kind: "renameTable", to });
  }

  /**
   * Lets a column hold NULL (`true`) or not (`false`; existing NULLs take the column's default, or
   * its type's, as in migrations). SQLite rebuilds the table.
   * @example
   * Band.alter().setNull(Band.c.name, true)
   * // PostgreSQL: ALTER TABLE "band" ALTER COLUMN "name" DROP NOT NULL; SQLite rebuilds the table
   */
  setNull(column: OwnColumn<TTable>, nullable: boolean): AlterQuery<TTable> {
    const own = this.own(column, "setNull");
    if (typeof nullable !== "boolean") throw this.invalid("setNull() takes true (allow NULL) or false");
    if (own.primaryKey && nullable) throw alterPrimaryKey(this.meta.tableName, own.dbName, "allow NULL in");
    return this.add({ kind: "setNull", column: own.dbName, nullable });
  }

  /**
   * Sets a column's default (`null` drops it; `now` is the current date/time). SQLite rebuilds the table.
   * @example
   * Band.alter().setDefault(Band.c.popularity, 10)
   * // PostgreSQL: ALTER TABLE "band" ALTER COLUMN "popularity" DROP DEFAULT, then … SET DEFAULT 10
   */
  setDefault<TValue>(column: AlterColumn<TTable, TValue>, value: NonNullable<TValue> | Now | null): AlterQuery<TTable> {
    const own = this.own(column, "setDefault");
    if (value !== null && typeof value !== "object") own.type.check(value, this.meta.tableName, own.dbName);
    return this.add({ kind: "setDefault", column: own.dbName, value });
  }

  /**
   * Changes a column's type, keeping its values (PostgreSQL casts them: `USING column::type`); its
   * nullability, default and constraints stay. SQLite rebuilds the table.
   * @example
   * Band.alter().setColumnType(Band.c.popularity, BigIntColumn())
   * // PostgreSQL: ALTER TABLE "band" ALTER COLUMN "popularity" TYPE BIGINT USING "popularity"::BIGINT,
   * // between dropping the default and setting it again
   */
  setColumnType(column: OwnColumn<TTable>, type: ColumnType<unknown>): AlterQuery<TTable> {
    const own = this.own(column, "setColumnType");
    if (!(type instanceof ColumnType) || type instanceof ForeignKeyType)
      throw this.invalid("setColumnType() needs a column type such as Text() (not a ForeignKey)");
    return this.add({ kind: "setColumnType", column: own.dbName, type });
  }

  /**
   * Changes a Varchar column's length. SQLite rebuilds the table.
   * @example
   * Band.alter().setLength(Band.c.name, 200)
   * // PostgreSQL: ALTER TABLE "band" ALTER COLUMN "name" TYPE VARCHAR(200) USING "name"::VARCHAR(200)
   */
  setLength(column: AlterColumn<TTable, string | null>, length: number): AlterQuery<TTable> {
    const own = this.own(column, "setLength");
    if (own.type.kind !== "varchar" && own.type.kind !== "char")
      throw this.invalid(`setLength() needs a Varchar or Char column; ${own.dbName} is ${own.type.kind}`);
    if (!Number.isInteger(length) || length < 1) throw this.invalid("setLength() needs a positive whole number");
    return this.add({ kind: "setLength", column: own.dbName, length });
  }

  /**
   * Adds a unique or check constraint (named `<table>_<columns>_key` / `_check` unless `name` is
   * given). SQLite rebuilds the table.
   * @example
   * Band.alter().addConstraint({ unique: [Band.c.name, Band.c.manager] })
   * // PostgreSQL: ALTER TABLE "band" ADD CONSTRAINT "band_name_manager_key" UNIQUE ("name", "manager")
   */
  addConstraint(constraint: AlterConstraint<TTable>): AlterQuery<TTable> {
    if (typeof constraint !== "object" || constraint === null)
      throw this.invalid("addConstraint() takes { unique: [columns] } or { check: condition }");
    const kind = "unique" in constraint ? "unique" : "check";
    assertKnownOptions("addConstraint()", constraint, [kind, "name"]);
    const name = constraint.name;
    if (name !== undefined && (typeof name !== "string" || name === ""))
      throw this.invalid("a constraint's name must be a non-empty string");
    const table = this.meta.tableName;
    if ("unique" in constraint) {
      const list: readonly unknown[] = Array.isArray(constraint.unique) ? constraint.unique : [];
      if (list.length === 0) throw this.invalid("a unique constraint needs a non-empty list of columns");
      const columns = list.map((c) => this.own(c, "addConstraint").dbName);
      return this.add({ kind: "addUnique", name: name ?? [table, ...columns, "key"].join("_"), columns });
    }
    const condition = this.checkNode(constraint.check);
    return this.add({ kind: "addCheck", name: name ?? [table, ...columnsIn(condition), "check"].join("_"), condition });
  }

  /**
   * Drops a constraint by name (a column's own unique is `<table>_<column>_key`). SQLite rebuilds the table.
   * @example
   * Band.alter().dropConstraint("band_name_manager_key")
   * // PostgreSQL: ALTER TABLE "band" DROP CONSTRAINT "band_name_manager_key"; SQLite rebuilds the table
   */
  dropConstraint(name: string): AlterQuery<TTable> {
    if (typeof name !== "string" || name === "") throw this.invalid("dropConstraint() needs the constraint's name");
    return this.add({ kind: "dropConstraint", name });
  }

  /**
   * Drops the table (Piccolo's `alter().drop_table()`), as `Band.dropTable()` does; alone, not after other steps.
   * @example
   * Band.alter().dropTable({ ifExists: true })
   * // postgres: DROP TABLE IF EXISTS "band"
   * // sqlite:   DROP TABLE IF EXISTS "band"
   */
  dropTable(options: { ifExists?: boolean; cascade?: boolean } = {}): DropTableQuery {
    assertKnownOptions("alter().dropTable()", options, ["ifExists", "cascade"]);
    if (this.actions.length > 0) throw this.invalid("dropTable() drops the whole table: call it on alter() alone");
    return new DropTableQuery(this.meta, options.ifExists ?? false, options.cascade ?? false);
  }

  private checkNotEmpty(): void {
    if (this.actions.length === 0) throw this.invalid("alter() was given no change (call addColumn(), setNull(), …)");
  }

  /**
   * The statements, planned from the table as its class declares it. Running plans on SQLite from
   * the table as the database has it, so a rebuild there can differ where an earlier alter() did.
   */
  toSQL(): CompiledQuery {
    this.checkNotEmpty();
    const compiler = this.meta.engine.dialect.compiler;
    const all = schemaChanger()
      .plan(this.meta, this.actions)
      .flatMap((s) => s.statements.map((statement) => compiler.compile(statement)));
    return { sql: all.map((c) => c.sql).join(";\n"), params: all.flatMap((c) => c.params) };
  }

  /**
   * Runs every step in one transaction. A SQLite rebuild needs foreign keys off, which only works
   * outside a transaction: they are switched off around it and checked before the commit.
   */
  protected async execute(): Promise<void> {
    this.checkNotEmpty();
    const engine = this.meta.engine;
    const steps = await schemaChanger().planLive(this.meta, this.actions);
    const pragma = steps.some((s) => s.rebuild) && engine.dialect.capabilities.foreignKeysPragma;
    if (pragma && engine.inTransaction) throw alterRebuildInTransaction(this.meta.tableName);
    const run = (statement: StatementNode, mode: "run" | "objects" = "run") =>
      engine.query(engine.dialect.compiler.compile(statement), mode);
    if (pragma) await run({ kind: "foreignKeys", enabled: false });
    try {
      await engine.transaction(async () => {
        const runStatement = schemaChanger().runner(engine);
        for (const statement of steps.flatMap((s) => s.statements)) await runStatement(statement);
        if (pragma) {
          const violations = (await run({ kind: "foreignKeyCheck" }, "objects")).rows.length;
          if (violations > 0) throw alterForeignKeyCheckFailed(this.meta.tableName, violations);
        }
      });
    } finally {
      if (pragma) await run({ kind: "foreignKeys", enabled: true });
    }
  }

  private add(action: AlterAction): AlterQuery<TTable> {
    return this.copy({ actions: [...this.actions, action] });
  }

  private invalid(problem: string): Error {
    return invalidAlter(this.meta.tableName, problem);
  }

  /** The column of a ColumnRef of this table, or a clear error (another table's, or one the chain dropped or renamed). */
  private own(column: unknown, method: string): ColumnMeta {
    if (!(column instanceof ColumnRef))
      throw this.invalid(
        `${method}() takes a column such as ${this.meta.className}.c.${this.meta.columns[0]?.property}`,
      );
    if (column.$table !== this.meta || column.$joins.length > 0)
      throw foreignColumn(`alter().${method}`, this.meta.className, column.$table.className);
    const name = column.$column.dbName;
    const gone = this.actions.some((a) => (a.kind === "dropColumn" || a.kind === "renameColumn") && a.column === name);
    if (gone) throw this.invalid(`${method}(): column "${name}" was dropped or renamed earlier in this alter()`);
    return column.$column;
  }

  /** A name no column has at this point of the chain. */
  private checkFree(name: string): void {
    const taken = new Set(this.meta.columns.map((c) => c.dbName));
    for (const a of this.actions) {
      if (a.kind === "addColumn") taken.add(a.name);
      if (a.kind === "dropColumn") taken.delete(a.column);
      if (a.kind === "renameColumn") {
        taken.delete(a.column);
        taken.add(a.to);
      }
    }
    if (taken.has(name)) throw columnExists(this.meta.tableName, name);
  }

  /** A check's condition: SQL text as it is, or a condition on this table's own columns. */
  private checkNode(check: unknown): ExpressionNode {
    if (typeof check === "string" && check.trim() !== "")
      return { kind: "dialectSql", sql: { postgres: check, sqlite: check } };
    if (!(check instanceof Condition))
      throw this.invalid(`a check needs a condition such as ${this.meta.className}.c.id.gt(0), or SQL text`);
    if ((check.$root !== undefined && check.$root !== this.meta) || check.$joins.length > 0)
      throw this.invalid("a check can only read the table's own columns");
    return check.$node;
  }
}
