import { ForeignKeyType } from "../columns/foreign-key";
import { createTablesMisuse } from "../errors/factories";
import type { StatementNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { tableMetaOf, type ColumnMeta, type TableMeta } from "../table/metadata";
import { addForeignKeyStatement, createTableStatements } from "./ddl";
import { Query } from "./query";

/**
 * Tables in an order that creates each after the tables it references; a key that points at a
 * table of the set not created yet (a cycle, such as country.capital → city → country) is deferred.
 */
export function creationOrder(tables: readonly TableMeta[]): {
  order: TableMeta[];
  deferred: Map<TableMeta, ColumnMeta[]>;
} {
  const set = new Set(tables);
  const order: TableMeta[] = [];
  const state = new Map<TableMeta, "visiting" | "done">();
  const visit = (meta: TableMeta) => {
    if (state.has(meta)) return;
    state.set(meta, "visiting");
    for (const column of meta.columns) {
      const target = column.type instanceof ForeignKeyType ? column.type.target : undefined;
      if (target && target !== meta && set.has(target)) visit(target);
    }
    state.set(meta, "done");
    order.push(meta);
  };
  tables.forEach(visit);
  const deferred = new Map<TableMeta, ColumnMeta[]>();
  const created = new Set<TableMeta>();
  for (const meta of order) {
    created.add(meta);
    const forward = meta.columns.filter(
      (c) => c.type instanceof ForeignKeyType && set.has(c.type.target) && !created.has(c.type.target),
    );
    if (forward.length > 0) deferred.set(meta, forward);
  }
  return { order, deferred };
}

/**
 * `createTables(Country, City)`: creates several tables in one transaction, each after the tables
 * it references. Keys between tables that reference each other are added with ALTER TABLE once both
 * exist on PostgreSQL; SQLite accepts them in CREATE TABLE as they are.
 */
export class CreateTablesQuery extends Query<void> {
  private readonly metas: TableMeta[];

  constructor(tables: readonly object[]) {
    super();
    if (tables.length === 0)
      throw createTablesMisuse("needs at least one table class, e.g. createTables(Country, City)");
    this.metas = tables.map((t) => tableMetaOf(t));
    const engine = this.metas[0]!.engine;
    const other = this.metas.find((m) => m.engine !== engine);
    if (other)
      throw createTablesMisuse(
        `creates tables of one engine: ${other.className} has another engine than ${this.metas[0]!.className}; call it once per engine`,
      );
  }

  private statements(): StatementNode[] {
    const engine = this.metas[0]!.engine;
    const { order, deferred } = creationOrder(this.metas);
    if (engine.dialect.capabilities.forwardReferences) return order.flatMap((m) => createTableStatements(m, false));
    const later = (meta: TableMeta) => deferred.get(meta) ?? [];
    const creates = order.flatMap((m) => createTableStatements(m, false, (c) => !later(m).includes(c)));
    return [...creates, ...order.flatMap((m) => later(m).map((c) => addForeignKeyStatement(m, c)))];
  }

  private compileAll(): CompiledQuery[] {
    const compiler = this.metas[0]!.engine.dialect.compiler;
    return this.statements().map((s) => compiler.compile(s));
  }

  toSQL(): CompiledQuery {
    const all = this.compileAll();
    return { sql: all.map((c) => c.sql).join(";\n"), params: all.flatMap((c) => c.params) };
  }

  protected async execute(): Promise<void> {
    const engine = this.metas[0]!.engine;
    const statements = this.compileAll();
    await engine.transaction(async () => {
      for (const statement of statements) await engine.query(statement, "run");
    });
  }
}

/** Creates several tables, foreign keys between them included even when they form a cycle: `await createTables(Country, City)`. */
export function createTables(...tables: object[]): CreateTablesQuery {
  return new CreateTablesQuery(tables);
}
