import { expect } from "chai";
import {
  ForeignKey,
  Integer,
  OrmError,
  Serial,
  Table,
  UniqueViolationError,
  Varchar,
  column,
  table,
  type Engine,
  type Ref,
} from "../../lib";
import { tableMetaOf } from "../../lib/table/metadata";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { keysByName } from "../support/keys";

/** A team (default id) and its members, keyed by (team, login): a composite primary key holding a foreign key. */
function keyTables(db: Engine) {
  @table({ db, tablename: "ck_team" })
  class Team extends Table<Team>() {
    @column(Varchar({ length: 20 })) name!: string;
  }

  @table({ db, tablename: "ck_member" })
  class Member extends Table<Member, null>() {
    @column(ForeignKey(() => Team, { primaryKey: true })) team!: Ref<Team>;
    @column(Varchar({ length: 20, primaryKey: true })) login!: string;
    @column(Integer({ default: 0 })) score!: number;
  }

  /** References a table with a composite key: not supported, a clear error. */
  @table({ db, tablename: "ck_badge" })
  class Badge extends Table<Badge>() {
    @column(ForeignKey(() => Member)) member!: Ref<Member, string> | null;
  }

  return { Team, Member, Badge };
}

describeEachEngine(
  "composite primary keys",
  (ctx) => {
    let t: ReturnType<typeof keyTables>;
    // The teams' keys (1, 2 where keys are sequential, checked so).
    let red: number;
    let blue: number;

    beforeEach(async () => {
      t = keyTables(ctx.engine);
      await ctx.dropTables("ck_badge", "ck_member", "ck_team");
      await t.Team.createTable();
      await t.Member.createTable();
      await t.Team.insert({ name: "Red" }, { name: "Blue" });
      ({ Red: red, Blue: blue } = keysByName(
        ctx,
        await t.Team.select(t.Team.c.id, t.Team.c.name).orderBy(t.Team.c.id),
        ["Red", "Blue"],
      ));
      await t.Member.insert(
        { team: red, login: "ann", score: 1 },
        { team: red, login: "bob", score: 2 },
        { team: blue, login: "ann", score: 3 },
      );
    });
    after(() => ctx.dropTables("ck_badge", "ck_member", "ck_team"));

    async function member(team: number, login: string) {
      const { Member } = t;
      return (await Member.objects().get(Member.c.team.eq(team).and(Member.c.login.eq(login))))!;
    }

    it("creates PRIMARY KEY (a, b) as a table-level clause, single Serial keys unchanged", () => {
      expectSql(ctx, t.Member.createTable(), {
        // The default key of a table declared with a CockroachEngine is a BigSerial; INTEGER is INT8 there.
        cockroach:
          'CREATE TABLE "ck_member" ("team" BIGINT NOT NULL REFERENCES "ck_team" ("id") ON DELETE CASCADE ON UPDATE CASCADE, "login" VARCHAR(20) NOT NULL, "score" INT8 NOT NULL DEFAULT 0, PRIMARY KEY ("team", "login"))',
        postgres:
          'CREATE TABLE "ck_member" ("team" INTEGER NOT NULL REFERENCES "ck_team" ("id") ON DELETE CASCADE ON UPDATE CASCADE, "login" VARCHAR(20) NOT NULL, "score" INTEGER NOT NULL DEFAULT 0, PRIMARY KEY ("team", "login"))',
        sqlite:
          'CREATE TABLE "ck_member" ("team" INTEGER NOT NULL REFERENCES "ck_team" ("id") ON DELETE CASCADE ON UPDATE CASCADE, "login" VARCHAR(20) NOT NULL, "score" INTEGER NOT NULL DEFAULT 0, PRIMARY KEY ("team", "login"))',
      });
      expectSql(ctx, t.Team.createTable(), {
        cockroach: 'CREATE TABLE "ck_team" ("id" INT8 DEFAULT unique_rowid() PRIMARY KEY, "name" VARCHAR(20) NOT NULL)',
        postgres: 'CREATE TABLE "ck_team" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(20) NOT NULL)',
        sqlite: 'CREATE TABLE "ck_team" ("id" INTEGER PRIMARY KEY, "name" VARCHAR(20) NOT NULL)',
      });
      expect(tableMetaOf(t.Member).primaryKeys.map((k) => k.property)).to.deep.equal(["team", "login"]);
    });

    it("the database refuses a second row with the same key", async () => {
      const error = await caught(() => t.Member.insert({ team: red, login: "ann" }));
      expect(error).to.be.instanceOf(UniqueViolationError);
      expect(await t.Member.count()).to.equal(3);
    });

    it("insert() returns every key column (or the returning() ones) and marks instances saved", async () => {
      const { Member } = t;
      const carl = new Member({ team: blue, login: "carl" });
      expect(await Member.insert(carl)).to.deep.equal([{ team: blue, login: "carl" }]);
      carl.score = 9;
      await carl.save();
      expect(await Member.select(Member.c.score).where(Member.c.login.eq("carl"))).to.deep.equal([{ score: 9 }]);
      expect(await Member.insert({ team: blue, login: "dora", score: 4 }).returning(Member.c.score)).to.deep.equal([
        { score: 4 },
      ]);
    });

    it("objects().get() by the full key, save() inserts then updates by the full key", async () => {
      const { Member } = t;
      const ann = await member(blue, "ann");
      expect(ann.toDict()).to.deep.equal({ team: blue, login: "ann", score: 3 });
      ann.score = 30;
      await ann.save();
      expect(await Member.select().orderBy(Member.c.team, Member.c.login)).to.deep.equal([
        { team: red, login: "ann", score: 1 },
        { team: red, login: "bob", score: 2 },
        { team: blue, login: "ann", score: 30 },
      ]);
      const eve = new Member({ team: red, login: "eve", score: 5 });
      await eve.save();
      eve.score = 6;
      await eve.save();
      expect(await Member.select(Member.c.score).where(Member.c.team.eq(red), Member.c.login.eq("eve"))).to.deep.equal([
        { score: 6 },
      ]);
      expect(await Member.count()).to.equal(4);
    });

    it("getOrCreate() finds by the full key or creates the row with it", async () => {
      const { Member } = t;
      const found = await Member.objects().getOrCreate(Member.c.team.eq(blue).and(Member.c.login.eq("ann")), {
        score: 99,
      });
      expect(found.toDict()).to.deep.equal({ team: blue, login: "ann", score: 3 });
      const made = await Member.objects().getOrCreate(Member.c.team.eq(blue).and(Member.c.login.eq("bob")), {
        score: 8,
      });
      expect(made.toDict()).to.deep.equal({ team: blue, login: "bob", score: 8 });
      made.score = 9;
      await made.save();
      expect(await Member.select(Member.c.score).where(Member.c.team.eq(blue), Member.c.login.eq("bob"))).to.deep.equal(
        [{ score: 9 }],
      );
    });

    it("save(columns), refresh() and remove() touch only the row with the full key", async () => {
      const { Member } = t;
      const ann = await member(red, "ann");
      await Member.update({ score: 11 }).where(Member.c.team.eq(red), Member.c.login.eq("ann"));
      await ann.refresh();
      expect(ann.score).to.equal(11);
      ann.score = 12;
      await ann.save("score");
      await ann.remove();
      expect(await Member.select().orderBy(Member.c.team, Member.c.login)).to.deep.equal([
        { team: red, login: "bob", score: 2 },
        { team: blue, login: "ann", score: 3 },
      ]);
      const missing = await caught(() => new Member({ login: "ann" }).remove());
      expect(missing.message).to.match(/Cannot remove a Member that has no primary key value yet/);
    });

    it("getRelated() and prefetch() follow a foreign key that is part of the key", async () => {
      const { Member, Team } = t;
      const members = await Member.objects().prefetch(Member.c.team).orderBy(Member.c.team, Member.c.login);
      const teams = await Promise.all(members.map((m) => m.getRelated(Member.c.team)));
      expect(teams.map((team) => team.name)).to.deep.equal(["Red", "Red", "Blue"]);
      expect(teams[0]).to.be.instanceOf(Team);
      const red = (await Team.objects().get(Team.c.name.eq("Red")))!;
      expect((await red.getReverse(Member.c.team)).map((m) => m.login)).to.deep.equal(["ann", "bob"]);
    });

    it("update() and delete() through a joined condition match rows by the whole key", async () => {
      const { Member } = t;
      const update = Member.update({ score: 0 }).where(Member.c.team.name.eq("Red"));
      expectSql(ctx, update, {
        postgres:
          'UPDATE "ck_member" SET "score" = $1 WHERE ("ck_member"."team", "ck_member"."login") IN (SELECT "ck_member"."team", "ck_member"."login" FROM "ck_member" LEFT JOIN "ck_team" AS "ck_member$team" ON "ck_member$team"."id" = "ck_member"."team" WHERE "ck_member$team"."name" = $2)',
        sqlite:
          'UPDATE "ck_member" SET "score" = ? WHERE ("ck_member"."team", "ck_member"."login") IN (SELECT "ck_member"."team", "ck_member"."login" FROM "ck_member" LEFT JOIN "ck_team" AS "ck_member$team" ON "ck_member$team"."id" = "ck_member"."team" WHERE "ck_member$team"."name" = ?)',
      });
      expect(await update).to.equal(2);
      expect(await Member.delete().where(Member.c.team.name.eq("Blue"))).to.equal(1);
      expect(await Member.select().orderBy(Member.c.login)).to.deep.equal([
        { team: red, login: "ann", score: 0 },
        { team: red, login: "bob", score: 0 },
      ]);
    });

    it("upserts on the key: doUpdate and doNothing targeting both columns", async () => {
      const { Member } = t;
      const key = [Member.c.team, Member.c.login];
      await Member.insert({ team: red, login: "ann", score: 50 }, { team: red, login: "zed", score: 7 }).onConflict({
        target: key,
        action: "doUpdate",
        values: [Member.c.score],
      });
      expect(
        await Member.insert({ team: red, login: "bob", score: 99 }).onConflict({ target: key, action: "doNothing" }),
      ).to.deep.equal([]);
      expect(await Member.select().where(Member.c.team.eq(red)).orderBy(Member.c.login)).to.deep.equal([
        { team: red, login: "ann", score: 50 },
        { team: red, login: "bob", score: 2 },
        { team: red, login: "zed", score: 7 },
      ]);
    });

    it("batch() and freeze() read composite-key tables", async () => {
      const { Member } = t;
      const chunks: number[] = [];
      for await (const rows of Member.objects().orderBy(Member.c.team, Member.c.login).batch({ size: 2 }))
        chunks.push(rows.length);
      expect(chunks).to.deep.equal([2, 1]);
      const frozen = Member.select(Member.c.login).where(Member.c.team.eq(red)).orderBy(Member.c.login).freeze();
      expect(await frozen).to.deep.equal([{ login: "ann" }, { login: "bob" }]);
    });

    it("a foreign key to a table with a composite key is a clear error naming what to do", async () => {
      const error = await caught(() => t.Badge.createTable());
      expect(error).to.be.instanceOf(OrmError);
      expect(error.message).to.equal(
        'A ForeignKey(() => Member) points at Member, whose primary key is composite (team, login); a foreign key over several columns is not supported. Give Member a single primary key (e.g. the default id, keeping (team, login) unique), or reference one of its unique columns with ForeignKey(() => Member, { targetColumn: "…" }).',
      );
    });

    it("a Serial column cannot be part of a composite key", () => {
      const error = (() => {
        try {
          @table({ db: ctx.engine, tablename: "ck_bad" })
          class Bad extends Table<Bad, null>() {
            @column(Serial({ primaryKey: true })) id!: number;
            @column(Integer({ primaryKey: true })) part!: number;
          }
          return Bad;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).to.be.instanceOf(OrmError);
      expect((error as Error).message).to.match(
        /composite primary key \(id, part\) that includes the Serial column id.*Use Integer/,
      );
    });
  },
  { also: ["sqlite3"] },
);
