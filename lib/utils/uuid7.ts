import { randomFillSync } from "node:crypto";

const counterBits = 42;
const counterMax = 2 ** counterBits - 1;
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;

function randomBytes(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += n;
  return pool.subarray(poolOffset - n, poolOffset);
}

/** A random 41-bit counter seed: the top bit stays clear so that a millisecond has room to count up. */
function seed(): number {
  const b = randomBytes(6);
  return (b[0]! & 0x01) * 2 ** 40 + b.readUIntBE(1, 5);
}

/**
 * A version 7 UUID (RFC 9562): a 48-bit Unix millisecond timestamp, then a 42-bit counter seeded
 * at random each millisecond and incremented within it (method 1 of §6.2), then 32 random bits.
 * UUIDs made by one process therefore sort in creation order, even within a millisecond or when
 * the clock steps back, which keeps B-tree primary keys appending at the end.
 * @example @column(UUID({ primaryKey: true, default: uuid7 })) id!: string;
 */
export function uuid7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = seed();
  } else if (++counter > counterMax) {
    // The counter ran out within one millisecond: borrow the next one, as §6.2 allows.
    lastMs += 1;
    counter = seed();
  }
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  const high = Math.floor(counter / 2 ** 30); // 12 bits: rand_a
  const low = counter % 2 ** 30; // 30 bits: the top of rand_b
  bytes[6] = 0x70 | (high >>> 8);
  bytes[7] = high & 0xff;
  bytes[8] = 0x80 | (low >>> 24);
  bytes.writeUIntBE(low & 0xffffff, 9, 3);
  randomBytes(4).copy(bytes, 12);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
