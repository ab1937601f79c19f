import { alterColumnTypeOnCockroach, conflictingOptions, serialOnCockroach } from "../../../errors/factories";
import type { DataType } from "../../ast/data-type";
import type * as N from "../../ast/nodes";
import type { CompiledQuery } from "../../compiler/compiled-query";
import type { CompileContext } from "../../compiler/query-compiler";
import { PostgresCompiler } from "../postgres/compiler";

/** The table whose rows stand in for advisory locks (see LockTableNode). */
export const lockTableName = "piccolo_migration_lock";

const constraintTypes = { unique: "UNIQUE", foreignKey: "FOREIGN KEY", primaryKey: "PRIMARY KEY" } as const;

/**
 * CockroachDB: PostgreSQL's spelling with its differences. BigSerial keys are INT8 filled by
 * unique_rowid() (values past 2^53, read as bigint), Serial keys INT8 from a sequence of their own
 * (1, 2, 3…, read as numbers), INTEGER is spelled INT8 (what CockroachDB makes of it), JSON is
 * stored as JSONB, a column's type cannot change inside a transaction, advisory locks are rows of a
 * lock table, and selects may read AS OF SYSTEM TIME.
 */
export class CockroachCompiler extends PostgresCompiler {
  protected override readonly dialectName = "CockroachDB";

  protected override typeName(type: DataType): string {
    switch (type.kind) {
      case "serial":
      case "bigserial":
      case "integer":
        return "INT8"; // CockroachDB's INTEGER is INT8 anyway (default_int_size 8): say so
      case "json":
        return "JSONB"; // CockroachDB's JSON is JSONB under another name
      default:
        return super.typeName(type);
    }
  }

  /** The table whose CREATE TABLE is being compiled: its Serial columns get sequences named after it. */
  private creating: N.TableNode | undefined;

  // BigSerial: unique_rowid(), unique across nodes without coordination (CockroachDB's own SERIAL).
  // Serial: a sequence, so that keys are 1, 2, 3… and fit a JS number (see createTable).
  protected override columnType(column: N.ColumnDefinitionNode): string {
    if (column.type.kind === "serial") {
      if (this.creating === undefined) throw serialOnCockroach(column.name);
      return `INT8 NOT NULL DEFAULT nextval(${this.literal(this.table(this.sequence(this.creating, column.name)))})`;
    }
    if (column.type.kind === "bigserial") return "INT8 DEFAULT unique_rowid()";
    return super.columnType(column);
  }

  /** The sequence of a Serial column: `<table>_<column>_seq`, as PostgreSQL names a SERIAL's. */
  private sequence(table: N.TableNode, column: string): N.TableNode {
    return { kind: "table", name: `${table.name}_${column}_seq`, schema: table.schema };
  }

  /**
   * A table with Serial columns is three statements in one (DDL binds no parameters, so they run as
   * one simple query): each column's sequence, the table, then the sequence made the column's
   * (OWNED BY), so that dropping the table or the column drops it too.
   */
  protected override createTable(node: N.CreateTableNode): string {
    const serials = node.columns.filter((c) => c.type.kind === "serial").map((c) => c.name);
    if (serials.length === 0) return super.createTable(node);
    this.creating = node.table;
    try {
      const table = super.createTable(node);
      const ifNotExists = node.ifNotExists ? "IF NOT EXISTS " : "";
      const sequences = serials.map((c) => this.table(this.sequence(node.table, c)));
      const owned = serials.map(
        (c, i) => `ALTER SEQUENCE ${sequences[i]} OWNED BY ${this.table(node.table)}.${this.quote(c)}`,
      );
      return [...sequences.map((seq) => `CREATE SEQUENCE ${ifNotExists}${seq}`), table, ...owned].join("; ");
    } finally {
      this.creating = undefined;
    }
  }

  protected override alterAction(action: N.AlterActionNode): string {
    if (action.kind === "alterColumnType") throw alterColumnTypeOnCockroach(action.name);
    return super.alterAction(action);
  }

  // The constraints' names come from information_schema (CockroachDB has no DO block to loop over
  // them on the server); the runner runs each returned DROP (see ReturnedStatementsStep).
  override compile(node: N.StatementNode): CompiledQuery {
    const compiled = super.compile(node);
    return node.kind === "dropColumnConstraints"
      ? { ...compiled, migrationStep: { kind: "returnedStatements" } }
      : compiled;
  }

  /**
   * One row per constraint of that type on the column, with the statement that drops it. A UNIQUE
   * constraint is its index there, dropped by DROP INDEX … CASCADE (ALTER TABLE … DROP CONSTRAINT
   * refuses it before CockroachDB 26.2); elsewhere (PostgreSQL, which the tests stand it on) DROP
   * CONSTRAINT.
   */
  private dropColumnConstraintsLookup(node: N.DropColumnConstraintsNode, ctx: CompileContext): string {
    const table = this.literal(this.table(node.table));
    const name = `'"' || replace(tc.constraint_name, '"', '""') || '"'`;
    const schema = node.table.schema === undefined ? "current_schema()" : this.param(node.table.schema, ctx);
    return (
      `SELECT DISTINCT CASE WHEN tc.constraint_type = 'UNIQUE' AND version() LIKE 'CockroachDB%' ` +
      `THEN 'DROP INDEX ' || ${table} || '@' || ${name} || ' CASCADE' ` +
      `ELSE 'ALTER TABLE ' || ${table} || ' DROP CONSTRAINT ' || ${name} END AS "statement" ` +
      "FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu " +
      "ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name " +
      "AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name " +
      `WHERE tc.table_schema = ${schema} AND tc.table_name = ${this.param(node.table.name, ctx)} ` +
      `AND tc.constraint_type = ${this.param(constraintTypes[node.constraint], ctx)} ` +
      `AND kcu.column_name = ${this.param(node.column, ctx)}`
    );
  }

  protected override statement(node: N.StatementNode, ctx: CompileContext): string {
    switch (node.kind) {
      case "dropColumnConstraints":
        return this.dropColumnConstraintsLookup(node, ctx);
      // Writing the key's row takes its write lock until the transaction ends; a second runner waits.
      case "advisoryLock":
        return (
          `INSERT INTO ${this.quote(lockTableName)} ("key", "taken_at") VALUES (${this.param(node.key, ctx)}, now()) ` +
          `ON CONFLICT ("key") DO UPDATE SET "taken_at" = excluded."taken_at"`
        );
      case "lockTable":
        return `CREATE TABLE IF NOT EXISTS ${this.quote(lockTableName)} ("key" INT8 PRIMARY KEY, "taken_at" TIMESTAMPTZ NOT NULL)`;
      // A Serial's sequence follows its table: a new table of the old name creates one of its own.
      case "renameTable": {
        const renamed = super.statement(node, ctx);
        const sequences = (node.serialColumns ?? []).map(
          (c) =>
            `ALTER SEQUENCE ${this.table(this.sequence(node.table, c))} RENAME TO ${this.quote(`${node.to}_${c}_seq`)}`,
        );
        return [renamed, ...sequences].join("; ");
      }
      case "select":
        if (node.lock !== undefined && node.asOfSystemTime !== undefined)
          throw conflictingOptions("select", "asOfSystemTime()", "lockRows()");
        return super.statement(node, ctx);
      default:
        return super.statement(node, ctx);
    }
  }

  // CockroachDB reads the timestamp before planning the statement, so it is written as a literal:
  // the builder lets through only Dates, negative intervals of digits and units, and
  // follower_read_timestamp(). A Date is written as a zone-less UTC timestamp.
  protected override asOfSystemTime(time: Date | string): string {
    if (time instanceof Date)
      return ` AS OF SYSTEM TIME ${this.literal(time.toISOString().slice(0, -1).replace("T", " "))}`;
    if (time === "follower_read_timestamp()") return " AS OF SYSTEM TIME follower_read_timestamp()";
    return ` AS OF SYSTEM TIME ${this.literal(time)}`;
  }
}
