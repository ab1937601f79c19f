import type { Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { AppConfig } from "../../apps/app-config";
import { findApp, loadMigrations, type Project } from "../../apps/project";
import {
  cancelled,
  confirmationNeeded,
  countOrMigrationId,
  invalidCountFlag,
  migrationsOutOfDate,
} from "../../errors/factories";
import { describeOperation, dropsData } from "../../migrations/describe";
import { diffSchemas } from "../../migrations/differ";
import { tableSchemaOf } from "../../migrations/from-tables";
import { migrationFileName, newMigrationId, renderMigration } from "../../migrations/generator";
import type { Migration } from "../../migrations/operations";
import { orderMigrations, migrationKey } from "../../migrations/order";
import {
  MigrationRunner,
  type PlannedMigration,
  type RunnerEvent,
  type RunnerStepEvent,
} from "../../migrations/runner";
import { Snapshot } from "../../migrations/snapshot";
import type { TableSchema } from "../../migrations/schema";
import { tableMetaOf } from "../../table/metadata";
import { withProject } from "../context";
import { colors, ok, say } from "../output";
import { askYesNo, onTerminal } from "../ask";
import { renameResolver } from "../rename-resolver";

const collect = (value: string, previous: string[]) => [...previous, value];

/** Asks before a command that drops or deletes data: yes with --yes, asked on a terminal, refused elsewhere. */
async function askFirst(command: string, what: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!onTerminal()) throw confirmationNeeded(command, what);
  return askYesNo(`${what[0]!.toUpperCase()}${what.slice(1)}?`);
}

const showParams = (params: readonly unknown[]) =>
  JSON.stringify(params, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** `--preview`: each migration's steps and the SQL they run, as comments and statements. */
function printPlan(plan: readonly PlannedMigration[]): void {
  for (const p of plan) {
    const how = p.fake ? "recorded as run, nothing executed (--fake)" : `${p.direction}, in one transaction`;
    say(
      colors.bold(
        `-- ${migrationKey(p.migration)}${p.migration.description ? ` ${p.migration.description}` : ""}: ${how}`,
      ),
    );
    if (p.foreignKeysOff)
      say(colors.dim("-- foreign keys off around the transaction, every row checked before commit"));
    for (const step of p.steps) {
      say(colors.dim(`-- ${describeOperation(step.operation)}`));
      if (step.operation.op === "raw")
        say(colors.dim("--   JavaScript: runs in the transaction; its SQL is known only when it runs"));
      for (const q of step.sql)
        say(`${q.sql};${q.params.length > 0 ? colors.dim(` -- params: ${showParams(q.params)}`) : ""}`);
    }
  }
  say(
    colors.dim(`-- preview only: ${plan.length} migration${plan.length === 1 ? "" : "s"}, nothing was run or recorded`),
  );
}

function allMigrations(project: Project): Migration[] {
  return project.apps.flatMap((app) => loadMigrations(app));
}

function describe(m: Migration): string {
  return `${colors.bold(m.app)} ${m.id}${m.description ? colors.dim(` ${m.description}`) : ""}`;
}

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** On a terminal, the step running now, on one line rewritten as steps go (nothing when piped). */
let stepShown = false;
function showStep(event: RunnerStepEvent): void {
  if (!process.stdout.isTTY) return;
  const line = `${colors.dim(`  ${event.migration.app} ${event.migration.id} step ${event.index}/${event.total}:`)} ${event.description}`;
  process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns || 80) + 40)}`);
  stepShown = true;
}

function report(event: RunnerEvent): void {
  if (stepShown) process.stdout.write("\r\x1b[2K");
  stepShown = false;
  const verb = {
    ran: colors.green("ran     "),
    faked: colors.yellow("faked   "),
    reversed: colors.magenta("reversed"),
  }[event.action];
  say(`${verb} ${describe(event.migration)} ${colors.dim(`(${seconds(event.elapsedMs)})`)}`);
}

/** The schema the app's migration files build, and the one its table classes declare. */
export function appSchemas(
  app: AppConfig,
  migrations: readonly Migration[],
): { before: TableSchema[]; after: TableSchema[] } {
  const own = orderMigrations(migrations.filter((m) => m.app === app.name));
  const snapshot = own.reduce((s, m) => s.applyAll(m.forwards), new Snapshot());
  return { before: [...snapshot.tables.values()], after: app.tables.map((t) => tableSchemaOf(tableMetaOf(t))) };
}

/** Latest migrations of the apps this app depends on (declared, or through foreign keys to their tables). */
function dependenciesOf(
  project: Project,
  app: AppConfig,
  after: readonly TableSchema[],
  migrations: readonly Migration[],
): string[] {
  const owners = new Map<string, string>();
  for (const other of project.apps) for (const t of other.tables) owners.set(tableMetaOf(t).tableName, other.name);
  const apps = new Set(app.migrationDependencies);
  for (const t of after)
    for (const c of t.columns)
      if (c.references && owners.get(c.references.table) !== app.name) apps.add(owners.get(c.references.table) ?? "");
  const deps: string[] = [];
  for (const name of apps) {
    const latest = orderMigrations(migrations.filter((m) => m.app === name)).at(-1);
    if (latest) deps.push(migrationKey(latest));
  }
  return deps;
}

interface NewOptions {
  auto?: boolean;
  desc?: string;
  rename: string[];
  drop: string[];
}

async function newMigration(project: Project, appName: string, options: NewOptions): Promise<void> {
  const app = findApp(project, appName);
  const migrations = allMigrations(project);
  const own = orderMigrations(migrations.filter((m) => m.app === app.name));
  let forwards: Migration["forwards"] = [];
  let backwards: Migration["backwards"] = [];
  let dependencies: string[] = [];
  if (options.auto) {
    const { before, after } = appSchemas(app, migrations);
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    ({ forwards, backwards } = await diffSchemas(
      before,
      after,
      renameResolver(options.rename, options.drop, interactive),
    ));
    if (forwards.length === 0) {
      say(`No changes detected in app ${colors.bold(app.name)}: no migration written.`);
      return;
    }
    dependencies = dependenciesOf(project, app, after, migrations);
  }
  const id = newMigrationId(own.at(-1)?.id);
  const migration: Migration = {
    id,
    app: app.name,
    description: options.desc ?? "",
    dependencies,
    forwards,
    backwards,
  };
  mkdirSync(app.migrationsFolder, { recursive: true });
  const file = join(app.migrationsFolder, migrationFileName(app.name, id));
  const how = `Generated by \`piccolo migrations new ${app.name}${options.auto ? " --auto" : ""}\``;
  writeFileSync(file, renderMigration(migration, how));
  ok(
    `Wrote ${colors.bold(relative(process.cwd(), file))} (${forwards.length} operation${forwards.length === 1 ? "" : "s"})`,
  );
  for (const op of forwards) {
    const column = "column" in op ? `.${typeof op.column === "string" ? op.column : op.column.name}` : "";
    say(`  ${colors.cyan(op.op)} ${"table" in op ? op.table : ""}${column}${"to" in op ? ` → ${op.to}` : ""}`);
  }
}

/** `piccolo migrations new|forwards|backwards|check|clean`. */
export function migrationCommands(program: Command): void {
  const migrations = program.command("migrations").description("Create, run and undo migrations");
  migrations
    .command("new <app>")
    .description("Write a new migration file for an app; --auto fills it from the changes to its tables")
    .option("--auto", "diff the tables against the schema replayed from the app's migrations")
    .option("--desc <text>", "a description stored in the migration")
    .option(
      "--rename <old:new>",
      "a rename, when not asked interactively: table old:new, or column table.old:new (repeatable)",
      collect,
      [],
    )
    .option("--drop <old>", "confirm that a table (or table.column) was dropped, not renamed (repeatable)", collect, [])
    .action((app: string, options: NewOptions) => withProject((project) => newMigration(project, app, options)));

  migrations
    .command("forwards <app>")
    .description('Run the pending migrations of an app, or of every app with "all"')
    .option("--fake", "record the migrations as run without running them")
    .option("--migration-id <id>", "stop after this migration")
    .option("--preview", "print the SQL of each migration it would run, without running or recording anything")
    .action((app: string, options: { fake?: boolean; migrationId?: string; preview?: boolean }) =>
      withProject(async (project) => {
        if (app !== "all") findApp(project, app);
        const runner = new MigrationRunner(project.db, allMigrations(project), report, showStep);
        const forwardsOptions = {
          fake: options.fake ?? false,
          ...(options.migrationId ? { migrationId: options.migrationId } : {}),
        };
        const upToDate = `Nothing to run: ${app === "all" ? "every app is" : `app ${colors.bold(app)} is`} up to date.`;
        if (options.preview) {
          const plan = await runner.planForwards(app, forwardsOptions);
          if (plan.length === 0) say(upToDate);
          else printPlan(plan);
          return;
        }
        const ran = await runner.forwards(app, forwardsOptions);
        if (ran.length === 0) say(upToDate);
        else ok(`${ran.length} migration${ran.length === 1 ? "" : "s"} ${options.fake ? "faked" : "ran"}`);
      }),
    );

  migrations
    .command("backwards <app>")
    .description(
      "Undo an app's latest migrations: one, --count N, or back to --migration-id " +
        '(included; "all" for every one). Lists them and asks first',
    )
    .option("--count <n>", "how many to undo", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw invalidCountFlag(v);
      return n;
    })
    .option("--migration-id <id>", 'undo back to and including this migration, or "all"')
    .option("-y, --yes", "do not ask (for scripts; without it, backwards refuses when not on a terminal)")
    .option("--preview", "print the SQL of each migration it would undo, without running or recording anything")
    .action((app: string, options: { count?: number; migrationId?: string; yes?: boolean; preview?: boolean }) =>
      withProject(async (project) => {
        if (options.count !== undefined && options.migrationId !== undefined) throw countOrMigrationId();
        findApp(project, app);
        const runner = new MigrationRunner(project.db, allMigrations(project), report, showStep);
        const which = {
          ...(options.count !== undefined ? { count: options.count } : {}),
          ...(options.migrationId !== undefined ? { migrationId: options.migrationId } : {}),
        };
        const plan = await runner.planBackwards(app, which);
        if (plan.length === 0) {
          say(`Nothing to undo: app ${colors.bold(app)} has no migration to reverse.`);
          return;
        }
        if (options.preview) return printPlan(plan);
        const what = `undo ${plan.length} migration${plan.length === 1 ? "" : "s"} of app ${app}`;
        say(`${what[0]!.toUpperCase()}${what.slice(1)}:`);
        for (const p of plan) {
          say(`  ${describe(p.migration)}`);
          for (const step of p.steps)
            say(
              dropsData(step.operation)
                ? `    ${colors.red(`${describeOperation(step.operation)} (its data is lost)`)}`
                : `    ${describeOperation(step.operation)}`,
            );
        }
        if (!(await askFirst("piccolo migrations backwards", what, options.yes ?? false))) throw cancelled("undone");
        const undone = await runner.backwards(app, { ...which, confirmed: plan.map((p) => migrationKey(p.migration)) });
        ok(`${undone.length} migration${undone.length === 1 ? "" : "s"} reversed`);
      }),
    );

  migrations
    .command("check")
    .description(
      "Show which migrations have run, and which apps have table changes with no migration yet; exits 1 unless all is applied and in sync",
    )
    .action(() =>
      withProject(async (project) => {
        const all = allMigrations(project);
        const statuses = await new MigrationRunner(project.db, all).status();
        for (const s of statuses)
          say(`${s.applied ? colors.green("applied") : colors.yellow("pending")}  ${describe(s.migration)}`);
        if (statuses.length === 0) say("No migrations yet.");
        const problems = statuses
          .filter((s) => !s.applied)
          .map((s) => `${migrationKey(s.migration)} is pending: run piccolo migrations forwards ${s.migration.app}`);
        for (const app of project.apps) {
          const { before, after } = appSchemas(app, all);
          const diff = await diffSchemas(before, after, () => false);
          if (diff.forwards.length > 0) {
            say(
              colors.yellow(
                `App ${app.name} has table changes with no migration: run piccolo migrations new ${app.name} --auto`,
              ),
            );
            problems.push(
              `app ${app.name}: its tables differ from what its migrations build ` +
                `(${diff.forwards.map(describeOperation).join("; ")}): run piccolo migrations new ${app.name} --auto`,
            );
          }
        }
        if (problems.length > 0) throw migrationsOutOfDate(problems);
        ok("Every migration is applied and the tables match them.");
      }),
    );

  migrations
    .command("clean")
    .description("Delete the records of migrations whose files no longer exist (lists them and asks first)")
    .option("-y, --yes", "do not ask (for scripts; without it, clean refuses when not on a terminal)")
    .action((options: { yes?: boolean }) =>
      withProject(async (project) => {
        const runner = new MigrationRunner(project.db, allMigrations(project));
        const stale = await runner.stale();
        if (stale.length === 0) return ok("Nothing to clean");
        for (const key of stale) say(`  ${key}`);
        const what =
          `delete ${stale.length} record${stale.length === 1 ? "" : "s"} of migrations whose files are gone ` +
          "(they would run again if the files came back)";
        if (!(await askFirst("piccolo migrations clean", what, options.yes ?? false))) throw cancelled("deleted");
        const removed = await runner.clean();
        for (const key of removed) say(`removed ${key}`);
        ok(`Removed ${removed.length} record${removed.length === 1 ? "" : "s"}`);
      }),
    );
}
