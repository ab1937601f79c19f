import type { Command } from "commander";
import { spawn } from "node:child_process";
import type { PoolConfig } from "pg";
import { loadDriver } from "../../engine/load-driver";
import { PostgresEngine } from "../../engine/postgres/postgres-engine";
import { SQLiteEngine } from "../../engine/sqlite/sqlite-engine";
import type { Engine } from "../../engine/engine";
import { invalidEngineFlag, programNotFound } from "../../errors/factories";
import { withProject } from "../context";

/** The program, arguments and environment that open the engine's database in its own client. */
export function clientFor(db: Engine): { program: string; args: string[]; env: NodeJS.ProcessEnv; hint: string } {
  if (db instanceof SQLiteEngine)
    return { program: "sqlite3", args: [db.path], env: {}, hint: "Install it (Debian/Ubuntu: apt install sqlite3)." };
  if (db instanceof PostgresEngine) {
    // node-postgres resolves the config with its PG* defaults, as the engine's own connections do.
    const pg = loadDriver<typeof import("pg")>("pg", "PostgresEngine");
    const c = new pg.Client(db.config as PoolConfig);
    const env: NodeJS.ProcessEnv = {
      PGHOST: c.host,
      PGPORT: String(c.port),
      PGUSER: c.user,
      PGDATABASE: c.database,
      ...(typeof c.password === "string" && c.password !== "" ? { PGPASSWORD: c.password } : {}),
    };
    return {
      program: "psql",
      args: [],
      env,
      hint: "Install the PostgreSQL client (Debian/Ubuntu: apt install postgresql-client).",
    };
  }
  throw invalidEngineFlag(db.constructor.name);
}

/** Runs a program with the terminal (or the pipes) of this process; resolves with its exit code. */
export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv, hint: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? programNotFound(program, hint) : error),
    );
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** `piccolo sql-shell run`: psql or sqlite3 on the config's database. */
export function sqlShellCommands(program: Command): void {
  program
    .command("sql-shell")
    .description("The database's own SQL client")
    .command("run")
    .description("Open psql or sqlite3 on the database of the config (SQL can be piped in)")
    .action(() =>
      withProject(async (project) => {
        const { program: name, args, env, hint } = clientFor(project.db);
        process.exitCode = await runProgram(name, args, env, hint);
      }),
    );
}
