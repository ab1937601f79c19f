/**
 * Values that a synchronous driver (better-sqlite3) has at once and an asynchronous one promises.
 * Passing them on as they are, and making one promise at the end, saves a promise and a microtask
 * hop per step of a query (a primary-key lookup on SQLite is a few microseconds in all).
 */
export type MaybePromise<TValue> = TValue | Promise<TValue>;

/** `fn(value)`, at once when the value is there, after it resolves when it is promised. */
export function thenNow<TValue, TResult>(
  value: MaybePromise<TValue>,
  fn: (value: TValue) => MaybePromise<TResult>,
): MaybePromise<TResult> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

/** `fn()` as one promise: its value resolved, or what it throws (at once or later) rejected. */
export function promiseOf<TValue>(fn: () => MaybePromise<TValue>): Promise<TValue> {
  try {
    const value = fn();
    return value instanceof Promise ? value : Promise.resolve(value);
  } catch (error) {
    return Promise.reject(error);
  }
}
