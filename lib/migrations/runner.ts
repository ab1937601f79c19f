import type { Engine } from "../engine/engine";
import {
  foreignKeyCheckFailed,
  migrationDependency,
  migrationIrreversible,
  migrationNotFound,
  migrationPlanChanged,
  migrationStepFailed,
} from "../errors/factories";
import { DatabaseError } from "../errors/database-error";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { StatementNode } from "../sql/ast/nodes";
import { describeOperation } from "./describe";
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
  /** How long the migration took, in milliseconds (its transaction included). */
  readonly elapsedMs: number;
}

/** A step of a migration about to run, for progress output on long runs. */
export interface RunnerStepEvent {
  readonly migration: Migration;
  readonly direction: "forwards" | "backwards";
  /** 1-based. */
  readonly index: number;
  readonly total: number;
  readonly description: string;
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
  /** The keys ("app:id") a person agreed to undo: if the plan is now different, nothing is undone. */
  confirmed?: readonly string[];
}

/** One migration and whether it has run, as `migrations check` shows. */
export interface MigrationStatus {
  readonly migration: Migration;
  readonly applied: boolean;
}

/** One step of a planned migration: its operation and the SQL it runs (none for a raw JavaScript step). */
export interface PlannedStep {
  readonly operation: Operation;
  readonly sql: readonly CompiledQuery[];
}

/** A migration the runner would run in one direction, step by step; `--preview` prints it. */
export interface PlannedMigration {
  readonly migration: Migration;
  readonly direction: "forwards" | "backwards";
  /** Recorded as run without running its steps (`--fake`). */
  readonly fake: boolean;
  readonly steps: readonly PlannedStep[];
  /** SQLite: foreign keys are switched off around the transaction (so a rebuild neither cascades nor fails) and checked before commit. */
  readonly foreignKeysOff: boolean;
}

/** The lock every migration transaction takes on PostgreSQL, so that two runners never apply one migration twice. */
const LOCK_KEY = 0x50494343; // "PICC"

/**
 * Runs migrations on an engine: each in its own transaction (rolled back whole on error),
 * recorded in the `piccolo_migration` table, in dependency order across apps. Forwards and
 * backwards skip what is already done, so running either twice changes nothing the second time.
 * Each transaction holds the migration lock (PostgreSQL: an advisory lock; SQLite: the write
 * lock of BEGIN IMMEDIATE) and checks the record again under it, so runners in several
 * processes apply each migration once.
 */
export class MigrationRunner {
  /** Every known migration, in the order they run. */
  readonly ordered: readonly Migration[];
  private readonly table: MigrationTable;

  constructor(
    private readonly engine: Engine,
    migrations: readonly Migration[],
    private readonly onEvent: (event: RunnerEvent) => void = () => undefined,
    private readonly onStep: (event: RunnerStepEvent) => void = () => undefined,
  ) {
    this.ordered = orderMigrations(migrations);
    this.table = migrationTable(engine);
  }

  /** The keys ("app:id") of the migrations recorded as run; creates the migration table if needed. */
  async applied(): Promise<Set<string>> {
    await this.ensureLockTable();
    await this.engine.transaction(async () => {
      await this.lock(); // two runners creating the table at once collide on PostgreSQL's catalogue
      await this.table.createTable({ ifNotExists: true });
    });
    return this.readApplied();
  }

  /** The keys of the migrations recorded as run, changing nothing (none when there is no migration table yet). */
  async readApplied(): Promise<Set<string>> {
    if (!(await this.table.tableExists())) return new Set();
    const rows = await this.table.select(this.table.c.name, this.table.c.appName);
    return new Set(rows.map((r) => `${r.appName}:${r.name}`));
  }

  /** Each known migration and whether it ran; changes nothing in the database. */
  async status(app?: string): Promise<MigrationStatus[]> {
    const applied = await this.readApplied();
    return this.ordered
      .filter((m) => app === undefined || m.app === app)
      .map((migration) => ({ migration, applied: applied.has(migrationKey(migration)) }));
  }

  /** What `forwards` would run, with the SQL of each step; changes nothing in the database. */
  async planForwards(app: string, options: ForwardsOptions = {}): Promise<PlannedMigration[]> {
    return this.forwardsPlan(await this.readApplied(), app, options);
  }

  /** What `backwards` would undo, with the SQL of each step; changes nothing in the database. */
  async planBackwards(app: string, options: BackwardsOptions = {}): Promise<PlannedMigration[]> {
    return this.backwardsPlan(await this.readApplied(), app, options);
  }

  /** Runs the app's (or every app's, with "all") pending migrations, and the ones of other apps they depend on. */
  async forwards(app: string, options: ForwardsOptions = {}): Promise<Migration[]> {
    const plan = this.forwardsPlan(await this.applied(), app, options);
    const ran: Migration[] = [];
    for (const p of plan) if (await this.execute(p)) ran.push(p.migration);
    return ran;
  }

  /** Undoes the app's latest migrations: `count` of them (default 1), or back to and including `migrationId`. */
  async backwards(app: string, options: BackwardsOptions = {}): Promise<Migration[]> {
    const plan = this.backwardsPlan(await this.applied(), app, options);
    if (options.confirmed !== undefined) {
      const now = plan.map((p) => migrationKey(p.migration));
      if (now.join("\n") !== options.confirmed.join("\n")) throw migrationPlanChanged(options.confirmed, now);
    }
    const undone: Migration[] = [];
    for (const p of plan) if (await this.execute(p)) undone.push(p.migration);
    return undone;
  }

  /** The records of migrations whose files no longer exist, as "app:id"; changes nothing. */
  async stale(): Promise<string[]> {
    const known = new Set(this.ordered.map(migrationKey));
    return [...(await this.readApplied())].filter((key) => !known.has(key));
  }

  /** Deletes the records of migrations whose files no longer exist; returns their keys. */
  async clean(): Promise<string[]> {
    const stale = await this.stale();
    for (const key of stale) {
      const [app, ...rest] = key.split(":");
      await this.table.delete().where(this.table.c.appName.eq(app!), this.table.c.name.eq(rest.join(":")));
    }
    return stale;
  }

  /** The schema that the given migrations build, replayed from their files (all known ones when omitted). */
  replay(applied?: ReadonlySet<string>): Snapshot {
    return this.ordered
      .filter((m) => applied === undefined || applied.has(migrationKey(m)))
      .reduce((s, m) => s.applyAll(m.forwards), new Snapshot());
  }

  private forwardsPlan(applied: ReadonlySet<string>, app: string, options: ForwardsOptions): PlannedMigration[] {
    const wanted = new Set<string>();
    const own = this.ordered.filter((m) => app === "all" || m.app === app);
    if (options.migrationId !== undefined && !own.some((m) => m.id === options.migrationId)) {
      throw migrationNotFound(
        app,
        options.migrationId,
        own.map((m) => m.id),
      );
    }
    const target =
      options.migrationId === undefined ? own : own.slice(0, own.findIndex((m) => m.id === options.migrationId) + 1);
    const byKey = new Map(this.ordered.map((m) => [migrationKey(m), m]));
    const want = (m: Migration) => {
      const key = migrationKey(m);
      if (applied.has(key) || wanted.has(key)) return;
      wanted.add(key);
      const previous = this.ordered.filter((o) => o.app === m.app && o.id < m.id);
      for (const dep of [...previous, ...(m.dependencies ?? []).map((d) => byKey.get(d)!)]) want(dep);
    };
    target.forEach(want);
    return this.plan(
      this.ordered.filter((o) => wanted.has(migrationKey(o))),
      "forwards",
      applied,
      options.fake ?? false,
    );
  }

  private backwardsPlan(applied: ReadonlySet<string>, app: string, options: BackwardsOptions): PlannedMigration[] {
    const own = this.ordered.filter((m) => m.app === app);
    const done = own.filter((m) => applied.has(migrationKey(m))).reverse();
    let undo: Migration[];
    if (options.migrationId === "all") undo = done;
    else if (options.migrationId !== undefined) {
      const index = own.findIndex((m) => m.id === options.migrationId);
      if (index < 0)
        throw migrationNotFound(
          app,
          options.migrationId,
          own.map((m) => m.id),
        );
      undo = done.filter((m) => m.id >= options.migrationId!);
    } else undo = done.slice(0, options.count ?? 1);
    const undoing = new Set(undo.map(migrationKey));
    for (const m of this.ordered) {
      const blocking = (m.dependencies ?? []).find((d) => undoing.has(d));
      if (blocking && applied.has(migrationKey(m)) && !undoing.has(migrationKey(m))) {
        throw migrationDependency(`${migrationKey(m)} depends on ${blocking}: roll back app ${m.app} first`);
      }
    }
    for (const m of undo) {
      const raw = m.forwards.find((op) => op.op === "raw");
      if (raw && !m.backwards.some((op) => op.op === "raw"))
        throw migrationIrreversible(migrationKey(m), describeOperation(raw));
    }
    return this.plan(undo, "backwards", applied, false);
  }

  /** Plans migrations in turn, each from the schema the ones before it leave. */
  private plan(
    list: readonly Migration[],
    direction: PlannedMigration["direction"],
    applied: ReadonlySet<string>,
    fake: boolean,
  ): PlannedMigration[] {
    const caps = this.engine.dialect.capabilities;
    const compile = (statement: StatementNode) => this.engine.dialect.compiler.compile(statement);
    let state = this.replay(applied);
    return list.map((migration) => {
      const steps: PlannedStep[] = [];
      for (const operation of direction === "forwards" ? migration.forwards : migration.backwards) {
        if (!fake) steps.push({ operation, sql: planOperation(operation, state, caps).statements.map(compile) });
        state = state.apply(operation);
      }
      return {
        migration,
        direction,
        fake,
        steps,
        foreignKeysOff: caps.foreignKeysPragma && steps.some((s) => s.sql.length > 0),
      };
    });
  }

  /**
   * Runs one planned migration in a transaction and records it. Under the migration lock it reads
   * the record again: when another runner did the work meanwhile, it does nothing and returns false.
   */
  private async execute(p: PlannedMigration): Promise<boolean> {
    const m = p.migration;
    const forwards = p.direction === "forwards";
    const started = performance.now();
    // SQLite: foreign keys off (only possible outside a transaction) so that dropping and
    // rebuilding a referenced table neither cascades nor fails; checked again before commit.
    const pragma = p.foreignKeysOff;
    if (pragma) await this.run({ kind: "foreignKeys", enabled: false });
    let done: boolean;
    await this.ensureLockTable();
    try {
      done = await this.engine.transaction(async () => {
        await this.lock();
        const recorded =
          (await this.table.count().where(this.table.c.appName.eq(m.app), this.table.c.name.eq(m.id))) > 0;
        if (recorded === forwards) return false;
        await this.runSteps(p);
        if (pragma) {
          const compiled = this.engine.dialect.compiler.compile({ kind: "foreignKeyCheck" });
          const violations = (await this.engine.query(compiled, "objects")).rows.length;
          if (violations > 0) throw foreignKeyCheckFailed(migrationKey(m), violations);
        }
        if (forwards) await this.table.insert({ name: m.id, appName: m.app, ranOn: new Date() });
        else await this.table.delete().where(this.table.c.appName.eq(m.app), this.table.c.name.eq(m.id));
        return true;
      });
    } finally {
      if (pragma) await this.run({ kind: "foreignKeys", enabled: true });
    }
    const elapsedMs = performance.now() - started;
    if (done) this.onEvent({ action: p.fake ? "faked" : forwards ? "ran" : "reversed", migration: m, elapsedMs });
    return done;
  }

  /** Runs the steps of a migration; a failure names the migration and the step, the database error as its cause. */
  private async runSteps(p: PlannedMigration): Promise<void> {
    const statements = new StatementRunner(this.engine);
    for (const [index, step] of p.steps.entries()) {
      let current: CompiledQuery | undefined;
      const description = describeOperation(step.operation);
      this.onStep({
        migration: p.migration,
        direction: p.direction,
        index: index + 1,
        total: p.steps.length,
        description,
      });
      try {
        if (step.operation.op === "raw") await step.operation.run(this.engine);
        for (current of step.sql) await statements.runCompiled(current);
      } catch (error) {
        const sql = current?.sql ?? (error instanceof DatabaseError ? error.sql : undefined);
        throw migrationStepFailed(p.migration, p.direction, index + 1, p.steps.length, description, sql, error);
      }
    }
  }

  /**
   * Creates the lock table where the migration lock is a row (CockroachDB), once per runner and
   * outside any transaction, so that the first runners do not collide creating it inside theirs.
   */
  private async ensureLockTable(): Promise<void> {
    if (this.lockTableReady || !this.engine.dialect.capabilities.lockTable) return;
    // Two runners creating it at the same moment: one can lose (PostgreSQL: a duplicate pg_type
    // row) though IF NOT EXISTS; the table is there then, and a second try finds it.
    await this.run({ kind: "lockTable" }).catch(() => this.run({ kind: "lockTable" }));
    this.lockTableReady = true;
  }

  private lockTableReady = false;

  /** Takes the migration lock until the transaction ends (SQLite's BEGIN IMMEDIATE already holds the write lock). */
  private async lock(): Promise<void> {
    if (this.engine.dialect.capabilities.advisoryLock) await this.run({ kind: "advisoryLock", key: LOCK_KEY });
  }

  private async run(statement: StatementNode): Promise<void> {
    await this.engine.query(this.engine.dialect.compiler.compile(statement), "run");
  }
}
