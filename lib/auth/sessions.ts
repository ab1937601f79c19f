import { Integer } from "../columns/integer";
import { Timestamptz } from "../columns/timestamptz";
import { Varchar } from "../columns/varchar";
import type { Secret } from "../columns/secret";
import { assertKnownOptions } from "../errors/factories";
import { invalidSessionOption } from "../errors/auth-factories";
import { or } from "../query/expression";
import { column, table } from "../table/decorators";
import { Table } from "../table/table";
import { BaseUser } from "./base-user";
import { hashSessionToken, newSessionToken } from "./session-token";

/** How long sessions live. */
export interface SessionLifetime {
  /** Milliseconds a session lives at most, however active (default 14 days). */
  maxAge?: number;
  /** Milliseconds of inactivity after which a session expires; each use extends it, up to maxAge (default 1 day). */
  idleTimeout?: number;
}

const DAY = 24 * 60 * 60 * 1000;
const lifetimeOptions = ["maxAge", "idleTimeout"];

/** The lifetime with defaults filled in, checked. */
export function sessionLifetime(options: SessionLifetime = {}): Required<SessionLifetime> {
  assertKnownOptions("session lifetime", options, lifetimeOptions, "config");
  const maxAge = options.maxAge ?? 14 * DAY;
  const idleTimeout = options.idleTimeout ?? DAY;
  for (const [name, value] of [
    ["maxAge", maxAge],
    ["idleTimeout", idleTimeout],
  ] as const)
    if (!Number.isFinite(value) || value <= 0) throw invalidSessionOption(name, value, "a positive number of ms");
  return { maxAge, idleTimeout: Math.min(idleTimeout, maxAge) };
}

/** A new session: the token to give the client (once; only its hash is stored) and the row. */
export interface NewSession {
  readonly token: string;
  readonly session: Sessions;
}

/**
 * Login sessions (`sessions`, as Piccolo names it), declared without `db` like BaseUser. Each row
 * holds the SHA-256 of a random token, the user's id, an idle expiry that each use slides forward
 * and a maximum expiry that never moves.
 * @example
 * import { Sessions } from "piccolo-orm/auth";
 * const { token } = await Sessions.createSession(7);
 * const userId: number | null = await Sessions.getUserId(token); // 7
 * await Sessions.logout(token);
 */
@table({ tablename: "sessions" })
export class Sessions extends Table<Sessions>() {
  @column(Varchar({ length: 64, unique: true, secret: true, dbColumnName: "token_hash" })) tokenHash!: Secret<string>;
  @column(Integer({ index: true, dbColumnName: "user_id" })) userId!: number;
  @column(Timestamptz({ dbColumnName: "expiry_date" })) expiryDate!: Date;
  @column(Timestamptz({ dbColumnName: "max_expiry_date" })) maxExpiryDate!: Date;

  /** Starts a session for the user; keep `token` in a cookie (see sessionAuth), it cannot be read back. */
  static async createSession(userId: number, lifetime: SessionLifetime = {}): Promise<NewSession> {
    const { maxAge, idleTimeout } = sessionLifetime(lifetime);
    const token = newSessionToken();
    const now = Date.now();
    const session = new this({
      tokenHash: hashSessionToken(token),
      userId,
      expiryDate: new Date(now + idleTimeout),
      maxExpiryDate: new Date(now + maxAge),
    });
    return { token, session: await session.save() };
  }

  /**
   * The session of a token, or null when there is none or it expired. Using a session slides its
   * idle expiry forward (written only once less than half the idle time is left, so not every request writes).
   */
  static async getSession(token: string, lifetime: SessionLifetime = {}): Promise<Sessions | null> {
    if (typeof token !== "string" || token.length === 0 || token.length > 200) return null;
    const { idleTimeout } = sessionLifetime(lifetime);
    const session = await this.objects().get(this.c.tokenHash.eq(hashSessionToken(token)));
    if (session === null) return null;
    const now = Date.now();
    if (session.expiryDate.getTime() <= now || session.maxExpiryDate.getTime() <= now) {
      await session.remove();
      return null;
    }
    const renewed = Math.min(now + idleTimeout, session.maxExpiryDate.getTime());
    const expiry = session.expiryDate.getTime();
    if (renewed > expiry && expiry - now < idleTimeout / 2) {
      session.expiryDate = new Date(renewed);
      await session.save("expiryDate");
    }
    return session;
  }

  /** The user id of a live session, or null. */
  static async getUserId(token: string, lifetime: SessionLifetime = {}): Promise<number | null> {
    return (await this.getSession(token, lifetime))?.userId ?? null;
  }

  /** The active user of a live session, or null (an inactive user's sessions do not count). */
  static async getUser(
    token: string,
    lifetime: SessionLifetime = {},
    userTable: typeof BaseUser = BaseUser,
  ): Promise<BaseUser | null> {
    const id = await this.getUserId(token, lifetime);
    if (id === null) return null;
    const user = await userTable.objects().get(userTable.c.id.eq(id));
    return user !== null && user.active ? user : null;
  }

  /** Ends the session of this token (nothing happens for an unknown one). */
  static async logout(token: string): Promise<void> {
    if (typeof token !== "string" || token.length === 0) return;
    await this.delete().where(this.c.tokenHash.eq(hashSessionToken(token)));
  }

  /** Ends every session of a user (e.g. after a password change); returns how many. */
  static async logoutUser(userId: number): Promise<number> {
    return this.delete().where(this.c.userId.eq(userId));
  }

  /** Deletes expired sessions; returns how many. Run it now and then (a timer, a cron job). */
  static async cleanExpired(): Promise<number> {
    const now = new Date();
    return this.delete().where(or(this.c.expiryDate.lte(now), this.c.maxExpiryDate.lte(now)));
  }
}
