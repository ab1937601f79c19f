/**
 * A PgBouncer of the test's own (Debian's `pgbouncer`), in front of the test PostgreSQL server,
 * started on its own port and stopped after. It runs as the postgres user: PgBouncer refuses root.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:net";
import { pgConfig } from "./engines";

const BINARY = "/usr/sbin/pgbouncer";

export interface PgBouncer {
  readonly host: string;
  readonly port: number;
  stop(): void;
}

/** Why PgBouncer cannot be started here, or undefined when it can. */
export function pgBouncerUnavailable(): string | undefined {
  if (!existsSync(BINARY)) return "pgbouncer is not installed (apt-get install -y pgbouncer)";
  if (process.getuid?.() !== 0) return "needs root to start pgbouncer as the postgres user";
  return undefined;
}

/** Starts PgBouncer in the given pool mode on `port`, with `poolSize` server connections per database. */
export async function startPgBouncer(port: number, mode: "transaction" | "session", poolSize = 3): Promise<PgBouncer> {
  const server = pgConfig();
  const dir = mkdtempSync(join(tmpdir(), "piccolo-pgbouncer-"));
  const ini = join(dir, "pgbouncer.ini");
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=${server.host} port=${server.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "auth_type = trust",
      `auth_file = ${join(dir, "users.txt")}`,
      `pool_mode = ${mode}`,
      `default_pool_size = ${poolSize}`,
      "unix_socket_dir =",
      `logfile = ${join(dir, "pgbouncer.log")}`,
      `pidfile = ${join(dir, "pgbouncer.pid")}`,
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "users.txt"), `"${server.user}" ""\n`);
  for (const file of ["", "pgbouncer.ini", "users.txt"]) chownSync(join(dir, file), uid("postgres"), gid("postgres"));
  execFileSync("su", ["postgres", "-c", `${BINARY} -d ${ini}`], { stdio: "pipe" });
  const pidFile = join(dir, "pgbouncer.pid");
  await listening(port);
  return {
    host: "127.0.0.1",
    port,
    stop() {
      if (existsSync(pidFile)) {
        try {
          process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGINT");
        } catch {
          // Already gone.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function uid(user: string): number {
  return Number(execFileSync("id", ["-u", user]).toString().trim());
}

function gid(user: string): number {
  return Number(execFileSync("id", ["-g", user]).toString().trim());
}

/** Resolves once something accepts connections on the port (the daemon takes a moment to bind). */
async function listening(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(true)).once("error", () => resolve(false));
      socket.once("close", () => socket.destroy());
      setTimeout(() => socket.end(), 50);
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
