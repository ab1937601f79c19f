import type { Command } from "commander";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { findConfig, isEngine } from "../../apps/project";
import { loadModule } from "../../apps/module-loader";
import type { Engine } from "../../engine/engine";
import { PostgresEngine } from "../../engine/postgres/postgres-engine";
import { configMissingExport } from "../../errors/factories";
import { colors, say } from "../output";

/** The config the tests run with: --conf, else piccolo.config.test.* beside the config, else the config itself. */
function testConfig(conf: string | undefined): string {
  if (conf !== undefined) return findConfig(process.cwd(), { PICCOLO_CONF: conf });
  const main = findConfig();
  const beside = ["ts", "js", "mjs", "cjs"].map((ext) => join(dirname(main), `piccolo.config.test.${ext}`));
  return beside.find((p) => existsSync(p)) ?? main;
}

/** A throwaway database for one run: made before the tests, removed after. */
interface TestDatabase {
  /** What PICCOLO_TEST_DATABASE is set to: a database name, or a SQLite file's path. */
  readonly value: string;
  readonly env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

async function createTestDatabase(db: Engine): Promise<TestDatabase> {
  const name = `piccolo_test_${randomBytes(5).toString("hex")}`;
  if (db instanceof PostgresEngine) {
    // CREATE/DROP DATABASE run from the server's maintenance database, with the config's server and user.
    const admin = new PostgresEngine({ config: { ...db.config, database: "postgres" } });
    const q = (id: string) => admin.dialect.compiler.quote(id);
    try {
      await admin.rawQuery(`CREATE DATABASE ${q(name)}`);
    } finally {
      await admin.close();
    }
    return {
      value: name,
      env: { PICCOLO_TEST_DATABASE: name, PGDATABASE: name },
      remove: async () => {
        const dropper = new PostgresEngine({ config: { ...db.config, database: "postgres" } });
        try {
          await dropper.rawQuery(`DROP DATABASE IF EXISTS ${q(name)} WITH (FORCE)`);
        } finally {
          await dropper.close();
        }
      },
    };
  }
  const path = join(tmpdir(), `${name}.sqlite`);
  return {
    value: path,
    env: { PICCOLO_TEST_DATABASE: path },
    remove: () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
      return Promise.resolve();
    },
  };
}

function runShell(command: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, failed) => {
    const child = spawn(command, { shell: true, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", failed);
    child.on("close", (code) => done(code ?? 1));
  });
}

/** `piccolo tester run`. */
export function testerCommands(program: Command): void {
  program
    .command("tester")
    .description("Run the project's tests against a throwaway database")
    .command("run")
    .description(
      "Create a test database (a fresh PostgreSQL database, or a temporary SQLite file), run the test command " +
        "with PICCOLO_CONF, PICCOLO_TEST_DATABASE (and PGDATABASE) pointing at it, then remove it; exits with the tests' code",
    )
    .option("--command <command>", "the test command, run by the shell", "npm test")
    .option("--conf <file>", "the test config (default: piccolo.config.test.ts beside piccolo.config.ts, else that)")
    .option("--keep", "keep the test database afterwards (its name is printed)")
    .action(async (options: { command: string; conf?: string; keep?: boolean }) => {
      const conf = testConfig(options.conf);
      const db = loadModule(conf).DB;
      if (!isEngine(db)) throw configMissingExport(conf, "DB");
      const test = await createTestDatabase(db);
      say(colors.dim(`Test database: ${test.value} (config ${conf})`));
      try {
        process.exitCode = await runShell(options.command, { ...test.env, PICCOLO_CONF: resolve(conf) });
      } finally {
        await db.close();
        if (options.keep) say(colors.dim(`Kept ${test.value}`));
        else await test.remove();
      }
    });
}
