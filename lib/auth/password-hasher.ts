import { pbkdf2, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { assertKnownOptions } from "../errors/factories";
import { invalidHasherOption } from "../errors/auth-factories";

const pbkdf2Async = promisify(pbkdf2);

/** The iterations OWASP recommends for PBKDF2-HMAC-SHA256 (2023): the default. */
export const DEFAULT_ITERATIONS = 600_000;
const ALGORITHM = "pbkdf2_sha256";
const KEY_LENGTH = 32;

/** Options of a PasswordHasher. */
export interface PasswordHasherOptions {
  /** PBKDF2 iterations for new hashes (default 600,000); lower only in tests. */
  iterations?: number;
}

/** A stored hash taken apart: `pbkdf2_sha256$<iterations>$<salt>$<hex hash>`. */
export interface ParsedHash {
  readonly algorithm: string;
  readonly iterations: number;
  readonly salt: string;
  readonly hash: string;
}

/**
 * PBKDF2-HMAC-SHA256 password hashes stored as one string, `pbkdf2_sha256$600000$<salt>$<hash>`, in
 * the format of Piccolo's BaseUser (a 32-hex-digit salt used as text, a 64-hex-digit hash), so a
 * Python Piccolo app can share the user table. Hashing runs on libuv's thread pool (async pbkdf2),
 * never blocking the event loop.
 * @example
 * import { PasswordHasher } from "piccolo-orm/auth";
 * const hasher = new PasswordHasher({ iterations: 600_000 });
 * const stored = await hasher.hash("correct horse battery staple");
 * const ok: boolean = await hasher.verify("correct horse battery staple", stored);
 */
export class PasswordHasher {
  readonly iterations: number;
  private dummy: string | undefined;

  constructor(options: PasswordHasherOptions = {}) {
    assertKnownOptions("PasswordHasher", options, ["iterations"], "config");
    const iterations = options.iterations ?? DEFAULT_ITERATIONS;
    if (!Number.isSafeInteger(iterations) || iterations < 1)
      throw invalidHasherOption("iterations", iterations, "a positive integer (600,000 or more outside tests)");
    this.iterations = iterations;
  }

  /** A new hash of the password, with a fresh random salt and this hasher's iterations. */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16).toString("hex");
    const key = await this.derive(password, salt, this.iterations);
    return `${ALGORITHM}$${this.iterations}$${salt}$${key.toString("hex")}`;
  }

  /**
   * Whether the password matches the stored hash, compared in constant time. A malformed stored
   * value still costs one derivation (against a dummy hash), so it takes as long as a real check.
   */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (parsed === undefined) {
      await this.verifyDummy(password);
      return false;
    }
    const key = await this.derive(password, parsed.salt, parsed.iterations);
    const expected = Buffer.from(parsed.hash, "hex");
    return expected.length === key.length && timingSafeEqual(key, expected);
  }

  /** Spends the time of one verification, for a user that does not exist: callers cannot tell the two apart by timing. */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= `${ALGORITHM}$${this.iterations}$${randomBytes(16).toString("hex")}$${randomBytes(KEY_LENGTH).toString("hex")}`;
    const parsed = parseHash(this.dummy)!;
    const key = await this.derive(password, parsed.salt, parsed.iterations);
    timingSafeEqual(key, Buffer.from(parsed.hash, "hex"));
  }

  /** Whether a stored hash should be redone with this hasher's settings (other iterations or algorithm). */
  needsRehash(stored: string): boolean {
    const parsed = parseHash(stored);
    return parsed === undefined || parsed.iterations !== this.iterations;
  }

  /** One PBKDF2 derivation; the salt is used as its text, as Piccolo does. */
  protected derive(password: string, salt: string, iterations: number): Promise<Buffer> {
    return pbkdf2Async(Buffer.from(password, "utf8"), Buffer.from(salt, "utf8"), iterations, KEY_LENGTH, "sha256");
  }
}

/** Takes a stored hash apart; undefined when it is not a pbkdf2_sha256 hash of this format. */
export function parseHash(stored: string): ParsedHash | undefined {
  const parts = typeof stored === "string" ? stored.split("$") : [];
  if (parts.length !== 4) return undefined;
  const [algorithm, iterations, salt, hash] = parts as [string, string, string, string];
  if (algorithm !== ALGORITHM || !/^[1-9][0-9]{0,9}$/.test(iterations) || salt === "") return undefined;
  if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
  return { algorithm, iterations: Number(iterations), salt, hash };
}
