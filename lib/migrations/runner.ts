import type { Engine } from "../engine/engine";
import { foreignKeyCheckFailed, migrationDependency, migrationNotFound } from "../errors/factories";
import type { StatementNode } from "../sql/ast/nodes";
import { migrationTable, type MigrationTable } from "./migration-table";
import type { Migration, Operation } from "./operations";
import { migrationKey, orderMigrations } from "./order";
import { planOperation } from "./planner";
import { Snapshot } from "./snapshot";
import { StatementRunner } from "./statement-runner";

/** What the runner did with one migration. */
export interface RunnerEvent {
  readonly action: "ran" | "faked" | "reversed";
  readonly migration: Migration;
}

/** Options of `forwards`. */
export interface ForwardsOptions {
  /** Record the migrations as run without running them (for a database that already has the schema). */
  fake?: boolean;
  /** Stop after this migration of the app (inclusive). */
  migrationId?: string;
}

/** Options of `backwards`: how many to undo (default 1), or back to and including a migration ("all" for every one). */
export interface BackwardsOptions {
  count?: number;
  migrationId?: string;
}

/** One migration and whether it has run, as `migrations check` shows. */
export interface MigrationStatus {
  readonly migration: Migration;
  readonly applied: boolean;
}

/**
 * Runs migrations on an engine: each in its own transaction (rolled back whole on error),
 * recorded in the `piccolo_migration` table, in dependency order across apps. Forwards and
 * backwards skip what is already done, so running either twice changes nothing the second time.
 */
export class MigrationRunner {
  /** Every known migration, in the order they run. */
  readonly ordered: readonly Migration[];
  private readonly table: MigrationTable;

  constructor(
    private readonly engine: Engine,
    migrations: readonly Migration[],
    private readonly onEvent: (event: RunnerEvent) => void = () => undefined,
  ) {
    this.ordered = orderMigrations(migrations);
    this.table = migrationTable(engine);
  }

  /** The keys ("app:id") of the migrations recorded as run; creates the migration table if needed. */
  async applied(): Promise<Set<string>> {
    await this.table.createTable({ ifNotExists: true });
    const rows = await this.table.select(this.table.c.name, this.table.c.appName);
    return new Set(rows.map((r) => `${r.appName}:${r.name}`));
  }

  /** Each known migration and whether it ran. */
  async status(app?: string): Promise<MigrationStatus[]> {
    const applied = await this.applied();
    return this.ordered.filter((m) => app === undefined || m.app === app).map((migration) => ({ migration, applied: applied.has(migrationKey(migration)) }));
  }

  /** Runs the app's (or every app's, with "all") pending migrations, and the ones of other apps they depend on. */
  async forwards(app: string, options: ForwardsOptions = {}): Promise<Migration[]> {
    const applied = await this.applied();
    const wanted = new Set<string>();
    const own = this.ordered.filter((m) => app === "all" || m.app === app);
    if (options.migrationId !== undefined && !own.some((m) => m.id === options.migrationId)) {
      throw migrationNotFound(app, options.migrationId, own.map((m) => m.id));
    }
    const target = options.migrationId === undefined ? own : own.slice(0, own.findIndex((m) => m.id === options.migrationId) + 1);
    const byKey = new Map(this.ordered.map((m) => [migrationKey(m), m]));
    const want = (m: Migration) => {
      const key = migrationKey(m);
      if (applied.has(key) || wanted.has(key)) return;
      wanted.add(key);
      const previous = this.ordered.filter((o) => o.app === m.app && o.id < m.id);
      for (const dep of [...previous, ...(m.dependencies ?? []).map((d) => byKey.get(d)!)]) want(dep);
    };
    target.forEach(want);
    let state = this.replay(applied);
    const ran: Migration[] = [];
    for (const m of this.ordered.filter((o) => wanted.has(migrationKey(o)))) {
      state = await this.run(m, m.forwards, state, options.fake ? "faked" : "ran");
      ran.push(m);
    }
    return ran;
  }

  /** Undoes the app's latest migrations: `count` of them (default 1), or back to and including `migrationId`. */
  async backwards(app: string, options: BackwardsOptions = {}): Promise<Migration[]> {
    const applied = await this.applied();
    const own = this.ordered.filter((m) => m.app === app);
    const done = own.filter((m) => applied.has(migrationKey(m))).reverse();
    let undo: Migration[];
    if (options.migrationId === "all") undo = done;
    else if (options.migrationId !== undefined) {
      const index = own.findIndex((m) => m.id === options.migrationId);
      if (index < 0) throw migrationNotFound(app, options.migrationId, own.map((m) => m.id));
      undo = done.filter((m) => m.id >= options.migrationId!);
    } else undo = done.slice(0, options.count ?? 1);
    const undoing = new Set(undo.map(migrationKey));
    for (const m of this.ordered) {
      const blocking = (m.dependencies ?? []).find((d) => undoing.has(d));
      if (blocking && applied.has(migrationKey(m)) && !undoing.has(migrationKey(m))) {
        throw migrationDependency(`${migrationKey(m)} depends on ${blocking}: roll back app ${m.app} first`);
      }
    }
    let state = this.replay(applied);
    for (const m of undo) state = await this.run(m, m.backwards, state, "reversed");
    return undo;
  }

  /** Deletes the records of migrations whose files no longer exist; returns their keys. */
  async clean(): Promise<string[]> {
    const applied = await this.applied();
    const known = new Set(this.ordered.map(migrationKey));
    const stale = [...applied].filter((key) => !known.has(key));
    for (const key of stale) {
      const [app, ...rest] = key.split(":");
      await this.table.delete().where(this.table.c.appName.eq(app!), this.table.c.name.eq(rest.join(":")));
    }
    return stale;
  }

  /** The schema that the given migrations build, replayed from their files (all known ones when omitted). */
  replay(applied?: ReadonlySet<string>): Snapshot {
    return this.ordered.filter((m) => applied === undefined || applied.has(migrationKey(m))).reduce((s, m) => s.applyAll(m.forwards), new Snapshot());
  }

  /** Runs one direction of one migration in a transaction and records it; returns the schema after it. */
  private async run(m: Migration, ops: readonly Operation[], state: Snapshot, action: RunnerEvent["action"]): Promise<Snapshot> {
    const caps = this.engine.dialect.capabilities;
    const statements: StatementNode[] = [];
    let after = state;
    for (const op of ops) {
      if (action !== "faked") statements.push(...planOperation(op, after, caps).statements);
      after = after.apply(op);
    }
    // SQLite: foreign keys off (only possible outside a transaction) so that dropping and
    // rebuilding a referenced table neither cascades nor fails; checked again before commit.
    const pragma = caps.foreignKeysPragma && statements.length > 0;
    if (pragma) await this.execute({ kind: "foreignKeys", enabled: false });
    try {
      await this.engine.transaction(async () => {
        const steps = new StatementRunner(this.engine);
        for (const statement of statements) await steps.run(statement);
        if (pragma) {
          const compiled = this.engine.dialect.compiler.compile({ kind: "foreignKeyCheck" });
          const violations = (await this.engine.query(compiled, "objects")).rows.length;
          if (violations > 0) throw foreignKeyCheckFailed(migrationKey(m), violations);
        }
        if (action === "reversed") await this.table.delete().where(this.table.c.appName.eq(m.app), this.table.c.name.eq(m.id));
        else await this.table.insert({ name: m.id, appName: m.app, ranOn: new Date() });
      });
    } finally {
      if (pragma) await this.execute({ kind: "foreignKeys", enabled: true });
    }
    this.onEvent({ action, migration: m });
    return after;
  }

  private async execute(statement: StatementNode): Promise<void> {
    await this.engine.query(this.engine.dialect.compiler.compile(statement), "run");
  }
}
