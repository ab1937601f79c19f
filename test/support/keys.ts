/**
 * Key assertions that hold on every engine without weakening any: where new rows get keys 1, 2,
 * 3… (the `sequentialKeys` capability) the expected literal must match exactly; elsewhere
 * (CockroachDB's unique_rowid()) the key must be a bigint past 2^53, which a JS number could not
 * hold, and the test then goes on with the key it got.
 *
 *   expectKey(ctx, gophers.id, 4);
 */
import { expect } from "chai";
import { hasCapability, type EngineContext } from "./engines";

/** Asserts a generated key: exactly `sequential` where keys are 1, 2, 3…, else a bigint past 2^53. */
export function expectKey(ctx: EngineContext, actual: unknown, sequential: number): void {
  if (hasCapability(ctx, "sequentialKeys")) {
    expect(actual).to.equal(sequential);
    return;
  }
  expect(typeof actual, `key ${String(actual)}`).to.equal("bigint");
  expect((actual as bigint) > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
}
