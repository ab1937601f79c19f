import type { Engine } from "../engine/engine";
import { carryOverFailed } from "../errors/factories";
import type { CarryOverNode, StatementNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import { tableKey } from "./schema";

/** An index or trigger as sqlite_master holds it. */
interface TableObject {
  readonly type: string;
  readonly name: string;
  readonly sql: string;
}

/**
 * Runs a migration's statements in order (as nodes, or compiled, as a preview shows them).
 * Statements run as compiled, except the two steps of a table rebuild that carry the table's
 * other indexes and triggers over: those read sqlite_master before the old table is dropped and
 * create each object again after the rename; and a catalogue query whose rows are statements to
 * run (CockroachDB's drop of a column's constraints).
 */
export class StatementRunner {
  private readonly saved = new Map<string, TableObject[]>();

  constructor(private readonly engine: Engine) {}

  /** True between a rebuild's legacy_alter_table ON and OFF: a connection setting, which a rollback would not undo. */
  private legacy = false;

  /** Compiles and runs one statement. */
  run(statement: StatementNode): Promise<void> {
    return this.runCompiled(this.engine.dialect.compiler.compile(statement));
  }

  /** Runs one compiled statement; a rebuild's carry-over steps are carried out here rather than sent as they are. */
  async runCompiled(compiled: CompiledQuery): Promise<void> {
    const step = compiled.migrationStep;
    if (step?.kind === "carryOver") return step.phase === "save" ? this.save(step) : this.restore(step);
    if (step?.kind === "returnedStatements") return this.runReturned(compiled);
    try {
      await this.engine.query(compiled, "run");
      if (step?.kind === "legacyAlterTable") this.legacy = step.enabled;
    } catch (error) {
      if (this.legacy)
        await this.engine.query(
          this.engine.dialect.compiler.compile({ kind: "legacyAlterTable", enabled: false }),
          "run",
        );
      throw error;
    }
  }

  /** Runs the statements a catalogue query returns (CockroachDB: the DROPs of a column's constraints, by name). */
  private async runReturned(compiled: CompiledQuery): Promise<void> {
    const rows = (await this.engine.query(compiled, "objects")).rows as { statement: string }[];
    for (const row of rows) await this.engine.query({ sql: String(row.statement), params: [] }, "run");
  }

  private async save(node: CarryOverNode): Promise<void> {
    const compiled = this.engine.dialect.compiler.compile({ kind: "tableObjects", table: node.table });
    const rows = (await this.engine.query(compiled, "objects")).rows as unknown as TableObject[];
    this.saved.set(
      tableKey(node.table.name, node.table.schema),
      rows.filter((r) => !node.managed.includes(r.name)),
    );
  }

  // An object that names a dropped column is skipped, as PostgreSQL drops the indexes of a dropped
  // column; any other failure stops the migration, which then rolls back whole.
  private async restore(node: CarryOverNode): Promise<void> {
    const key = tableKey(node.table.name, node.table.schema);
    for (const object of this.saved.get(key) ?? []) {
      try {
        await this.engine.query({ sql: object.sql, params: [] }, "run");
      } catch (error) {
        const missing = /no such column: "?([^"\s]+)"?/.exec(error instanceof Error ? error.message : "")?.[1];
        if (missing !== undefined && node.dropped.includes(missing)) continue;
        throw carryOverFailed(node.table.name, object.name, error);
      }
    }
    this.saved.delete(key);
  }
}
