import type { ColumnDefinitionNode, StatementNode } from "../sql/ast/nodes";
import { ForeignKeyType } from "../columns/foreign-key";
import { dropCascadeInTransaction } from "../errors/factories";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { tableConstraints } from "../table/constraints";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import { Query } from "./query";

function columnDefinition(column: ColumnMeta): ColumnDefinitionNode {
  const type = column.type;
  const declared = type.options.default;
  const fk = type instanceof ForeignKeyType ? type : undefined;
  return {
    name: column.dbName,
    type: type.dataType,
    primaryKey: column.primaryKey,
    notNull: !type.nullable,
    unique: type.options.unique ?? false,
    // Function defaults (random UUIDs) run client-side; constants and `now` also go into the schema.
    default:
      declared === undefined || typeof declared === "function" || type.defaultNow
        ? undefined
        : type.valueNode(declared),
    defaultNow: type.defaultNow,
    references: fk && {
      table: fk.target.node,
      column: fk.targetColumn.dbName,
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
    },
  };
}

/** Runs several DDL statements in order. */
abstract class DdlQuery<TResult> extends Query<TResult> {
  constructor(protected readonly meta: TableMeta) {
    super();
  }

  protected abstract statements(): StatementNode[];

  protected compileAll(): CompiledQuery[] {
    const compiler = this.meta.engine.dialect.compiler;
    return this.statements().map((s) => compiler.compile(s));
  }

  toSQL(): CompiledQuery {
    const all = this.compileAll();
    return { sql: all.map((c) => c.sql).join(";\n"), params: all.flatMap((c) => c.params) };
  }
}

/** CREATE TABLE for a table class, with its unique and check constraints, then its indexes. */
export function createTableStatements(
  meta: TableMeta,
  ifNotExists: boolean,
  withReferences: (column: ColumnMeta) => boolean = () => true,
): StatementNode[] {
  const table = meta.node;
  const declared = tableConstraints(meta);
  const indexes: StatementNode[] = meta.columns
    .filter((c) => c.type.options.index)
    .map((c) => ({
      kind: "createIndex",
      name: `${meta.tableName}_${c.dbName}`,
      table,
      columns: [c.dbName],
      ifNotExists,
    }));
  for (const i of declared.indexes) {
    indexes.push({
      kind: "createIndex",
      name: i.name,
      table,
      columns: i.columns,
      ifNotExists,
      unique: i.unique,
      method: i.method,
      where: i.where,
    });
  }
  const constraints = [
    ...declared.unique.map((u) => ({ kind: "unique" as const, name: u.name, columns: u.columns })),
    ...declared.checks.map((c) => ({ kind: "check" as const, name: c.name, condition: c.condition })),
  ];
  const columns = meta.columns.map((c) => {
    const definition = columnDefinition(c);
    return withReferences(c) ? definition : { ...definition, references: undefined };
  });
  return [{ kind: "createTable", table, columns, ifNotExists, constraints }, ...indexes];
}

/** The foreign key of a column, added after CREATE TABLE (for keys between tables that reference each other). */
export function addForeignKeyStatement(meta: TableMeta, column: ColumnMeta): StatementNode {
  return {
    kind: "alterTable",
    table: meta.node,
    action: { kind: "addForeignKey", name: column.dbName, references: columnDefinition(column).references! },
  };
}

/**
 * `Band.createTable({ ifNotExists: true })`: the table with its constraints, then its indexes.
 * PostgreSQL: `CREATE TABLE IF NOT EXISTS "band" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(100) NOT NULL, …)`.
 */
export class CreateTableQuery extends DdlQuery<void> {
  constructor(
    meta: TableMeta,
    private readonly ifNotExists: boolean,
  ) {
    super(meta);
  }

  protected statements(): StatementNode[] {
    return createTableStatements(this.meta, this.ifNotExists);
  }

  protected async execute(): Promise<void> {
    for (const statement of this.compileAll()) await this.meta.engine.query(statement, "run");
  }
}

/**
 * `Band.dropTable({ ifExists: true, cascade: true })`. With cascade, tables that reference this one
 * keep their rows: PostgreSQL drops their foreign key constraints (`DROP TABLE … CASCADE`); SQLite
 * would first delete this table's rows, firing the references' ON DELETE actions (deleting or
 * nulling the referencing rows), so foreign keys are switched off around the drop there.
 */
export class DropTableQuery extends DdlQuery<void> {
  constructor(
    meta: TableMeta,
    private readonly ifExists: boolean,
    private readonly cascade: boolean,
  ) {
    super(meta);
  }

  protected statements(): StatementNode[] {
    const drop: StatementNode = {
      kind: "dropTable",
      table: this.meta.node,
      ifExists: this.ifExists,
      cascade: this.cascade,
    };
    const engine = this.meta.engine;
    if (!this.cascade || !engine.dialect.capabilities.foreignKeysPragma) return [drop];
    // The pragma is a no-op inside a transaction: refuse rather than let the drop delete rows.
    if (engine.inTransaction) throw dropCascadeInTransaction(this.meta.tableName);
    return [{ kind: "foreignKeys", enabled: false }, drop, { kind: "foreignKeys", enabled: true }];
  }

  protected async execute(): Promise<void> {
    const engine = this.meta.engine;
    const statements = this.compileAll();
    if (statements.length === 1) return void (await engine.query(statements[0]!, "run"));
    const [off, drop, on] = statements;
    await engine.query(off!, "run");
    try {
      await engine.query(drop!, "run");
    } finally {
      await engine.query(on!, "run");
    }
  }
}

/** `Band.tableExists()`: whether the table is in the database. */
export class TableExistsQuery extends DdlQuery<boolean> {
  protected statements(): StatementNode[] {
    return [{ kind: "tableExists", table: this.meta.node }];
  }

  protected async execute(): Promise<boolean> {
    return (await this.meta.engine.query(this.compileAll()[0]!, "arrays")).rows.length > 0;
  }
}
