import { assertKnownOptions } from "../../errors/factories";
import { invalidSessionOption } from "../../errors/auth-factories";

/** Options of a LoginRateLimiter. */
export interface RateLimitOptions {
  /** Failed logins allowed per username and address within the window (default 5). */
  maxAttempts?: number;
  /** The window in milliseconds, counted from the first failure (default 15 minutes). */
  windowMs?: number;
  /** Keys kept at most; the oldest are forgotten first, so a flood of usernames cannot exhaust memory (default 100,000). */
  maxKeys?: number;
}

interface Entry {
  failures: number;
  resetAt: number;
}

/**
 * Counts failed logins per username and client address, in memory (one process): after
 * `maxAttempts` failures within `windowMs`, further attempts are refused until the window ends. A
 * successful login clears the count. Checked before the password is hashed, so a blocked client
 * costs no PBKDF2 work.
 * @example
 * import { LoginRateLimiter } from "piccolo-orm/auth";
 * const limiter = new LoginRateLimiter({ maxAttempts: 5, windowMs: 15 * 60_000 });
 */
export class LoginRateLimiter {
  readonly maxAttempts: number;
  readonly windowMs: number;
  readonly maxKeys: number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: RateLimitOptions = {}) {
    assertKnownOptions("LoginRateLimiter", options, ["maxAttempts", "windowMs", "maxKeys"], "config");
    this.maxAttempts = options.maxAttempts ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 100_000;
    for (const [name, value] of [
      ["maxAttempts", this.maxAttempts],
      ["windowMs", this.windowMs],
      ["maxKeys", this.maxKeys],
    ] as const)
      if (!Number.isFinite(value) || value < 1)
        throw invalidSessionOption(`rateLimit.${name}`, value, "a positive number");
  }

  /** The key of a username from an address. */
  static key(username: string, address: string): string {
    return `${address}\n${username.toLowerCase()}`;
  }

  /** Seconds to wait before the next attempt, or 0 when one is allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.entries.get(key);
    if (entry === undefined) return 0;
    if (entry.resetAt <= now) {
      this.entries.delete(key);
      return 0;
    }
    return entry.failures >= this.maxAttempts ? Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) : 0;
  }

  /** Records a failed login. */
  fail(key: string, now = Date.now()): void {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.resetAt <= now) {
      this.entries.delete(key);
      this.entries.set(key, { failures: 1, resetAt: now + this.windowMs });
      while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    } else entry.failures += 1;
  }

  /** Forgets the failures of a key (after a successful login). */
  reset(key: string): void {
    this.entries.delete(key);
  }
}
