import { AsyncLocalStorage } from "node:async_hooks";
import { assertKnownOptions, invalidNodeName } from "../errors/factories";
import { checkTimeout } from "./transaction-options";

/** Options of a query's `.run()`. */
export interface RunOptions {
  /**
   * Cancels the query when it runs longer than this, in ms (`QueryTimeoutError`). On PostgreSQL
   * it is `SET LOCAL statement_timeout`: inside a transaction for that statement only; outside one
   * in a short transaction of its own (so the setting cannot leak to the next user of the pooled
   * connection, nor through a transaction-mode pooler).
   */
  timeout?: number;
  /** The name of one of the engine's `extraNodes` (e.g. a read replica) to run the query on. */
  node?: string;
}

interface RunOptionsStore {
  readonly current: AsyncLocalStorage<RunOptions>;
  /** False until the first `.run(options)`, so plain queries never pay for the lookup. */
  used: boolean;
}

const store: RunOptionsStore = { current: new AsyncLocalStorage(), used: false };

/** Checks `.run()` options before anything runs. */
export function checkRunOptions(options: unknown): RunOptions {
  assertKnownOptions("run()", options as object, ["timeout", "node"]);
  const node = (options as RunOptions).node;
  if (node !== undefined && typeof node !== "string") throw invalidNodeName(node);
  checkTimeout("run() option timeout", (options as RunOptions).timeout);
  return options as RunOptions;
}

/** Runs `fn` with these options applying to each statement the engine sends for it. */
export function withRunOptions<TResult>(options: RunOptions, fn: () => Promise<TResult>): Promise<TResult> {
  store.used = true;
  return store.current.run(options, fn);
}

/** The statement timeout of the `.run()` the current statement belongs to, if any. */
export function currentTimeout(): number | undefined {
  return store.used ? store.current.getStore()?.timeout : undefined;
}

/** Runs `fn` with no `.run()` options in force (the statement that applies them must not re-apply them). */
export function withoutRunOptions<TResult>(fn: () => TResult): TResult {
  return store.used ? store.current.exit(fn) : fn();
}
