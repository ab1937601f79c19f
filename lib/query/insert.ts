import { OrmError } from "../errors/orm-error";
import type { ExpressionNode, InsertNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { columnAccessor } from "../table/column-accessor";
import { markPersisted } from "../table/instance-state";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import type { ColumnRef } from "./column-ref";
import { Query } from "./query";
import { returningParts, toReturning } from "./returning";

type RowValues = Record<string | symbol, unknown>;

/**
 * `Band.insert(new Band({ name: "Pythonistas" }), …)`: one INSERT for all rows. Resolves to the
 * primary keys (or the `returning(...)` columns); inserted instances get their keys and can be saved.
 * PostgreSQL: `INSERT INTO "band" ("name", "popularity") VALUES ($1, $2), ($3, $4) RETURNING "id"`.
 */
export class InsertQuery<T, R> extends Query<R[]> {
  private readonly returningColumns: readonly ColumnRef<unknown>[] | undefined = undefined;

  constructor(
    private readonly meta: TableMeta,
    private readonly rows: readonly object[],
  ) {
    super();
    if (rows.length === 0) throw new OrmError(`insert() on ${meta.className} needs at least one row.`);
    for (const row of rows) {
      if (typeof row !== "object" || row === null) throw new OrmError(`insert() expects ${meta.className} instances or objects, got ${String(row)}.`);
      if (!(row instanceof meta.cls)) for (const key of Object.keys(row)) meta.column(key);
    }
  }

  /** Which columns of the new rows to return (default: the primary key). */
  returning<S extends ColumnRef<unknown, string, T>[]>(...columns: S): InsertQuery<T, { [C in S[number] as C["$key"]]: C["$type"] }> {
    return this.with({ returningColumns: toReturning(this.meta, columns) }) as never;
  }

  private build(): { node: InsertNode; returning: ColumnRef<unknown>[]; keyIndex: number } {
    const meta = this.meta;
    const pk = meta.primaryKey;
    const generatedKey = pk.type.kind === "serial" || pk.type.kind === "bigserial";
    const withKey = this.rows.filter((r) => (r as RowValues)[pk.property] != null).length;
    if (generatedKey && withKey > 0 && withKey < this.rows.length) {
      throw new OrmError(`insert() on ${meta.className}: give every row an ${pk.property} or none of them (the database generates missing ones).`);
    }
    const columns = meta.columns.filter((c) => !(c === pk && generatedKey && withKey === 0));
    const values: ExpressionNode[][] = this.rows.map((row) => columns.map((c) => this.value(c, row as RowValues)));
    const accessor = columnAccessor(meta);
    const returning = [...(this.returningColumns ?? [accessor[pk.property]!])];
    let keyIndex = returning.findIndex((c) => c.$column === pk);
    if (keyIndex < 0) keyIndex = returning.push(accessor[pk.property]!) - 1;
    return { node: { kind: "insert", table: meta.node, columns: columns.map((c) => c.dbName), rows: values, returning: [] }, returning, keyIndex };
  }

  private value(column: ColumnMeta, row: RowValues): ExpressionNode {
    let value = row[column.property];
    if (value === undefined) value = column.type.defaultValue();
    return { kind: "value", value: column.type.check(value, this.meta.tableName, column.property), type: column.type };
  }

  private compile(): { compiled: CompiledQuery; run: (rows: unknown[][]) => R[] } {
    const dialect = this.meta.engine.dialect;
    const { node, returning, keyIndex } = this.build();
    const parts = returningParts<R>(dialect, returning);
    const compiled = dialect.compiler.compile({ ...node, returning: parts.nodes });
    const outputColumns = this.returningColumns?.length ?? 1;
    // A key appended only to give instances their ids stays out of the result rows.
    const map = outputColumns === returning.length ? parts.map : returningParts<R>(dialect, returning.slice(0, outputColumns)).map;
    const keyDecoder = dialect.decoder(this.meta.primaryKey.type);
    const run = (rows: unknown[][]): R[] =>
      rows.map((row, i) => {
        const source = this.rows[i] as RowValues;
        if (source instanceof this.meta.cls) {
          source[this.meta.primaryKey.property] = keyDecoder ? keyDecoder(row[keyIndex]) : row[keyIndex];
          markPersisted(source);
        }
        return map(row);
      });
    return { compiled, run };
  }

  toSQL(): CompiledQuery {
    return this.compile().compiled;
  }

  async run(): Promise<R[]> {
    const { compiled, run } = this.compile();
    const result = await this.meta.engine.query(compiled, "arrays");
    return run(result.rows as unknown[][]);
  }
}
