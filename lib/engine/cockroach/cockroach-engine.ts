import { assertKnownOptions, invalidEngineOption } from "../../errors/factories";
import { CockroachDialect } from "../../sql/dialects/cockroach/dialect";
import { PostgresEngine, postgresEngineOptionNames, type PostgresEngineOptions } from "../postgres/postgres-engine";

/** Options of CockroachEngine: PostgresEngine's, plus retries and DDL handling. */
export interface CockroachEngineOptions extends PostgresEngineOptions {
  /**
   * How many times a transaction that does not set `retries` is re-run after CockroachDB asks to
   * restart it (40001, "restart transaction"), which under its SERIALIZABLE default happens on any
   * contention. Default 5; 0 turns retries off. The callback must be safe to run again.
   */
  retries?: number;
  /**
   * CockroachDB 25.1 and later commit a transaction before each schema change in it
   * (`autocommit_before_ddl`), so a failed migration cannot roll back. Piccolo switches this off
   * in its transactions (default false); true leaves the server's setting alone.
   */
  autocommitBeforeDdl?: boolean;
}

const cockroachOptionNames = [...postgresEngineOptionNames, "retries", "autocommitBeforeDdl"];

// The setting exists from CockroachDB 24.1 on: where the server lacks it, current_setting(…, true)
// is NULL and nothing is set (so the same statement also runs on PostgreSQL).
const keepDdlInTransaction =
  "SELECT CASE WHEN current_setting('autocommit_before_ddl', true) IS NOT NULL " +
  "THEN set_config('autocommit_before_ddl', 'off', true) END AS autocommit_before_ddl";

/**
 * CockroachDB over the PostgreSQL wire protocol (node-postgres). What differs from PostgresEngine:
 * its dialect (INT8 keys from unique_rowid(), read as bigint; JSON stored as JSONB; no ALTER COLUMN
 * TYPE in migrations; `asOfSystemTime()` on selects), transactions re-run on 40001 by default,
 * schema changes kept inside transactions, and a lock table instead of advisory locks for
 * migrations.
 * @example const DB = new CockroachEngine({ config: { connectionString: "postgresql://root@localhost:26257/app" } });
 */
export class CockroachEngine extends PostgresEngine {
  override readonly dialect: CockroachDialect = new CockroachDialect();
  private readonly retries: number;
  private readonly autocommitBeforeDdl: boolean;

  constructor(options: CockroachEngineOptions = {}) {
    assertKnownOptions(
      "CockroachEngine",
      options,
      cockroachOptionNames,
      "config",
      "Pass pool settings inside { config: { … } }.",
    );
    const { retries = 5, autocommitBeforeDdl = false, ...postgres } = options;
    if (!Number.isInteger(retries) || retries < 0)
      throw invalidEngineOption("CockroachEngine", "retries", retries, "a whole number of 0 or more");
    if (typeof autocommitBeforeDdl !== "boolean")
      throw invalidEngineOption("CockroachEngine", "autocommitBeforeDdl", autocommitBeforeDdl, "true or false");
    super(postgres);
    this.retries = retries;
    this.autocommitBeforeDdl = autocommitBeforeDdl;
  }

  protected override get defaultRetries(): number {
    return this.retries;
  }

  protected override transactionSetup(): string | undefined {
    return this.autocommitBeforeDdl ? undefined : keepDdlInTransaction;
  }
}
