import { assertKnownOptions, foreignColumn, invalidAlter, unknownIndexMethod } from "../errors/factories";
import type { IndexMethod, StatementNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { TableMeta } from "../table/metadata";
import type { OwnColumn } from "../table/types";
import { ColumnRef } from "./column-ref";
import { Query } from "./query";

/** Options of `createIndex()`. */
export interface CreateIndexOptions {
  /** The index method (default btree); hash, gin, gist and brin are PostgreSQL's, and an error on SQLite. */
  readonly method?: IndexMethod | undefined;
  /** A unique index. */
  readonly unique?: boolean | undefined;
  /** The index's name (default `<table>_<columns>`, as Piccolo names it). */
  readonly name?: string | undefined;
  /** Do nothing when an index of that name exists. */
  readonly ifNotExists?: boolean | undefined;
}

/** The index columns of a table: one or more of its own columns. */
export type IndexColumns<TTable> = readonly [OwnColumn<TTable>, ...OwnColumn<TTable>[]];

const methods: readonly IndexMethod[] = ["btree", "hash", "gin", "gist", "brin"];

/** The database names of index columns, each checked to be the table's own. */
function columnNames(meta: TableMeta, columns: unknown, method: string): string[] {
  if (!Array.isArray(columns) || columns.length === 0)
    throw invalidAlter(meta.tableName, `${method}() needs a non-empty list of columns, or an index name`);
  return columns.map((column: unknown) => {
    if (!(column instanceof ColumnRef))
      throw invalidAlter(
        meta.tableName,
        `${method}() takes columns such as ${meta.className}.c.${meta.columns[0]?.property}`,
      );
    if (column.$table !== meta || column.$joins.length > 0)
      throw foreignColumn(method, meta.className, column.$table.className);
    return column.$column.dbName;
  });
}

/** The name Piccolo gives an index over columns: `<table>_<column>_<column>`. */
function defaultIndexName(meta: TableMeta, columns: readonly string[]): string {
  return [meta.tableName, ...columns].join("_");
}

/** One DDL statement on the table's engine. */
abstract class IndexStatementQuery<TRoot> extends Query<TRoot> {
  constructor(protected readonly meta: TableMeta) {
    super();
  }

  protected abstract node(): StatementNode;

  toSQL(): CompiledQuery {
    return this.meta.engine.dialect.compiler.compile(this.node());
  }
}

/** `Band.createIndex([Band.c.name], { method, unique, name, ifNotExists })`. */
export class CreateIndexQuery extends IndexStatementQuery<void> {
  private readonly columns: string[];

  constructor(
    meta: TableMeta,
    columns: unknown,
    private readonly options: CreateIndexOptions,
  ) {
    super(meta);
    assertKnownOptions("createIndex()", options, ["method", "unique", "name", "ifNotExists"]);
    if (options.method !== undefined && !methods.includes(options.method))
      throw unknownIndexMethod(meta.className, options.method, methods);
    if (options.name !== undefined && (typeof options.name !== "string" || options.name === ""))
      throw invalidAlter(meta.tableName, "an index's name must be a non-empty string");
    this.columns = columnNames(meta, columns, "createIndex");
  }

  protected node(): StatementNode {
    return {
      kind: "createIndex",
      name: this.options.name ?? defaultIndexName(this.meta, this.columns),
      table: this.meta.node,
      columns: this.columns,
      ifNotExists: this.options.ifNotExists ?? false,
      unique: this.options.unique,
      method: this.options.method,
    };
  }

  protected async execute(): Promise<void> {
    await this.meta.engine.query(this.toSQL(), "run");
  }
}

/** `Band.dropIndex([Band.c.name])` or `Band.dropIndex("band_name", { ifExists: true })`. */
export class DropIndexQuery extends IndexStatementQuery<void> {
  private readonly name: string;

  constructor(
    meta: TableMeta,
    columnsOrName: unknown,
    private readonly options: { ifExists?: boolean | undefined },
  ) {
    super(meta);
    assertKnownOptions("dropIndex()", options, ["ifExists"]);
    this.name =
      typeof columnsOrName === "string" && columnsOrName !== ""
        ? columnsOrName
        : defaultIndexName(meta, columnNames(meta, columnsOrName, "dropIndex"));
  }

  protected node(): StatementNode {
    return { kind: "dropIndex", name: this.name, schema: this.meta.schema, ifExists: this.options.ifExists ?? false };
  }

  protected async execute(): Promise<void> {
    await this.meta.engine.query(this.toSQL(), "run");
  }
}

/** `Band.indexes()`: the names of the table's indexes, sorted (constraint-backed ones too, as Piccolo lists them). */
export class TableIndexesQuery extends IndexStatementQuery<string[]> {
  protected node(): StatementNode {
    return { kind: "tableIndexes", table: this.meta.node };
  }

  protected async execute(): Promise<string[]> {
    const rows = (await this.meta.engine.query(this.toSQL(), "objects")).rows;
    return rows.map((r) => String((r as { name: unknown }).name));
  }
}
