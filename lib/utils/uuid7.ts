import { randomFillSync } from "node:crypto";

const counterBits = 42;
const counterMax = 2 ** counterBits - 1;
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;
/** The first two groups, "tttttttt-tttt-", for lastMs: formatting it is the slowest step, so once per millisecond. */
let prefix = "";

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** The offset of `n` fresh random bytes in the pool, refilled (in one system call) when used up. */
function take(n: number): number {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += n;
  return poolOffset - n;
}

/** A random 41-bit counter seed: the top bit stays clear so that a millisecond has room to count up. */
function seed(): number {
  const at = take(6);
  return (pool[at]! & 0x01) * 2 ** 40 + pool.readUIntBE(at + 1, 5);
}

function newMillisecond(ms: number): void {
  lastMs = ms;
  counter = seed();
  const time = ms.toString(16).padStart(12, "0");
  prefix = `${time.slice(0, 8)}-${time.slice(8)}-`;
}

/**
 * A version 7 UUID (RFC 9562): a 48-bit Unix millisecond timestamp, then a 42-bit counter seeded
 * at random each millisecond and incremented within it (method 1 of §6.2), then 32 random bits.
 * UUIDs made by one process therefore sort in creation order, even within a millisecond or when
 * the clock steps back, which keeps B-tree primary keys appending at the end.
 * @example
 * class Token extends Table<Token, null>() {
 *   \@column(UUID({ primaryKey: true, default: uuid7 })) id!: string;
 * }
 */
export function uuid7(): string {
  const now = Date.now();
  if (now > lastMs) {
    newMillisecond(now);
  } else if (++counter > counterMax) {
    // The counter ran out within one millisecond: borrow the next one, as §6.2 allows.
    newMillisecond(lastMs + 1);
  }
  const randA = Math.floor(counter / 2 ** 30); // the counter's top 12 bits
  const low = counter % 2 ** 30; // its other 30 bits open rand_b, after the variant bits
  const tail = pool.readUInt32BE(take(4));
  return `${prefix}7${hex(randA, 3)}-${hex(0x8000 | (low >>> 16), 4)}-` + `${hex(low & 0xffff, 4)}${hex(tail, 8)}`;
}
