import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The extra node (e.g. a read replica) that `.run({ node })` asked for, carried through the
 * query's async work so that every statement it sends (an M2M select sends several) goes there.
 */
const nodes = new AsyncLocalStorage<string | undefined>();
/** False until a query first names a node, so plain apps never pay for the lookup. */
let used = false;

/** Runs `fn` with queries sent to the named extra node of their engine. */
export function runOnNode<TResult>(node: string, fn: () => TResult): TResult {
  used = true;
  return nodes.run(node, fn);
}

/** The node the current query asked for, if any. */
export function requestedNode(): string | undefined {
  return used ? nodes.getStore() : undefined;
}
