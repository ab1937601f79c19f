import { expect } from "chai";
import type { MigrationRunner } from "../../lib";
import { BaseUser, Sessions, hashSessionToken } from "../../lib/auth";
import { setUpAuthTables, tearDownAuthTables } from "../support/auth";
import { describeEachEngine } from "../support/engines";

const HOUR = 60 * 60 * 1000;

describeEachEngine(
  "auth: Sessions",
  (ctx) => {
    let runner: MigrationRunner | undefined;
    let userId: number;
    before(async () => {
      await ctx.dropTables("piccolo_user", "sessions", "piccolo_migration");
      runner = await setUpAuthTables(ctx.engine);
      userId = (await BaseUser.createUser({ username: "ada", password: "analytical", email: "ada@example.com" })).id;
    });
    after(async () => {
      await tearDownAuthTables(runner);
      await ctx.dropTables("piccolo_migration");
    });
    beforeEach(() => Sessions.delete({ force: true }));

    const stored = async () =>
      (await ctx.engine.rawQuery("SELECT token_hash, user_id, expiry_date, max_expiry_date FROM sessions")) as {
        token_hash: string;
        user_id: number;
      }[];

    it("createSession gives a random 32-byte token and stores only its SHA-256", async () => {
      const { token, session } = await Sessions.createSession(userId);
      const other = await Sessions.createSession(userId);
      expect(Buffer.from(token, "base64url")).to.have.length(32);
      expect(other.token).to.not.equal(token);
      const rows = await stored();
      expect(rows.map((r) => r.token_hash).sort()).to.deep.equal(
        [hashSessionToken(token), hashSessionToken(other.token)].sort(),
      );
      expect(JSON.stringify(rows)).to.not.contain(token);
      expect(session.maxExpiryDate.getTime() - Date.now()).to.be.closeTo(14 * 24 * HOUR, 60_000);
    });

    it("getUserId and getUser find the session's user; unknown tokens give null", async () => {
      const { token } = await Sessions.createSession(userId);
      expect(await Sessions.getUserId(token)).to.equal(userId);
      expect((await Sessions.getUser(token))!.username).to.equal("ada");
      expect(await Sessions.getUserId("not-a-token")).to.equal(null);
      expect(await Sessions.getUserId("")).to.equal(null);
    });

    it("an inactive user's session gives no user", async () => {
      const { token } = await Sessions.createSession(userId);
      await BaseUser.update({ active: false }).where(BaseUser.c.id.eq(userId));
      try {
        expect(await Sessions.getUser(token)).to.equal(null);
      } finally {
        await BaseUser.update({ active: true }).where(BaseUser.c.id.eq(userId));
      }
    });

    it("expires after the idle timeout and after the max age; an expired session is deleted when used", async () => {
      const idle = await Sessions.createSession(userId, { idleTimeout: HOUR });
      await Sessions.update({ expiryDate: new Date(Date.now() - 1000) }).where(Sessions.c.id.eq(idle.session.id));
      expect(await Sessions.getUserId(idle.token)).to.equal(null);
      const old = await Sessions.createSession(userId);
      await Sessions.update({ maxExpiryDate: new Date(Date.now() - 1000) }).where(Sessions.c.id.eq(old.session.id));
      expect(await Sessions.getUserId(old.token)).to.equal(null);
      expect(await Sessions.count()).to.equal(0);
    });

    it("sliding renewal: use extends the idle expiry (once half of it passed), never past the max expiry", async () => {
      const { token, session } = await Sessions.createSession(userId, { idleTimeout: 2 * HOUR, maxAge: 3 * HOUR });
      const expiry = async () => (await Sessions.objects().get(Sessions.c.id.eq(session.id)))!.expiryDate.getTime();
      const first = await expiry();
      await Sessions.getUserId(token, { idleTimeout: 2 * HOUR });
      expect(await expiry()).to.equal(first); // fresh: not rewritten on every request
      await Sessions.update({ expiryDate: new Date(Date.now() + 10 * 60 * 1000) }).where(Sessions.c.id.eq(session.id));
      expect(await Sessions.getUserId(token, { idleTimeout: 2 * HOUR })).to.equal(userId);
      expect((await expiry()) - Date.now()).to.be.closeTo(2 * HOUR, 60_000);
      await Sessions.update({
        expiryDate: new Date(Date.now() + 60_000),
        maxExpiryDate: new Date(Date.now() + 30 * 60 * 1000),
      }).where(Sessions.c.id.eq(session.id));
      await Sessions.getUserId(token, { idleTimeout: 2 * HOUR });
      expect((await expiry()) - Date.now()).to.be.closeTo(30 * 60 * 1000, 60_000);
    });

    it("logout ends one session; logoutUser ends them all", async () => {
      const a = await Sessions.createSession(userId);
      const b = await Sessions.createSession(userId);
      await Sessions.logout(a.token);
      expect(await Sessions.getUserId(a.token)).to.equal(null);
      expect(await Sessions.getUserId(b.token)).to.equal(userId);
      await Sessions.createSession(userId);
      expect(await Sessions.logoutUser(userId)).to.equal(2);
      expect(await Sessions.count()).to.equal(0);
    });

    it("cleanExpired deletes only expired sessions", async () => {
      const live = await Sessions.createSession(userId);
      const idle = await Sessions.createSession(userId);
      const old = await Sessions.createSession(userId);
      await Sessions.update({ expiryDate: new Date(Date.now() - 1000) }).where(Sessions.c.id.eq(idle.session.id));
      await Sessions.update({ maxExpiryDate: new Date(Date.now() - 1000) }).where(Sessions.c.id.eq(old.session.id));
      expect(await Sessions.cleanExpired()).to.equal(2);
      expect(await Sessions.getUserId(live.token)).to.equal(userId);
    });

    it("refuses lifetimes that are not positive", async () => {
      let error: unknown;
      await Sessions.createSession(userId, { maxAge: -1 }).catch((e: unknown) => (error = e));
      expect(error).to.have.property("code", "PICCOLO_INVALID_SESSION_OPTION");
    });
  },
  { requires: ["serialKeys"], also: ["cockroach"] },
);
