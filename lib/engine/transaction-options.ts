import {
  assertKnownOptions,
  invalidTimeout,
  invalidTransactionOption,
  invalidTransactionOptions,
  unknownIsolationLevel,
} from "../errors/factories";
import type { DatabaseError } from "../errors/database-error";

/** SQL isolation levels; SQLite transactions are always serializable. */
export type IsolationLevel = "read uncommitted" | "read committed" | "repeatable read" | "serializable";

/**
 * How a SQLite transaction takes its lock: "immediate" (the default) takes the write lock at BEGIN;
 * "deferred" reads on a snapshot and takes it at the first write (and may then fail with
 * `DatabaseLockedError` if another connection wrote since: retry); "exclusive" also keeps readers
 * of other processes out in rollback-journal mode. PostgreSQL locks rows as it goes and ignores it.
 */
export type TransactionType = "deferred" | "immediate" | "exclusive";

/** Options of `transaction()`. */
export interface TransactionOptions {
  isolationLevel?: IsolationLevel;
  /**
   * Re-runs the whole callback this many more times when it fails with a serialization failure
   * (40001), a deadlock (40P01) or, on SQLite, a locked database. The callback must be safe to
   * re-run. Only the outermost transaction retries; a nested one passes the failure out (default 0).
   */
  retries?: number;
  /** Backoff before the first retry, in ms, doubled per attempt with full jitter (default 10). */
  retryBaseDelay?: number;
  /** The longest backoff between retries, in ms (default 1000). */
  retryMaxDelay?: number;
  /** Called before each retry with the error and the retry number (1, 2, …); e.g. to count retries. */
  onRetry?: (error: DatabaseError, retry: number) => void;
  /** Cancels any statement of the transaction running longer than this, in ms: `QueryTimeoutError`. */
  statementTimeout?: number;
  /** SQLite's lock mode for BEGIN (see TransactionType); ignored on PostgreSQL. */
  type?: TransactionType;
}

const isolationLevels: readonly IsolationLevel[] = [
  "read uncommitted",
  "read committed",
  "repeatable read",
  "serializable",
];
const transactionTypes: readonly TransactionType[] = ["deferred", "immediate", "exclusive"];
const optionNames = [
  "isolationLevel",
  "retries",
  "retryBaseDelay",
  "retryMaxDelay",
  "onRetry",
  "statementTimeout",
  "type",
];

const isWhole = (value: unknown, min: number) => typeof value === "number" && Number.isInteger(value) && value >= min;

/** Checks a timeout in ms (a positive whole number); `where` names the option in the message. */
export function checkTimeout(where: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!isWhole(value, 1)) throw invalidTimeout(where, value);
  return value as number;
}

/** Refuses options `transaction()` does not know before anything runs: a typo must not fall back to defaults. */
export function checkTransactionOptions(options: unknown): TransactionOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw invalidTransactionOptions(options);
  assertKnownOptions("transaction()", options, optionNames);
  const o = options as TransactionOptions;
  if (o.isolationLevel !== undefined && !isolationLevels.includes(o.isolationLevel))
    throw unknownIsolationLevel(o.isolationLevel, isolationLevels);
  if (o.type !== undefined && !transactionTypes.includes(o.type))
    throw invalidTransactionOption("type", o.type, `one of "${transactionTypes.join('", "')}"`);
  for (const name of ["retries", "retryBaseDelay", "retryMaxDelay"] as const) {
    if (o[name] !== undefined && !isWhole(o[name], 0))
      throw invalidTransactionOption(name, o[name], "a whole number of 0 or more");
  }
  if (o.onRetry !== undefined && typeof o.onRetry !== "function")
    throw invalidTransactionOption("onRetry", o.onRetry, "a function");
  checkTimeout("transaction() option statementTimeout", o.statementTimeout);
  return o;
}
