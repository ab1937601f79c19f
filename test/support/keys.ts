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
import type { Fixtures } from "./fixtures";

/** Asserts a generated key: exactly `sequential` where keys are 1, 2, 3…, else a bigint past 2^53. */
export function expectKey(ctx: EngineContext, actual: unknown, sequential: number): void {
  if (hasCapability(ctx, "sequentialKeys")) {
    expect(actual).to.equal(sequential);
    return;
  }
  expect(typeof actual, `key ${String(actual)}`).to.equal("bigint");
  expect((actual as bigint) > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
}

/**
 * The keys of rows a test inserted, by name: `rows` are read in key order and must begin with
 * `names`, in that order (rows a suite adds later may follow), each key checked by `expectKey` (1, 2, 3… where keys are sequential), so a
 * suite can refer to its rows by name on every engine without weakening what it asserts.
 *
 *   const band = keysByName(ctx, await Band.select(Band.c.id, Band.c.name).orderBy(Band.c.id), ["Pythonistas", "Rustaceans"]);
 */
export function keysByName<TKey, TName extends string>(
  ctx: EngineContext,
  rows: readonly { id: TKey; name: unknown }[],
  names: readonly TName[],
): Record<TName, TKey> {
  expect(rows.slice(0, names.length).map((row) => row.name)).to.deep.equal(names);
  const keys = {} as Record<TName, TKey>;
  names.forEach((name, index) => {
    expectKey(ctx, rows[index]!.id, index + 1);
    keys[name] = rows[index]!.id;
  });
  return keys;
}

/** The keys of the sample data's managers, bands, venues and concerts (test/support/sample-tables.ts), checked as by `keysByName`. */
export async function sampleKeys(ctx: EngineContext, f: Fixtures) {
  const { Manager, Band, Venue, Concert } = f;
  const concerts = await Concert.select(Concert.c.id).orderBy(Concert.c.id);
  concerts.forEach((row, index) => expectKey(ctx, row.id, index + 1));
  return {
    manager: keysByName(ctx, await Manager.select(Manager.c.id, Manager.c.name).orderBy(Manager.c.id), [
      "Guido",
      "Graydon",
      "Mads",
    ]),
    band: keysByName(ctx, await Band.select(Band.c.id, Band.c.name).orderBy(Band.c.id), [
      "Pythonistas",
      "Rustaceans",
      "C-Sharps",
    ]),
    venue: keysByName(ctx, await Venue.select(Venue.c.id, Venue.c.name).orderBy(Venue.c.id), ["Arena", "Garage"]),
    /** The two concerts, in insert order. */
    concert: concerts.map((row) => row.id),
  };
}

/** A key as the JSON of the CRUD and admin APIs carries it: a number as is, a bigint as its digits. */
export function jsonKey(key: unknown): unknown {
  return typeof key === "bigint" ? key.toString() : key;
}

/** `expectKey` for a key read from JSON, where a bigint arrives as its digits. */
export function expectJsonKey(ctx: EngineContext, actual: unknown, sequential: number): void {
  expectKey(ctx, typeof actual === "string" && /^\d+$/.test(actual) ? BigInt(actual) : actual, sequential);
}

/** A key value as a compiled query binds it: as is for integer keys, as its digits for CockroachDB's BIGINT keys. */
export function keyParam(ctx: EngineContext, key: number | bigint): number | bigint | string {
  return hasCapability(ctx, "sequentialKeys") ? key : key.toString();
}
