import { expect } from "chai";
import {
  Char,
  DateColumn,
  Engine,
  Integer,
  OrmError,
  Table,
  Time,
  Timestamp,
  Timestamptz,
  Varchar,
  column,
  now,
  table,
} from "../../lib";
import { describeEachEngine } from "../support/engines";

function defineTables(db: Engine) {
  @table({ db, tablename: "da_post" })
  class Post extends Table<Post>() {
    @column(Varchar({ length: 50, unique: true })) title!: string;
    @column(Integer({ default: 7 })) stars!: number;
    @column(Timestamptz({ default: now })) createdAt!: Date;
    @column(Timestamp({ default: now })) seenAt!: Date;
    @column(DateColumn({ default: now })) day!: string;
    @column(Time({ default: now })) time!: string;
    @column(Timestamptz({ default: now, autoUpdate: now })) updatedAt!: Date;
    @column(Integer({ default: 0, autoUpdate: () => 1 })) revised!: number;
  }
  return { Post };
}

/** Now, give or take the time the statement took and the server's clock resolution. */
function nearNow(value: Date, before: number, after: number): boolean {
  return value.getTime() >= before - 1_000 && value.getTime() <= after + 1_000;
}

describeEachEngine(
  "database-side defaults and autoUpdate",
  (ctx) => {
    const drop = () => ctx.dropTables("da_post", "da_code");
    let t: ReturnType<typeof defineTables>;
    before(async () => {
      await drop();
      t = defineTables(ctx.engine);
      await t.Post.createTable();
    });
    after(drop);

    it("puts constant and now defaults into the schema, so a raw INSERT gets them, read back through the ORM", async () => {
      const { Post } = t;
      const sql = Post.createTable().toSQL().sql;
      // CockroachDB's INTEGER is INT8, which its dialect writes out.
      expect(sql).to.contain(`"stars" ${ctx.name === "cockroach" ? "INT8" : "INTEGER"} NOT NULL DEFAULT 7`);
      if (ctx.family === "postgres")
        expect(sql).to.contain('"createdAt" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP');
      else expect(sql).to.contain(`"createdAt" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
      const before = Date.now();
      await ctx.engine.rawQuery("INSERT INTO da_post (title) VALUES ('raw')");
      const after = Date.now();
      const row = (await Post.objects().get(Post.c.title.eq("raw")))!;
      expect(row.stars).to.equal(7);
      for (const value of [row.createdAt, row.seenAt, row.updatedAt]) {
        expect(value).to.be.instanceOf(Date);
        expect(nearNow(value, before, after), value.toISOString()).to.equal(true);
      }
      const iso = new Date(after).toISOString();
      expect(row.day).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect([new Date(before).toISOString().slice(0, 10), iso.slice(0, 10)]).to.include(row.day);
      expect(row.time).to.match(/^\d{2}:\d{2}:\d{2}$/);
      expect(Math.abs(Date.parse(`${iso.slice(0, 10)}T${row.time}Z`) - after) % 86_400_000).to.be.below(5_000);
      // SQLite holds exactly the text the codecs write (ISO with milliseconds and Z), so it compares and sorts with ORM-written rows.
      if (ctx.family !== "postgres") {
        const [stored] = await ctx.engine.rawQuery(
          'SELECT "createdAt", "seenAt", day, time FROM da_post WHERE title = \'raw\'',
        );
        expect(stored!.createdAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(stored!.seenAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      expect(
        await Post.count().where(
          Post.c.createdAt.gte(new Date(before - 1_000)),
          Post.c.createdAt.lte(new Date(after + 1_000)),
        ),
      ).to.equal(1);
    });

    it("ORM inserts fill now defaults client-side", async () => {
      const { Post } = t;
      const post = new Post({ title: "orm" });
      expect(post.createdAt).to.be.instanceOf(Date);
      await post.save();
      const back = (await Post.objects().get(Post.c.id.eq(post.id)))!;
      expect(back.createdAt.getTime()).to.equal(post.createdAt.getTime());
      expect(back.revised).to.equal(0);
    });

    it("autoUpdate sets the column on every update() unless the update sets it", async () => {
      const { Post } = t;
      const old = new Date("2020-01-01T00:00:00.000Z");
      await Post.update({ updatedAt: old, revised: 0 }).where(Post.c.title.eq("orm"));
      expect(await Post.select(Post.c.updatedAt, Post.c.revised).where(Post.c.title.eq("orm"))).to.deep.equal([
        { updatedAt: old, revised: 0 },
      ]);
      const before = Date.now();
      await Post.update({ stars: 8 }).where(Post.c.title.eq("orm"));
      const [row] = await Post.select(Post.c.updatedAt, Post.c.revised, Post.c.stars).where(Post.c.title.eq("orm"));
      expect(row!.stars).to.equal(8);
      expect(row!.revised).to.equal(1);
      expect(nearNow(row!.updatedAt, before, Date.now())).to.equal(true);
      const sql = Post.update({ stars: 9 }).where(Post.c.id.eq(1)).toSQL().sql;
      expect(sql).to.match(/SET "stars" = \S+, "updatedAt" = \S+, "revised" = \S+ WHERE/);
    });

    it("autoUpdate sets the column on instance save(), on the instance too, unless save() names it", async () => {
      const { Post } = t;
      const post = (await Post.objects().get(Post.c.title.eq("raw")))!;
      const old = new Date("2021-06-01T00:00:00.000Z");
      await Post.update({ updatedAt: old }).where(Post.c.id.eq(post.id));
      post.updatedAt = old;
      post.stars = 3;
      const before = Date.now();
      await post.save();
      expect(nearNow(post.updatedAt, before, Date.now())).to.equal(true);
      const back = (await Post.objects().get(Post.c.id.eq(post.id)))!;
      expect(back.updatedAt.getTime()).to.equal(post.updatedAt.getTime());
      expect(back.stars).to.equal(3);
      // save("stars") also refreshes the autoUpdate column; naming it keeps the given value.
      post.updatedAt = old;
      await post.save("stars", "updatedAt");
      expect((await Post.objects().get(Post.c.id.eq(post.id)))!.updatedAt).to.deep.equal(old);
    });

    it("autoUpdate sets the column when an upsert updates, unless its values set it", async () => {
      const { Post } = t;
      const old = new Date("2022-01-01T00:00:00.000Z");
      await Post.update({ updatedAt: old }).where(Post.c.title.eq("orm"));
      const before = Date.now();
      await Post.insert({ title: "orm", stars: 2 }).onConflict({
        target: Post.c.title,
        action: "doUpdate",
        values: [Post.c.stars],
      });
      const [row] = await Post.select(Post.c.stars, Post.c.updatedAt).where(Post.c.title.eq("orm"));
      expect(row!.stars).to.equal(2);
      expect(nearNow(row!.updatedAt, before, Date.now())).to.equal(true);
      await Post.insert({ title: "orm", stars: 4 }).onConflict({
        target: Post.c.title,
        action: "doUpdate",
        values: { stars: 4, updatedAt: old },
      });
      expect(await Post.select(Post.c.stars, Post.c.updatedAt).where(Post.c.title.eq("orm"))).to.deep.equal([
        { stars: 4, updatedAt: old },
      ]);
    });

    it("now on a column that holds no date or time is a clear error", () => {
      // @ts-expect-error: now is only for date and time columns
      expect(() => Integer({ default: now })).to.throw(OrmError, /only Timestamp, Timestamptz, DateColumn and Time/);
      // @ts-expect-error: now is only for date and time columns
      expect(() => Varchar({ autoUpdate: now })).to.throw(OrmError, /cannot take autoUpdate: now/);
    });

    it("Char(n) stores fixed-length text and reads it back without the padding blanks on every engine", async () => {
      @table({ db: ctx.engine, tablename: "da_code" })
      class Code extends Table<Code>() {
        @column(Char({ length: 4 })) code!: string;
        @column(Char({ length: 2, null: true })) short!: string | null;
      }
      await Code.createTable();
      expect(Code.createTable().toSQL().sql).to.contain('"code" CHAR(4) NOT NULL, "short" CHAR(2)');
      await Code.insert({ code: "ab", short: "x " }, { code: "abcd", short: null });
      await ctx.engine.rawQuery("INSERT INTO da_code (code) VALUES ('z  ')");
      expect(await Code.select(Code.c.code, Code.c.short).orderBy(Code.c.id)).to.deep.equal([
        { code: "ab", short: "x" },
        { code: "abcd", short: null },
        { code: "z", short: null },
      ]);
      expect(await Code.count().where(Code.c.code.eq("ab"))).to.equal(1);
      expect(await Code.count().where(Code.c.code.eq("ab  "))).to.equal(1);
      const tooLong = await Code.insert({ code: "abcde" })
        .run()
        .catch((e: unknown) => e);
      expect(tooLong).to.be.instanceOf(OrmError);
      expect((tooLong as Error).message).to.match(/at most 4 characters/);
    });
  },
  { also: ["sqlite3"] },
);
