/**
 * What PostgreSQL lacks to stand in for CockroachDB in the tests: unique_rowid(), made like
 * CockroachDB's ((time in units of 10 µs) << 15 | a counter), so generated keys exceed 2^53 and are
 * read as bigint. Used by `CRDB_EMULATE=1` (test/support/engines.ts) and by
 * test/integration/cockroach-engine.test.ts.
 */
import { Client, type PoolConfig } from "pg";

/** Creates (or replaces) the emulated unique_rowid() and its counter in the connected database. */
export const uniqueRowidShimSql: readonly string[] = [
  "CREATE SEQUENCE IF NOT EXISTS piccolo_test_rowid_seq",
  `CREATE OR REPLACE FUNCTION unique_rowid() RETURNS INT8 LANGUAGE SQL VOLATILE AS $$
     SELECT (floor(extract(epoch FROM clock_timestamp()) * 100000)::INT8 << 15) | (nextval('piccolo_test_rowid_seq') % 32768)
   $$`,
];

/** Installs the shim on the server of `config`, in its own connection. */
export async function installUniqueRowidShim(config: PoolConfig): Promise<void> {
  const client = new Client(config);
  await client.connect();
  try {
    for (const sql of uniqueRowidShimSql) await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Statements CockroachDB refuses or ignores, as the emulated engine must never send them: a
 * PostgreSQL server would run them and hide the problem. Each has the reason it is refused
 * (CockroachDB's documentation, "PostgreSQL compatibility").
 */
export const notOnCockroach: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /^\s*DO\s/i, reason: "DO blocks (PL/pgSQL anonymous code) are not supported" },
  { pattern: /\bpg_advisory_\w*lock/i, reason: "advisory lock functions exist but lock nothing" },
  {
    // nextval and setval exist there. A SERIAL made by CockroachDB (unique_rowid()) has no sequence to find.
    pattern: /\bpg_get_serial_sequence\s*\(/i,
    reason: "a column's sequence is not looked up: Piccolo names a Serial's sequence itself (<table>_<column>_seq)",
  },
  {
    pattern: /\b(BIG)?SERIAL\b/,
    reason:
      "SERIAL means unique_rowid() there (serial_normalization): Piccolo writes INT8 DEFAULT unique_rowid() " +
      "for BigSerial and INT8 DEFAULT nextval(its own sequence) for Serial",
  },
  {
    pattern: /\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b/i,
    reason: "ALTER COLUMN TYPE cannot run in a transaction",
  },
];

/** The reason CockroachDB would refuse `sql`, or undefined. */
export function refusedOnCockroach(sql: string): string | undefined {
  return notOnCockroach.find(({ pattern }) => pattern.test(sql))?.reason;
}
