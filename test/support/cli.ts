/**
 * Drives the `piccolo` CLI as a user would: `node build/lib/cli/bin.js …` spawned in a temporary
 * project folder whose node_modules/piccolo-orm links to this repository, against a real SQLite
 * file or a throwaway PostgreSQL database (`piccolo_cli_<random>`, dropped afterwards).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Client } from "pg";
import { pgConfig } from "./engines";

/** The repository root (this file is compiled to build/test/support/). */
export const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "build/lib/cli/bin.js");

/** What a CLI run printed and how it exited. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `piccolo …` in `cwd`; stdin is closed unless `input` is given. */
export function piccolo(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    input: options.input ?? "",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `piccolo …` and fails with its output unless it exits 0; returns stdout. */
export function piccoloOk(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): string {
  const r = piccolo(cwd, args, options);
  if (r.status !== 0) throw new Error(`piccolo ${args.join(" ")} exited with ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Runs `piccolo …` in `cwd` without waiting (stdin closed), so that several can run at once. */
export function piccoloAsync(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((done, failed) => {
    child.on("error", failed);
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

/**
 * Runs `piccolo …` on a pseudo-terminal (util-linux `script`), as a person at a terminal would,
 * and types `answer` and Enter once a yes/no question appears.
 */
export function piccoloOnTerminal(
  cwd: string,
  args: string[],
  answer: string,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  let stdout = "";
  let stderr = "";
  let answered = false;
  return new Promise((done, failed) => {
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (!answered && /\(y\/N\)/.test(stdout)) {
        answered = true;
        child.stdin.write(`${answer}\r`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", failed);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

/** An empty project folder with piccolo-orm installed (linked). */
export function tempProject(prefix = "piccolo-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/piccolo-orm"), "dir");
  return dir;
}

/** Writes files (paths relative to dir), creating folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** Removes a temporary folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Creates a throwaway PostgreSQL database; returns its name and a function that drops it. */
export async function throwawayDatabase(): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `piccolo_cli_${randomBytes(5).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new Client(pgConfig());
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { name, drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
}

/** The PG* variables that point a spawned CLI at a database. */
export function pgEnv(database: string): NodeJS.ProcessEnv {
  const c = pgConfig();
  return {
    PGHOST: String(c.host),
    PGPORT: String(c.port),
    PGUSER: String(c.user),
    PGDATABASE: database,
    ...(c.password ? { PGPASSWORD: String(c.password) } : {}),
  };
}
