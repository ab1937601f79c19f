/**
 * What the auth suites share: the shipped user and session_auth migrations run on a suite's
 * engine (the tables bound to it), a fast hasher for tests, and a hasher that counts derivations.
 */
import { MigrationRunner, bindEngine, unbindEngine, type Engine } from "../../lib";
import { loadMigrations } from "../../lib/apps";
import { BaseUser, PasswordHasher, SESSION_APP, Sessions, USER_APP } from "../../lib/auth";

/** PBKDF2 iterations in tests: enough to be real, few enough to keep the suite fast. */
export const TEST_ITERATIONS = 1_000;

/** A real PasswordHasher that counts its PBKDF2 derivations (to check that login always derives once). */
export class CountingHasher extends PasswordHasher {
  derivations = 0;
  protected override derive(password: string, salt: string, iterations: number): Promise<Buffer> {
    this.derivations += 1;
    return super.derive(password, salt, iterations);
  }
}

/** Binds BaseUser and Sessions to the engine and runs the shipped migrations forwards. */
export async function setUpAuthTables(engine: Engine): Promise<MigrationRunner> {
  bindEngine(engine, [BaseUser, Sessions]);
  const runner = new MigrationRunner(engine, [...loadMigrations(USER_APP), ...loadMigrations(SESSION_APP)]);
  await runner.forwards("all");
  BaseUser.hasher = new PasswordHasher({ iterations: TEST_ITERATIONS });
  return runner;
}

/** Undoes setUpAuthTables: the migrations backwards, the bindings, the default hasher. */
export async function tearDownAuthTables(runner: MigrationRunner | undefined): Promise<void> {
  if (runner) {
    await runner.backwards("user", { migrationId: "all" });
    await runner.backwards("session_auth", { migrationId: "all" });
  }
  unbindEngine([BaseUser, Sessions]);
  BaseUser.hasher = new PasswordHasher();
}
