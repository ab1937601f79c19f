// Migration errors (MigrationError): planning, files, steps.
import { type MigrationError, MigrationStepError } from "../orm-error";
import { migrationError } from "./shared";

/** A migration operation that does not fit the schema replayed from earlier migrations. */
export function snapshotConflict(op: string, problem: string): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_SNAPSHOT_CONFLICT",
    `Migration operation ${op} cannot apply: ${problem}. Check the app's migration files (an edited or missing file?).`,
  );
}

/** A NOT NULL column added without a default that existing rows could take. */
export function columnNeedsBackfill(table: string, column: string): MigrationError {
  return migrationError(
    "PICCOLO_COLUMN_NEEDS_BACKFILL",
    `${table}.${column} is NOT NULL and has no constant default, so existing rows would have no value. ` +
      `Give it a default (e.g. { default: ... }), or declare it { null: true }, migrate, fill it, then make it NOT NULL.`,
  );
}

/** A possible rename that a non-interactive run cannot decide. */
export function renameNeedsHint(kind: "table" | "column", from: string, to: string, table?: string): MigrationError {
  const what =
    kind === "table"
      ? `table "${from}" was removed and table "${to}" added`
      : `column "${table}.${from}" was removed and "${table}.${to}" added`;
  const hint = kind === "table" ? `${from}:${to}` : `${table}.${from}:${to}`;
  const drop = kind === "table" ? from : `${table}.${from}`;
  return migrationError(
    "PICCOLO_RENAME_NEEDS_HINT",
    `Cannot tell whether ${what}: a rename keeps the data, a drop loses it. Run interactively to be asked, ` +
      `or pass --rename ${hint} if it is a rename, or --drop ${drop} if it is not.`,
  );
}

/** A migration file that is not a valid migration. */
export function invalidMigration(file: string, problem: string): MigrationError {
  return migrationError(
    "PICCOLO_INVALID_MIGRATION",
    `${file} is not a valid migration: ${problem}. A migration file exports default { id, app, forwards: [...], backwards: [...] }.`,
  );
}

/** Migrations whose dependencies form a cycle, or name a migration that does not exist. */
export function migrationDependency(problem: string): MigrationError {
  return migrationError("PICCOLO_MIGRATION_DEPENDENCY", `Migration dependencies: ${problem}.`);
}

/** A migration id that the app does not have. */
export function migrationNotFound(app: string, id: string, ids: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_NOT_FOUND",
    `App ${app} has no migration "${id}". Its migrations: ${ids.join(", ") || "(none)"}.`,
    { app, migrationId: id },
  );
}

/** A migration step that failed; the runner's transaction rolls the whole migration back. */
export function migrationStepFailed(
  m: { app: string; id: string },
  direction: "forwards" | "backwards",
  step: number,
  steps: number,
  operation: string,
  sql: string | undefined,
  cause: unknown,
): MigrationStepError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const statement = sql !== undefined && !reason.includes(sql) ? ` (SQL: ${sql})` : "";
  return new MigrationStepError(
    `Migration ${m.app}:${m.id} failed going ${direction} at step ${step} of ${steps}, ${operation}: ` +
      `${reason}${statement}. The migration was rolled back: none of its steps is applied. ` +
      `Fix the migration file (or the data) and run it again.`,
    m.app,
    m.id,
    direction,
    step,
    operation,
    sql,
    cause,
  );
}

/** Backwards of a migration whose forwards runs JavaScript that its backwards does not undo. */
export function migrationIrreversible(key: string, step: string): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_IRREVERSIBLE",
    `Migration ${key} cannot go backwards: its forwards has a raw step (${step}) and its backwards has none, ` +
      `so piccolo cannot know how to undo it. Add { op: "raw", run: async (db) => { … } } to its backwards (run: ` +
      `async () => {} when there is nothing to undo). Nothing was changed.`,
  );
}

/** The applied migrations changed between the question and the answer (another runner, or a new file). */
export function migrationPlanChanged(confirmed: readonly string[], now: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_PLAN_CHANGED",
    `The migrations to undo changed while you were asked (confirmed: ${confirmed.join(", ") || "none"}; now: ` +
      `${now.join(", ") || "none"}). Nothing was changed; run the command again.`,
  );
}

/** `migrations check`: pending migrations, or tables that differ from what the migrations build. */
export function migrationsOutOfDate(problems: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATIONS_OUT_OF_DATE",
    `Migrations are not up to date:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

/** Two migration files of an app with one id. */
export function duplicateMigrationId(app: string, id: string, files: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_DUPLICATE_MIGRATION_ID",
    `App ${app} has two migrations with id "${id}": ${files.join(" and ")}. Ids must be unique within an app: ` +
      `remove the copy (a compiled .js beside its .ts is skipped on its own) or give it a new id.`,
    { app, migrationId: id },
  );
}

/** Rows that break a foreign key after a migration step (SQLite table rebuild). */
export function foreignKeyCheckFailed(migration: string, rows: number): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_FOREIGN_KEY_CHECK_FAILED",
    `Migration ${migration} would leave ${rows} row(s) pointing at missing rows (foreign key check failed); nothing was changed.`,
  );
}

/** An index or trigger a SQLite table rebuild could not create again. */
export function carryOverFailed(table: string, name: string, cause: unknown): MigrationError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, "");
  return migrationError(
    "PICCOLO_MIGRATION_CARRY_OVER_FAILED",
    `Rebuilding table ${table} could not recreate its index or trigger "${name}": ${reason}. Drop or fix it in an earlier migration step.`,
    {},
    { cause },
  );
}
