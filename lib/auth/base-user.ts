import { BooleanColumn } from "../columns/boolean";
import { Email } from "../columns/email";
import { Secret } from "../columns/secret";
import { Timestamptz } from "../columns/timestamptz";
import { Varchar } from "../columns/varchar";
import { assertKnownOptions } from "../errors/factories";
import { userNotFound } from "../errors/auth-factories";
import { column, table } from "../table/decorators";
import { Table } from "../table/table";
import { PasswordHasher } from "./password-hasher";
import { checkPassword, defaultPasswordRules, type PasswordRules } from "./password-rules";

/** What `createUser` takes: username, password and email, the rest optional. */
export interface CreateUserValues {
  username: string;
  /** The plain password: checked against the rules, hashed, never stored or logged as given. */
  password: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  /** Whether the user may log in (default true: a user is usually created to log in). */
  active?: boolean;
  admin?: boolean;
  superuser?: boolean;
}

const createUserOptions = ["username", "password", "email", "firstName", "lastName", "active", "admin", "superuser"];

/** A user given by id or username. */
export type UserKey = number | string;

/**
 * The user table of Piccolo (`piccolo_user`, same columns), declared without `db`: it runs on the
 * engine of `setDefaultEngine` (the CLI sets the config's DB), `bindEngine` or `withEngine`.
 * Passwords are PBKDF2-SHA256 hashes in a Secret column: `select()` and `toJSON()` leave them out
 * and query logs show `[secret]`. Create users with `createUser` (or `piccolo user create`), check
 * passwords with `login`.
 * @example
 * import { BaseUser } from "piccolo-orm/auth";
 * const user = await BaseUser.createUser({ username: "ada", password: "analytical-engine", email: "ada@example.com" });
 * const id: number | null = await BaseUser.login("ada", "analytical-engine"); // user.id
 */
@table({ tablename: "piccolo_user" })
export class BaseUser extends Table<BaseUser>() {
  @column(Varchar({ length: 100, unique: true })) username!: string;
  @column(Secret({ length: 255 })) password!: Secret<string>;
  @column(Varchar({ length: 255, null: true, dbColumnName: "first_name" })) firstName!: string | null;
  @column(Varchar({ length: 255, null: true, dbColumnName: "last_name" })) lastName!: string | null;
  @column(Email({ length: 255, unique: true })) email!: string;
  @column(BooleanColumn({ default: false })) active!: boolean;
  @column(BooleanColumn({ default: false, helpText: "An admin can log into the admin GUI." })) admin!: boolean;
  @column(BooleanColumn({ default: false, helpText: "A superuser can manage other users' passwords." }))
  superuser!: boolean;
  @column(
    Timestamptz({ null: true, default: null, dbColumnName: "last_login", helpText: "When the user last logged in." }),
  )
  lastLogin!: Date | null;

  /** How passwords are hashed. Replace it to change the iterations (e.g. fewer in tests); stored hashes are upgraded at the next login. */
  static hasher: PasswordHasher = new PasswordHasher();
  /** The rules `createUser` and `updatePassword` check. */
  static passwordRules: PasswordRules = { ...defaultPasswordRules };

  /** Creates an active user with a hashed password; throws ValidationError for a password that breaks the rules. */
  static async createUser(values: CreateUserValues): Promise<BaseUser> {
    assertKnownOptions("createUser()", values, createUserOptions);
    const { password, active = true, ...rest } = values;
    checkPassword(this.tableName, password, values.username, this.passwordRules);
    const user = new this({ ...rest, active, password: await this.hasher.hash(password) });
    return user.save();
  }

  /**
   * The id of the active user with this username and password, or null. Timing-safe: the hash is
   * compared in constant time, and a user that does not exist (or a value that cannot be a username)
   * costs the same PBKDF2 work, so response times do not reveal which usernames exist. A hash made
   * with other iterations than the hasher's is redone; `lastLogin` is set.
   */
  static async login(username: string, password: string): Promise<number | null> {
    const hasher = this.hasher;
    const plain = typeof password === "string" ? password.slice(0, this.passwordRules.maxLength) : "";
    if (typeof username !== "string" || username.length > 100 || plain !== password) {
      await hasher.verifyDummy(plain);
      return null;
    }
    const c = this.c;
    const row = await this.select(c.id, c.password, c.active).where(c.username.eq(username)).first();
    if (row === null) {
      await hasher.verifyDummy(password);
      return null;
    }
    if (!(await hasher.verify(password, row.password)) || !row.active) return null;
    const values: { lastLogin: Date; password?: string } = { lastLogin: new Date() };
    if (hasher.needsRehash(row.password)) values.password = await hasher.hash(password);
    await this.update(values).where(c.id.eq(row.id));
    return row.id;
  }

  /** Sets a new password for the user (by id or username), checked against the rules. */
  static async updatePassword(user: UserKey, password: string): Promise<void> {
    const c = this.c;
    const where = typeof user === "number" ? c.id.eq(user) : c.username.eq(user);
    const row = await this.select(c.id, c.username).where(where).first();
    if (row === null) throw userNotFound(user);
    checkPassword(this.tableName, password, row.username, this.passwordRules);
    await this.update({ password: await this.hasher.hash(password) }).where(c.id.eq(row.id));
  }

  /** The user with this id or username, or null. */
  static async find(user: UserKey): Promise<BaseUser | null> {
    const where = typeof user === "number" ? this.c.id.eq(user) : this.c.username.eq(user);
    return this.objects().get(where);
  }

  /** Checks the password against the rules and sets its hash on this instance (saved by the next `save()`). */
  async setPassword(password: string): Promise<this> {
    const cls = this.constructor as typeof BaseUser;
    checkPassword(cls.tableName, password, this.username ?? "", cls.passwordRules);
    this.password = await cls.hasher.hash(password);
    return this;
  }
}
