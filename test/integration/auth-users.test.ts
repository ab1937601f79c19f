import { expect } from "chai";
import { ValidationError, type MigrationRunner, type QueryLogEntry } from "../../lib";
import { BaseUser, DEFAULT_ITERATIONS, PasswordHasher, parseHash } from "../../lib/auth";
import { CountingHasher, TEST_ITERATIONS, setUpAuthTables, tearDownAuthTables } from "../support/auth";
import { describeEachEngine } from "../support/engines";

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("auth: PasswordHasher", () => {
  it("defaults to 600,000 iterations and stores Piccolo's format: pbkdf2_sha256$iterations$salt$hash", async function () {
    this.timeout(20_000);
    const hasher = new PasswordHasher();
    expect(hasher.iterations).to.equal(DEFAULT_ITERATIONS).and.be.at.least(600_000);
    const stored = await hasher.hash("correct horse");
    expect(stored).to.match(/^pbkdf2_sha256\$600000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(await hasher.verify("correct horse", stored)).to.equal(true);
  });

  it("salts each hash, verifies only the right password, and refuses malformed hashes after the same work", async () => {
    const hasher = new CountingHasher({ iterations: TEST_ITERATIONS });
    const a = await hasher.hash("same password");
    const b = await hasher.hash("same password");
    expect(a).to.not.equal(b);
    expect(parseHash(a)).to.include({ algorithm: "pbkdf2_sha256", iterations: TEST_ITERATIONS });
    expect(await hasher.verify("same password", b)).to.equal(true);
    expect(await hasher.verify("Same password", b)).to.equal(false);
    const before = hasher.derivations;
    expect(await hasher.verify("same password", "plain text")).to.equal(false);
    expect(await hasher.verify("same password", "pbkdf2_sha256$1000$salt$abc")).to.equal(false);
    expect(hasher.derivations - before).to.equal(2);
    expect(hasher.needsRehash(a)).to.equal(false);
    expect(new PasswordHasher({ iterations: 2_000 }).needsRehash(a)).to.equal(true);
  });

  it("matches a hash made by Python Piccolo (hashlib.pbkdf2_hmac over the salt's text)", async () => {
    // python: hashlib.pbkdf2_hmac("sha256", b"piccolo", b"0123456789abcdef0123456789abcdef", 1000).hex()
    const { pbkdf2Sync } = await import("node:crypto");
    const salt = "0123456789abcdef0123456789abcdef";
    const hash = pbkdf2Sync("piccolo", salt, 1000, 32, "sha256").toString("hex");
    expect(
      await new PasswordHasher({ iterations: 1000 }).verify("piccolo", `pbkdf2_sha256$1000$${salt}$${hash}`),
    ).to.equal(true);
  });

  it("refuses iterations that are not a positive integer, and unknown options", () => {
    expect(() => new PasswordHasher({ iterations: 0 })).to.throw(/iterations must be a positive integer/);
    expect(() => new PasswordHasher({ iteration: 5 } as never)).to.throw(/has no option "iteration"/);
  });
});

describeEachEngine(
  "auth: BaseUser",
  (ctx) => {
    let runner: MigrationRunner | undefined;
    before(async () => {
      await ctx.dropTables("piccolo_user", "sessions", "piccolo_migration");
      runner = await setUpAuthTables(ctx.engine);
    });
    after(async () => {
      ctx.engine.setLog(undefined);
      await tearDownAuthTables(runner);
      await ctx.dropTables("piccolo_migration");
    });
    beforeEach(async () => {
      await BaseUser.delete({ force: true });
      BaseUser.hasher = new PasswordHasher({ iterations: TEST_ITERATIONS });
    });

    it("createUser stores a salted hash in the secret column; select() and toJSON() leave it out", async () => {
      const user = await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      expect(user.id).to.be.a("number");
      expect(user.active).to.equal(true);
      const [row] = (await ctx.engine.rawQuery("SELECT password, first_name FROM piccolo_user")) as {
        password: string;
        first_name: string | null;
      }[];
      expect(row!.password).to.match(new RegExp(`^pbkdf2_sha256\\$${TEST_ITERATIONS}\\$[0-9a-f]{32}\\$[0-9a-f]{64}$`));
      expect(row!.password).to.not.contain("analytical");
      expect(row!.first_name).to.equal(null);
      expect(Object.keys((await BaseUser.select())[0]!)).to.not.include("password");
      expect(JSON.stringify(user)).to.not.contain("pbkdf2");
    });

    it("login returns the id for the right password, sets lastLogin, and null otherwise", async () => {
      const user = await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      expect(await BaseUser.login("ada", "wrong-password")).to.equal(null);
      expect((await BaseUser.find("ada"))!.lastLogin).to.equal(null);
      expect(await BaseUser.login("ada", "analytical")).to.equal(user.id);
      expect((await BaseUser.find(user.id))!.lastLogin).to.be.instanceOf(Date);
      expect(await BaseUser.login("ADA", "analytical")).to.equal(null);
    });

    it("an inactive user cannot log in, even with the right password", async () => {
      await BaseUser.createUser({ username: "off", password: "switched-off", email: "off@example.com", active: false });
      expect(await BaseUser.login("off", "switched-off")).to.equal(null);
    });

    it("timing-safe: a missing user, a wrong password and a right one each cost exactly one PBKDF2 derivation", async () => {
      await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      const hasher = new CountingHasher({ iterations: TEST_ITERATIONS });
      BaseUser.hasher = hasher;
      const cost = async (username: string, password: string) => {
        const before = hasher.derivations;
        await BaseUser.login(username, password);
        return hasher.derivations - before;
      };
      expect(await cost("nobody", "analytical")).to.equal(1);
      expect(await cost("ada", "wrong-password")).to.equal(1);
      expect(await cost("ada", "analytical")).to.equal(1);
      expect(await cost("x".repeat(500), "analytical")).to.equal(1);
    });

    it("timing-safe, loosely measured: a missing user takes about as long as a wrong password", async function () {
      this.timeout(30_000);
      await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      BaseUser.hasher = new PasswordHasher({ iterations: 50_000 });
      const time = async (username: string) => {
        const started = performance.now();
        for (let i = 0; i < 3; i++) await BaseUser.login(username, "wrong-password");
        return performance.now() - started;
      };
      const missing = await time("nobody");
      const existing = await time("ada");
      // Without the dummy hash a missing user would answer in a query's time, a small fraction of the hash's.
      expect(missing / existing).to.be.greaterThan(0.3);
    });

    it("upgrades a hash made with other iterations at the next successful login", async () => {
      const user = await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      const stored = async () =>
        ((await ctx.engine.rawQuery("SELECT password FROM piccolo_user")) as { password: string }[])[0]!.password;
      const old = await stored();
      BaseUser.hasher = new PasswordHasher({ iterations: 2_000 });
      expect(await BaseUser.login("ada", "wrong-password")).to.equal(null);
      expect(await stored()).to.equal(old);
      expect(await BaseUser.login("ada", "analytical")).to.equal(user.id);
      const upgraded = await stored();
      expect(parseHash(upgraded)!.iterations).to.equal(2_000);
      expect(await BaseUser.login("ada", "analytical")).to.equal(user.id);
      expect(await stored()).to.equal(upgraded);
    });

    it("password rules: min length, max length and not the username, every broken rule listed; nothing written", async () => {
      const short = await validationError(
        BaseUser.createUser({ username: "ada", password: "ada", email: "a@example.com" }),
      );
      expect(short.code).to.equal("PICCOLO_INVALID_PASSWORD");
      expect(short.fields).to.deep.equal([
        {
          field: "password",
          constraints: {
            minLength: "the password must have at least 8 characters",
            notUsername: "the password must not be the username",
          },
        },
      ]);
      const same = await validationError(
        BaseUser.createUser({ username: "longname1", password: "LONGNAME1", email: "a@example.com" }),
      );
      expect(Object.keys(same.fields[0]!.constraints)).to.deep.equal(["notUsername"]);
      const long = await validationError(
        BaseUser.createUser({ username: "ada", password: "x".repeat(300), email: "a@example.com" }),
      );
      expect(Object.keys(long.fields[0]!.constraints)).to.deep.equal(["maxLength"]);
      expect(long.message).to.not.contain("xxxx");
      expect(await BaseUser.count()).to.equal(0);
    });

    it("updatePassword by username or id checks the rules; an unknown user is PICCOLO_USER_NOT_FOUND", async () => {
      const user = await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      await BaseUser.updatePassword("ada", "difference-engine");
      expect(await BaseUser.login("ada", "analytical")).to.equal(null);
      expect(await BaseUser.login("ada", "difference-engine")).to.equal(user.id);
      await BaseUser.updatePassword(user.id, "third-password");
      expect(await BaseUser.login("ada", "third-password")).to.equal(user.id);
      await validationError(BaseUser.updatePassword("ada", "short"));
      let error: unknown;
      await BaseUser.updatePassword("nobody", "long-enough").catch((e: unknown) => (error = e));
      expect(error).to.have.property("code", "PICCOLO_USER_NOT_FOUND");
    });

    it("setPassword hashes onto an instance that save() writes", async () => {
      const user = new BaseUser({ username: "grace", email: "grace@example.com", active: true });
      await (await user.setPassword("compiler-1952")).save();
      expect(await BaseUser.login("grace", "compiler-1952")).to.equal(user.id);
    });

    it("the query log never shows a password or its hash", async () => {
      const entries: QueryLogEntry[] = [];
      ctx.engine.setLog((entry) => entries.push(entry));
      try {
        await BaseUser.createUser({ username: "ada", password: "plaintext-secret", email: "ada@example.com" });
        await BaseUser.login("ada", "plaintext-secret");
        await BaseUser.updatePassword("ada", "another-secret");
        BaseUser.hasher = new PasswordHasher({ iterations: 1_500 });
        await BaseUser.login("ada", "another-secret"); // upgrades the hash: an UPDATE with the new one
      } finally {
        ctx.engine.setLog(undefined);
      }
      const logged = JSON.stringify(entries.map((e) => [e.sql, e.params]));
      expect(entries.length).to.be.greaterThan(4);
      expect(logged).to.contain("[secret]");
      expect(logged).to.not.match(/plaintext-secret|another-secret|pbkdf2_sha256/);
    });

    it("usernames and emails are unique", async () => {
      await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" });
      let error: unknown;
      await BaseUser.createUser({ username: "ada", password: "analytical", email: "other@example.com" }).catch(
        (e: unknown) => (error = e),
      );
      expect(error).to.have.property("code", "PICCOLO_UNIQUE_VIOLATION");
    });
  },
  { requires: ["serialKeys"], also: ["cockroach"] },
);
