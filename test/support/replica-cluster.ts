/**
 * A throwaway PostgreSQL primary and streaming replica for the read-replica tests, built on this
 * machine with Debian's cluster tools (pg_createcluster, pg_basebackup) and dropped after. It never
 * touches the main cluster on 5432.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Client, type ClientConfig } from "pg";

const VERSION_DIR = "/etc/postgresql";

export interface ReplicaPair {
  readonly primary: ClientConfig;
  readonly replica: ClientConfig;
  /** Stops and drops both clusters. */
  drop(): void;
}

/** Why the pair cannot be built here, or undefined when it can. */
export function replicaPairUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root to run pg_createcluster";
  if (!existsSync("/usr/bin/pg_createcluster")) return "pg_createcluster is not installed";
  if (!existsSync(VERSION_DIR)) return "no PostgreSQL clusters directory";
  return undefined;
}

function run(command: string, args: readonly string[]): void {
  execFileSync(command, args, { stdio: "pipe" });
}

function dropCluster(version: string, name: string): void {
  try {
    run("pg_dropcluster", ["--stop", version, name]);
  } catch {
    // Not there: nothing to drop.
  }
}

/** Builds the pair on the given ports (a leftover pair of the same name is dropped first). */
export function createReplicaPair(name: string, primaryPort: number, replicaPort: number): ReplicaPair {
  const version = execFileSync("ls", [VERSION_DIR]).toString().trim().split("\n").sort().pop()!;
  const primaryName = `${name}_primary`;
  const replicaName = `${name}_replica`;
  const drop = () => {
    dropCluster(version, replicaName);
    dropCluster(version, primaryName);
  };
  drop();
  try {
    run("pg_createcluster", [version, primaryName, "--port", String(primaryPort), "--", "--auth=trust"]);
    run("pg_ctlcluster", ["--skip-systemctl-redirect", version, primaryName, "start"]);
    // The replica's config comes from pg_createcluster; its data directory from a base backup.
    run("pg_createcluster", [version, replicaName, "--port", String(replicaPort), "--", "--auth=trust"]);
    const dataDir = `/var/lib/postgresql/${version}/${replicaName}`;
    run("find", [dataDir, "-mindepth", "1", "-delete"]);
    run("su", [
      "postgres",
      "-c",
      `pg_basebackup -h 127.0.0.1 -p ${primaryPort} -U postgres -D ${dataDir} -R -X stream`,
    ]);
    run("pg_ctlcluster", ["--skip-systemctl-redirect", version, replicaName, "start"]);
  } catch (error) {
    drop();
    throw error;
  }
  const config = (port: number): ClientConfig => ({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
  return { primary: config(primaryPort), replica: config(replicaPort), drop };
}

async function scalar(config: ClientConfig, sql: string): Promise<unknown> {
  const client = new Client(config);
  await client.connect();
  try {
    return (await client.query(sql)).rows[0]?.value;
  } finally {
    await client.end();
  }
}

/** Waits until the replica has replayed everything the primary has written so far (no sleeping on a guess). */
export async function waitForReplay(pair: ReplicaPair, timeoutMs = 10_000): Promise<void> {
  const target = await scalar(pair.primary, "SELECT pg_current_wal_lsn()::text AS value");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const caughtUp = await scalar(
      pair.replica,
      `SELECT pg_last_wal_replay_lsn() >= '${String(target)}'::pg_lsn AS value`,
    );
    if (caughtUp === true) return;
    if (Date.now() > deadline) throw new Error(`replica did not replay up to ${String(target)} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Pauses or resumes WAL replay on the replica, so a test can see which node answered. */
export async function setReplay(pair: ReplicaPair, paused: boolean): Promise<void> {
  await scalar(pair.replica, `SELECT ${paused ? "pg_wal_replay_pause()" : "pg_wal_replay_resume()"} AS value`);
  // Once a pause is requested no further WAL record is applied, even while the replica is idle
  // and still reports "pause requested".
}
