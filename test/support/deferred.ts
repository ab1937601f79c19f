/** A promise with its resolve function, to line up concurrent work step by step. */
export function deferred<TValue = void>(): { promise: Promise<TValue>; resolve: (value: TValue) => void } {
  let resolve!: (value: TValue) => void;
  const promise = new Promise<TValue>((r) => (resolve = r));
  return { promise, resolve };
}
