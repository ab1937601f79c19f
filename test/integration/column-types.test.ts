import { expect } from "chai";
import { randomBytes } from "node:crypto";
import {
  ArrayColumn,
  BigIntColumn,
  BooleanColumn,
  Bytea,
  Cast,
  DatabaseError,
  DateColumn,
  Email,
  Engine,
  Integer,
  Interval,
  JSONB,
  JSONColumn,
  Numeric,
  OrmError,
  Secret,
  Table,
  Text,
  Time,
  Timestamp,
  Timestamptz,
  UnsupportedFeatureError,
  UUID,
  UniqueViolationError,
  ValidationError,
  Varchar,
  column,
  not,
  table,
  uuid7,
  type ColumnRef,
  type QueryLogEntry,
} from "../../lib";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine, onlyEngines, requireCapability } from "../support/engines";

enum Genre {
  Rock = "rock",
  Jazz = "jazz",
  Folk = "folk",
}

enum Size {
  Small = 1,
  Large = 2,
}

function defineTables(db: Engine) {
  /** One nullable column of each new scalar type, and constant defaults the database applies. */
  @table({ db, tablename: "ct_value" })
  class Value extends Table<Value>() {
    @column(Interval({ null: true })) duration!: number | null;
    @column(Time({ null: true })) at!: string | null;
    @column(Bytea({ null: true })) data!: Uint8Array | null;
    @column(Email({ null: true, length: 40 })) email!: string | null;
    @column(Interval({ default: 90_000.5 })) timeout!: number;
    @column(Bytea({ default: Buffer.from([0xca, 0xfe]) })) magic!: Uint8Array;
    @column(ArrayColumn(Varchar({ length: 10 }), { default: ["new", "it's"] })) labels!: string[];
  }

  /** An array column per element type. */
  @table({ db, tablename: "ct_array" })
  class Arr extends Table<Arr>() {
    @column(Varchar({ length: 10, null: true })) name!: string | null;
    @column(ArrayColumn(Integer({ null: true }), { null: true })) ints!: (number | null)[] | null;
    @column(ArrayColumn(Varchar({ length: 20 }))) tags!: string[];
    @column(ArrayColumn(BigIntColumn(), { null: true })) bigs!: bigint[] | null;
    @column(ArrayColumn(Numeric(), { null: true })) nums!: string[] | null;
    @column(ArrayColumn(DateColumn(), { null: true })) days!: string[] | null;
    @column(ArrayColumn(Timestamp(), { null: true })) stamps!: Date[] | null;
    @column(ArrayColumn(Timestamptz(), { null: true })) stampsTz!: Date[] | null;
    @column(ArrayColumn(BooleanColumn(), { null: true })) flags!: boolean[] | null;
    @column(ArrayColumn(Interval(), { null: true })) durations!: number[] | null;
    @column(ArrayColumn(Time(), { null: true })) clocks!: string[] | null;
    @column(ArrayColumn(UUID(), { null: true })) uuids!: string[] | null;
    @column(ArrayColumn(Text(), { null: true })) texts!: string[] | null;
  }

  @table({ db, tablename: "ct_doc" })
  class Doc extends Table<Doc>() {
    @column(Integer()) n!: number;
    @column(JSONB({ null: true })) data!: unknown;
    @column(JSONColumn({ null: true })) plain!: unknown;
  }

  @table({ db, tablename: "ct_user" })
  class User extends Table<User>() {
    @column(Varchar({ length: 20, unique: true })) username!: string;
    @column(Secret()) password!: Secret<string>;
    @column(Integer({ secret: true, default: 0 })) pin!: Secret<number>;
  }

  @table({ db, tablename: "ct_choice" })
  class Choice extends Table<Choice>() {
    @column(Varchar({ length: 10, choices: Genre, default: Genre.Rock })) genre!: Genre;
    @column(Integer({ choices: Size, default: Size.Small })) size!: Size;
  }

  @table({ db, tablename: "ct_token" })
  class Token extends Table<Token, null>() {
    @column(UUID({ primaryKey: true, default: uuid7 })) id!: string;
    @column(Integer()) seq!: number;
  }

  return { Value, Arr, Doc, User, Choice, Token };
}

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeEachEngine(
  "column types",
  (ctx) => {
    let t: ReturnType<typeof defineTables>;
    const tableNames = ["ct_value", "ct_array", "ct_doc", "ct_user", "ct_choice", "ct_token"];

    before(async () => {
      t = defineTables(ctx.engine);
      await ctx.dropTables(...tableNames);
      for (const cls of Object.values(t)) await cls.createTable();
    });
    after(() => ctx.dropTables(...tableNames));

    /** Writes each value into one column, then reads it back through returning(), select() and objects(). */
    async function roundTrip<C extends typeof t.Value | typeof t.Arr>(
      cls: C,
      prop: string,
      values: unknown[],
      expected: unknown[] = values,
    ): Promise<void> {
      const Cls = cls as unknown as typeof t.Value;
      const ref = (Cls.c as unknown as Record<string, ColumnRef<unknown>>)[prop]!;
      await Cls.delete({ force: true });
      const returned = await Cls.insert(...values.map((v) => ({ [prop]: v }))).returning(ref);
      const selected = await Cls.select(ref).orderBy(Cls.c.id);
      const objects = await Cls.objects().orderBy(Cls.c.id);
      expect(
        returned.map((r) => (r as Record<string, unknown>)[prop]),
        "returning()",
      ).to.deep.equal(expected);
      expect(
        selected.map((r) => (r as Record<string, unknown>)[prop]),
        "select()",
      ).to.deep.equal(expected);
      expect(
        objects.map((o) => (o as unknown as Record<string, unknown>)[prop]),
        "objects()",
      ).to.deep.equal(expected);
    }

    describe("Interval: milliseconds, exact to the microsecond", () => {
      it("round-trips whole and fractional milliseconds, negative and very long durations", async () => {
        const week = 7 * 86_400_000;
        await roundTrip(t.Value, "duration", [
          0,
          1,
          90 * 60_000,
          1.5,
          0.001,
          -2500.25,
          400 * 86_400_000 + 0.999,
          // eslint-disable-next-line no-loss-of-precision -- the nearest double is the value under test
          9_007_199_254_740.991,
          Number.MAX_SAFE_INTEGER,
          week,
          null,
        ]);
      });

      it("rounds to whole microseconds on write, identically on both engines", async () => {
        await roundTrip(t.Value, "duration", [1.0004, 1.0006, -0.0004], [1, 1.001, 0]);
      });

      it("compares and orders as durations", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        await Value.insert({ duration: 60_000 }, { duration: 3_600_000 }, { duration: 999.5 });
        const over = await Value.select(Value.c.duration).where(Value.c.duration.gt(60_000)).orderBy(Value.c.duration);
        expect(over).to.deep.equal([{ duration: 3_600_000 }]);
        const sorted = await Value.select(Value.c.duration).orderBy(Value.c.duration.desc());
        expect(sorted.map((r) => r.duration)).to.deep.equal([3_600_000, 60_000, 999.5]);
        expect(await Value.count().where(Value.c.duration.between(999.5, 60_000))).to.equal(2);
      });

      it("refuses what is not a finite number of milliseconds", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        for (const bad of ["1 hour", Number.NaN, Infinity, 2 ** 60, 10n, { hours: 1 }]) {
          const error = await caught(() => Value.insert({ duration: bad as never }));
          expect(error, String(bad))
            .to.be.instanceOf(ValidationError)
            .with.property("message")
            .match(/ct_value\.duration.*milliseconds/);
        }
        expect(await Value.count()).to.equal(0);
      });

      it("reads PostgreSQL intervals with days, months and years as EXTRACT(EPOCH) counts them", async function () {
        onlyEngines(this, ctx, "postgres");
        const { Value } = t;
        await Value.delete({ force: true });
        const texts = [
          "1 year 2 mons 3 days 04:05:06.789012",
          "-1 days +00:00:00.5",
          "1 mon -1 days",
          "-3 years",
          "2562047788:00:54.775807",
        ];
        for (const text of texts)
          await ctx.engine.rawQuery("INSERT INTO ct_value (duration) VALUES (CAST({} AS INTERVAL))", [text]);
        const expected = await ctx.engine.rawQuery(
          "SELECT CAST(EXTRACT(EPOCH FROM duration) * 1000 AS TEXT) AS ms FROM ct_value ORDER BY id",
        );
        const rows = await Value.select(Value.c.duration).orderBy(Value.c.id);
        expect(rows.map((r) => r.duration)).to.deep.equal(expected.map((r) => Number(r.ms)));
      });

      it("stores PostgreSQL interval and SQLite REAL columns", async () => {
        const sql = t.Value.createTable().toSQL().sql;
        expect(sql).to.contain(ctx.family === "postgres" ? '"duration" INTERVAL' : '"duration" REAL');
        expect(sql).to.contain(
          ctx.family === "postgres"
            ? `"timeout" INTERVAL NOT NULL DEFAULT '90000500 microseconds'`
            : '"timeout" REAL NOT NULL DEFAULT 90000.5',
        );
      });
    });

    describe("Time: HH:MM:SS[.ffffff] text", () => {
      it("round-trips midnight, the last microsecond and 24:00", async () => {
        await roundTrip(t.Value, "at", [
          "00:00:00",
          "23:59:59.999999",
          "14:30:00.5",
          "24:00:00",
          "08:05:09.000001",
          null,
        ]);
      });

      it("stores the form PostgreSQL prints: seconds always, no trailing zeros", async () => {
        const noon = new Date("2024-05-01T12:34:56.780Z");
        await roundTrip(
          t.Value,
          "at",
          ["14:30", "14:30:00.500", "09:00:00.000000", noon],
          ["14:30:00", "14:30:00.5", "09:00:00", "12:34:56.78"],
        );
      });

      it("compares in time order", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        await Value.insert({ at: "09:00" }, { at: "12:00:00.25" }, { at: "12:00:00.5" }, { at: "23:00" });
        const afternoon = await Value.select(Value.c.at).where(Value.c.at.gt("12:00:00.3")).orderBy(Value.c.at);
        expect(afternoon.map((r) => r.at)).to.deep.equal(["12:00:00.5", "23:00:00"]);
      });

      it("refuses impossible times", async () => {
        for (const bad of ["25:00", "12:60", "1:00", "12:00:00.1234567", "noon", 1200]) {
          expect(await caught(() => t.Value.insert({ at: bad as never })), String(bad)).to.be.instanceOf(
            ValidationError,
          );
        }
      });
    });

    describe("Bytea: Buffer", () => {
      it("round-trips bytes, empty data and 64 KiB of noise", async () => {
        const noise = randomBytes(65536);
        await roundTrip(t.Value, "data", [
          Buffer.from([0, 1, 2, 254, 255]),
          Buffer.alloc(0),
          noise,
          Buffer.from("héllo"),
          null,
        ]);
      });

      it("takes any Uint8Array and gives a Buffer back; filters on bytes", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        await Value.insert({ data: new Uint8Array([9, 8, 7]) }, { data: Buffer.from([1]) });
        const [row] = await Value.select(Value.c.data).where(Value.c.data.eq(Buffer.from([9, 8, 7])));
        expect(Buffer.isBuffer(row!.data)).to.equal(true);
        expect(row!.data).to.deep.equal(Buffer.from([9, 8, 7]));
        expect(await caught(() => Value.insert({ data: "bytes" as never }))).to.be.instanceOf(ValidationError);
      });

      it("applies constant defaults in the database: bytes, intervals and arrays", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        await ctx.engine.rawQuery("INSERT INTO ct_value (email) VALUES (NULL)");
        const [row] = await Value.select(Value.c.magic, Value.c.timeout, Value.c.labels);
        expect(row).to.deep.equal({ magic: Buffer.from([0xca, 0xfe]), timeout: 90_000.5, labels: ["new", "it's"] });
      });
    });

    describe("Email", () => {
      it("accepts addresses and refuses anything else, before anything is written", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        const good = ["ann@example.com", "o'brien+tag@mail.example.co.uk", "a@localhost", "x_y.z@sub-domain.io"];
        await roundTrip(Value, "email", [...good, null]);
        await Value.delete({ force: true });
        for (const bad of [
          "ann",
          "ann@",
          "@example.com",
          "a b@example.com",
          "ann@-example.com",
          "ann@exa mple.com",
          `${"a".repeat(30)}@example.com`,
          42,
        ]) {
          const error = await caught(() => Value.insert({ email: bad as never }));
          expect(error, String(bad))
            .to.be.instanceOf(ValidationError)
            .with.property("message")
            .match(/e-mail address/);
        }
        expect(await Value.count().where(Value.c.email.isNotNull())).to.equal(0);
      });

      it("is a VARCHAR; comparisons take any string", async () => {
        const { Value } = t;
        await Value.delete({ force: true });
        expect(Value.createTable().toSQL().sql).to.contain('"email" VARCHAR(40)');
        await Value.insert({ email: "ann@example.com" });
        expect(await Value.count().where(Value.c.email.eq("not an address"))).to.equal(0);
        expect(await Value.count().where(Value.c.email.like("%@example.com"))).to.equal(1);
        expect(() => Email({ nul: true } as never)).to.throw(
          OrmError,
          /Email has no option "nul". Did you mean "null"\?/,
        );
      });
    });

    describe("Secret", () => {
      beforeEach(() => t.User.delete({ force: true }));

      it("is left out of select() and toDict(), and returned when named", async function () {
        requireCapability(this, ctx, "sequentialKeys"); // asserts sample keys as literals
        const { User } = t;
        await User.insert({ username: "ann", password: "hunter2", pin: 1234 });
        expect(await User.select()).to.deep.equal([{ id: (await User.select(User.c.id))[0]!.id, username: "ann" }]);
        expect(await User.select(User.c.username, User.c.password, User.c.pin)).to.deep.equal([
          { username: "ann", password: "hunter2", pin: 1234 },
        ]);
        const user = (await User.objects().first())!;
        expect(user.password).to.equal("hunter2");
        expect(user.toDict()).to.deep.equal({ id: user.id, username: "ann" });
        expect(user.toDict(User.c.password)).to.deep.equal({ password: "hunter2" });
        expect(JSON.parse(JSON.stringify(user))).to.deep.equal({ id: user.id, username: "ann" });
      });

      it("is loaded by objects(), so that save() keeps it", async () => {
        const { User } = t;
        await User.insert({ username: "bob", password: "s3cret" });
        const user = (await User.objects().get(User.c.username.eq("bob")))!;
        user.username = "robert";
        await user.save();
        expect(await User.select(User.c.username, User.c.password)).to.deep.equal([
          { username: "robert", password: "s3cret" },
        ]);
        expect(await User.count().where(User.c.password.eq("s3cret"))).to.equal(1);
      });

      it("marks its bound parameters for redaction", () => {
        const { User } = t;
        expect(User.insert({ username: "ann", password: "hunter2", pin: 7 }).toSQL().secretParams).to.deep.equal([
          1, 2,
        ]);
        expect(User.update({ password: "x" }).where(User.c.password.eq("y")).toSQL().secretParams).to.deep.equal([
          0, 1,
        ]);
        expect(User.select().where(User.c.username.eq("ann")).toSQL().secretParams).to.equal(undefined);
      });

      it("is redacted in query logs", async () => {
        const { User } = t;
        const entries: QueryLogEntry[] = [];
        ctx.engine.setLog((entry) => entries.push(entry));
        try {
          await User.insert({ username: "ann", password: "hunter2" });
        } finally {
          ctx.engine.setLog(false);
        }
        const insert = entries.find((e) => /INSERT/.test(e.sql))!;
        expect(insert.params).to.include("ann").and.include("[secret]").and.not.include("hunter2");
      });

      it("is redacted in DatabaseError.params", async () => {
        const { User } = t;
        await User.insert({ username: "ann", password: "hunter2" });
        const error = await caught(() => User.insert({ username: "ann", password: "letmein" }));
        expect(error).to.be.instanceOf(UniqueViolationError);
        const params = (error as DatabaseError).params;
        expect(params).to.include("ann").and.not.include("letmein");
        expect(JSON.stringify(params)).to.not.contain("letmein");
      });
    });

    describe("choices from TypeScript enums", () => {
      beforeEach(() => t.Choice.delete({ force: true }));

      it("accepts the enum's values and refuses others, naming the choices", async () => {
        const { Choice } = t;
        await Choice.insert({ genre: Genre.Jazz, size: Size.Large }, {});
        expect(await Choice.select(Choice.c.genre, Choice.c.size).orderBy(Choice.c.id)).to.deep.equal([
          { genre: "jazz", size: 2 },
          { genre: "rock", size: 1 },
        ]);
        const badGenre = await caught(() => Choice.insert({ genre: "polka" as Genre }));
        expect(badGenre)
          .to.be.instanceOf(ValidationError)
          .with.property("message")
          .match(/one of "rock", "jazz", "folk"\.$/);
        // A numeric enum also maps values to names (Size[1] === "Small"): the names are not choices.
        const badSize = await caught(() => Choice.insert({ size: 3 as Size }));
        expect(badSize)
          .to.be.instanceOf(ValidationError)
          .with.property("message")
          .match(/one of 1, 2\.$/);
        expect(await caught(() => Choice.insert({ size: "Small" as never }))).to.be.instanceOf(ValidationError);
        expect(await Choice.count()).to.equal(2);
      });

      it("filters with enum values", async () => {
        const { Choice } = t;
        await Choice.insert({ genre: Genre.Folk }, { genre: Genre.Rock, size: Size.Large });
        expect(await Choice.select(Choice.c.genre).where(Choice.c.size.eq(Size.Large))).to.deep.equal([
          { genre: Genre.Rock },
        ]);
        expect(await Choice.count().where(Choice.c.genre.isIn([Genre.Folk, Genre.Jazz]))).to.equal(1);
      });
    });

    describe("UUID v7 generated client-side", () => {
      it("keys rows in creation order", async () => {
        const { Token } = t;
        await Token.delete({ force: true });
        const rows = Array.from({ length: 200 }, (_, seq) => new Token({ seq }));
        for (const row of rows) expect(row.id).to.match(uuidV7);
        await Token.insert(...rows);
        const byId = await Token.select(Token.c.seq).orderBy(Token.c.id);
        expect(byId.map((r) => r.seq)).to.deep.equal(rows.map((_, i) => i));
        const stamp = parseInt(rows[0]!.id.replace(/-/g, "").slice(0, 12), 16);
        expect(Math.abs(stamp - Date.now())).to.be.lessThan(60_000);
      });
    });

    describe("ArrayColumn", () => {
      it("round-trips every element type", async () => {
        const { Arr } = t;
        await roundTrip(Arr, "ints", [[1, 2, 3], [], [-2147483648, 2147483647], [1, null, 3], null]);
        await roundTrip(Arr, "tags", [
          ["rock", "jazz"],
          [],
          ["a,b", "{x}", '"quoted"', "back\\slash", "it's", "NULL", "ünï 🎸", " spaced "],
        ]);
        await roundTrip(Arr, "bigs", [[9007199254740993n, -9223372036854775808n, 9223372036854775807n, 0n], []]);
        await roundTrip(Arr, "nums", [["12345678901234567890.123456789", "0.10", "-0.5"]]);
        await roundTrip(Arr, "days", [["2024-02-29", "1999-12-31"]]);
        const instants = [new Date("2024-02-29T23:59:59.999Z"), new Date("1970-01-01T00:00:00.001Z")];
        await roundTrip(Arr, "stamps", [instants]);
        await roundTrip(Arr, "stampsTz", [instants]);
        await roundTrip(Arr, "flags", [[true, false, true], []]);
        await roundTrip(Arr, "durations", [[0, 1.5, -60_000, 86_400_000.001]]);
        await roundTrip(Arr, "clocks", [["00:00:00", "14:30:00.5", "23:59:59.999999"]]);
        await roundTrip(Arr, "uuids", [["3f2b8c1e-0d4a-4c7e-9a65-2f0b7d1c9e44"]]);
        await roundTrip(Arr, "texts", [["line\nbreak", "tab\there", ""]]);
      });

      it("checks every element, and refuses nulls unless the element type allows them", async () => {
        const { Arr } = t;
        await Arr.delete({ force: true });
        const wrongType = await caught(() => Arr.insert({ tags: ["ok", 5 as never] }));
        expect(wrongType)
          .to.be.instanceOf(ValidationError)
          .with.property("message")
          .match(/element 1/);
        expect(await caught(() => Arr.insert({ tags: ["x".repeat(21)] }))).to.be.instanceOf(ValidationError);
        expect(await caught(() => Arr.insert({ tags: ["ok", null as never] })))
          .to.be.instanceOf(ValidationError)
          .with.property("message")
          .match(/without nulls/);
        expect(await caught(() => Arr.insert({ tags: "rock" as never }))).to.be.instanceOf(ValidationError);
        expect(await Arr.count()).to.equal(0);
        expect(() => ArrayColumn(JSONB() as never)).to.throw(OrmError, /ArrayColumn cannot hold "jsonb" elements/);
        expect(() => ArrayColumn(ArrayColumn(Integer()) as never)).to.throw(OrmError, /cannot hold "array" elements/);
      });

      describe("operators", () => {
        beforeEach(async () => {
          const { Arr } = t;
          await Arr.delete({ force: true });
          await Arr.insert(
            { name: "a", ints: [1, 2, 3], tags: ["rock", "jazz"], flags: [true, true], bigs: [9007199254740993n] },
            { name: "b", ints: [2, 2], tags: ["folk"], flags: [false], bigs: [] },
            { name: "c", ints: [], tags: [], flags: [] },
            { name: "d", ints: [4, null], tags: ["rock"] },
            { name: "e", ints: null, tags: ["jazz", "rock", "rock"] },
          );
        });

        async function names(where: ReturnType<typeof t.Arr.c.ints.any>): Promise<string[]> {
          const rows = await t.Arr.select(t.Arr.c.name).where(where).orderBy(t.Arr.c.name);
          return rows.map((r) => r.name!);
        }

        it("contains: every value is an element (@> on PostgreSQL)", async () => {
          const { Arr } = t;
          expect(await names(Arr.c.tags.contains(["rock"]))).to.deep.equal(["a", "d", "e"]);
          expect(await names(Arr.c.tags.contains(["rock", "jazz"]))).to.deep.equal(["a", "e"]);
          expect(await names(Arr.c.tags.contains([]))).to.deep.equal(["a", "b", "c", "d", "e"]);
          expect(await names(Arr.c.ints.contains([2]))).to.deep.equal(["a", "b"]);
          // NULL elements equal nothing, and a NULL array contains nothing (nor does it not contain).
          expect(await names(Arr.c.ints.contains([null]))).to.deep.equal([]);
          expect(await names(not(Arr.c.ints.contains([2])))).to.deep.equal(["c", "d"]);
          expect(await names(Arr.c.flags.contains([false]))).to.deep.equal(["b"]);
          expect(await names(Arr.c.bigs.contains([9007199254740993n]))).to.deep.equal(["a"]);
          expect(await names(Arr.c.bigs.contains([9007199254740992n]))).to.deep.equal([]);
        });

        it("any and all, with SQL's three-valued logic", async () => {
          const { Arr } = t;
          expect(await names(Arr.c.tags.any("jazz"))).to.deep.equal(["a", "e"]);
          expect(await names(Arr.c.ints.any(4))).to.deep.equal(["d"]);
          expect(await names(not(Arr.c.ints.any(1)))).to.deep.equal(["b", "c"]);
          expect(await names(Arr.c.ints.all(2))).to.deep.equal(["b", "c"]);
          expect(await names(not(Arr.c.ints.all(4)))).to.deep.equal(["a", "b"]);
          expect(await names(Arr.c.tags.all("rock"))).to.deep.equal(["c", "d"]);
          expect(await names(Arr.c.flags.all(true))).to.deep.equal(["a", "c"]);
          expect(await names(Arr.c.flags.any(false))).to.deep.equal(["b"]);
          expect(await names(Arr.c.bigs.any(9007199254740993n))).to.deep.equal(["a"]);
        });

        it("cat: appends values in update(), and can be selected", async () => {
          const { Arr } = t;
          await Arr.update({ tags: Arr.c.tags.cat("live") }).where(Arr.c.name.eq("a"));
          await Arr.update({ tags: Arr.c.tags.cat(["x", "it's"]), ints: Arr.c.ints.cat([7, null]) }).where(
            Arr.c.name.isIn(["b", "e"]),
          );
          await Arr.update({ flags: Arr.c.flags.cat([false]) }).where(Arr.c.name.eq("a"));
          const rows = await Arr.select(Arr.c.name, Arr.c.tags, Arr.c.ints, Arr.c.flags)
            .where(Arr.c.name.isIn(["a", "b", "e"]))
            .orderBy(Arr.c.name);
          expect(rows).to.deep.equal([
            { name: "a", tags: ["rock", "jazz", "live"], ints: [1, 2, 3], flags: [true, true, false] },
            { name: "b", tags: ["folk", "x", "it's"], ints: [2, 2, 7, null], flags: [false] },
            { name: "e", tags: ["jazz", "rock", "rock", "x", "it's"], ints: [7, null], flags: null },
          ]);
          const both = await Arr.select(Arr.c.tags.cat(Arr.c.tags).as("twice")).where(Arr.c.name.eq("d"));
          expect(both).to.deep.equal([{ twice: ["rock", "rock"] }]);
          await Arr.update({ bigs: Arr.c.bigs.cat(9223372036854775807n) }).where(Arr.c.name.eq("a"));
          expect(await Arr.select(Arr.c.bigs).where(Arr.c.name.eq("a"))).to.deep.equal([
            { bigs: [9007199254740993n, 9223372036854775807n] },
          ]);
        });

        it("compiles to PostgreSQL array operators and SQLite json_each", () => {
          const { Arr } = t;
          expectSql(ctx, Arr.select(Arr.c.name).where(Arr.c.tags.any("rock")), {
            postgres: 'SELECT "ct_array"."name" FROM "ct_array" WHERE $1 = ANY ("ct_array"."tags")',
            sqlite:
              'SELECT "ct_array"."name" FROM "ct_array" WHERE CASE WHEN "ct_array"."tags" IS NULL THEN NULL ELSE ? IN (SELECT "value" FROM json_each("ct_array"."tags")) END',
          });
          const contains = Arr.select(Arr.c.name)
            .where(Arr.c.tags.contains(["rock"]))
            .toSQL();
          expect(contains.sql).to.contain(
            ctx.family === "postgres" ? '"ct_array"."tags" @> $1' : 'json_each("ct_array"."tags")',
          );
          expect(contains.params).to.deep.equal([ctx.family === "postgres" ? ["rock"] : '["rock"]']);
          const cat = Arr.update({ tags: Arr.c.tags.cat("x") })
            .where(Arr.c.name.eq("a"))
            .toSQL().sql;
          expect(cat).to.contain(
            ctx.family === "postgres" ? '"ct_array"."tags" || CAST($1 AS VARCHAR(20)[])' : "json_group_array(",
          );
        });

        it("are refused on other column types", () => {
          const { Arr } = t;
          // Absent from a varchar column's type; refused at run time for untyped callers.
          const name = Arr.c.name as unknown as { any(v: unknown): unknown; contains(v: unknown): unknown };
          expect(() => name.any("a")).to.throw(
            OrmError,
            /any\(\) works on array columns; ct_array\.name is a varchar column/,
          );
          expect(() => name.contains(["a"])).to.throw(OrmError, /contains\(\) works on array, JSON and JSONB columns/);
          expect(() => Arr.c.tags.any(5 as never)).to.throw(ValidationError);
        });
      });
    });

    describe("JSONB: -> / ->> access and containment", () => {
      const docs: [number, unknown][] = [
        [
          1,
          {
            genre: "rock",
            year: 1999,
            tags: ["a", "b"],
            members: [{ name: "Ann", age: 30 }, { name: "Bob" }],
            live: true,
            rating: 4.5,
            label: null,
            "a.b": "dotted",
          },
        ],
        [2, ["foo", "bar", 1, [1, 2]]],
        [3, "foo"],
        [4, 1],
        [6, { genre: "jazz", year: "1999" }],
        [7, null],
      ];

      before(async () => {
        const { Doc } = t;
        await Doc.delete({ force: true });
        await Doc.insert(...docs.map(([n, data]) => ({ n, data, plain: data })));
      });

      it("arrow() selects a JSON value at a path of keys and indexes", async () => {
        const { Doc } = t;
        const rows = await Doc.select(
          Doc.c.n,
          Doc.c.data.arrow("genre"),
          Doc.c.data.arrow("members", 0).as("first"),
          Doc.c.data.arrow("a.b").as("dotted"),
        )
          .where(Doc.c.n.isIn([1, 6]))
          .orderBy(Doc.c.n);
        expect(rows).to.deep.equal([
          { n: 1, "data->genre": "rock", first: { name: "Ann", age: 30 }, dotted: "dotted" },
          { n: 6, "data->genre": "jazz", first: null, dotted: null },
        ]);
        const last = await Doc.select(Doc.c.data.arrow(-1).as("last"), Doc.c.data.arrow(3, 1).as("deep")).where(
          Doc.c.n.eq(2),
        );
        expect(last).to.deep.equal([{ last: [1, 2], deep: 2 }]);
        const plain = await Doc.select(Doc.c.plain.arrow("members", 1, "name").as("name")).where(Doc.c.n.eq(1));
        expect(plain).to.deep.equal([{ name: "Bob" }]);
      });

      it("arrowText() gives text as PostgreSQL's ->> does, on both engines", async () => {
        const { Doc } = t;
        const [row] = await Doc.select(
          Doc.c.data.arrowText("genre").as("genre"),
          Doc.c.data.arrowText("year").as("year"),
          Doc.c.data.arrowText("live").as("live"),
          Doc.c.data.arrowText("rating").as("rating"),
          Doc.c.data.arrowText("label").as("label"),
          Doc.c.data.arrowText("missing").as("missing"),
          Doc.c.data.arrowText("members", 1, "name").as("name"),
          Doc.c.data.arrowText("tags").as("tags"),
        ).where(Doc.c.n.eq(1));
        const { tags, ...scalars } = row!;
        expect(scalars).to.deep.equal({
          genre: "rock",
          year: "1999",
          live: "true",
          rating: "4.5",
          label: null,
          missing: null,
          name: "Bob",
        });
        expect(JSON.parse(tags!)).to.deep.equal(["a", "b"]);
      });

      it("arrow() and arrowText() filter in where()", async () => {
        const { Doc } = t;
        const byText = await Doc.select(Doc.c.n).where(Doc.c.data.arrowText("genre").eq("rock"));
        expect(byText).to.deep.equal([{ n: 1 }]);
        const byJson = await Doc.select(Doc.c.n).where(Doc.c.data.arrow("year").eq(1999)).orderBy(Doc.c.n);
        expect(byJson).to.deep.equal([{ n: 1 }]);
        const byJsonString = await Doc.select(Doc.c.n).where(Doc.c.data.arrow("year").eq("1999"));
        expect(byJsonString).to.deep.equal([{ n: 6 }]);
        expect(await Doc.count().where(Doc.c.data.arrowText("members", 0, "name").like("A%"))).to.equal(1);
        // Numbers inside JSON compare as numbers once cast.
        const recent = await Doc.select(Doc.c.n)
          .where(Cast(Doc.c.data.arrowText("year"), Integer()).gt(1990))
          .orderBy(Doc.c.n);
        expect(recent).to.deep.equal([{ n: 1 }, { n: 6 }]);
      });

      it("compiles to -> / ->> on PostgreSQL and to JSON paths on SQLite", () => {
        const { Doc } = t;
        expectSql(
          ctx,
          Doc.select(Doc.c.data.arrow("members", 0)),
          {
            postgres:
              'SELECT "ct_doc"."data" -> CAST($1 AS TEXT) -> CAST($2 AS INTEGER) AS "data->members->0" FROM "ct_doc"',
            sqlite: 'SELECT "ct_doc"."data" -> ? AS "data->members->0" FROM "ct_doc"',
          },
          ctx.family === "postgres" ? ["members", 0] : ['$."members"[0]'],
        );
      });

      it("a key with a double quote cannot be a SQLite JSON path", async () => {
        const { Doc } = t;
        const query = Doc.select(Doc.c.data.arrow('say "hi"').as("x")).where(Doc.c.n.eq(1));
        if (ctx.family === "postgres") expect(await query).to.deep.equal([{ x: null }]);
        else expect(() => query.toSQL()).to.throw(UnsupportedFeatureError, /double quote/);
      });

      const containment: [unknown, number[]][] = [
        [{ genre: "rock" }, [1]],
        [{ year: 1999 }, [1]],
        [{ year: "1999" }, [6]],
        [{ tags: ["b"] }, [1]],
        [{ tags: "a" }, []],
        [{ members: [{ name: "Bob" }] }, [1]],
        [{ members: [{ name: "Bob", age: 30 }] }, []],
        [{ live: true }, [1]],
        [{ live: 1 }, []],
        [{ label: null }, [1]],
        [{ rating: 4.5 }, [1]],
        [{ genre: "rock", year: 1998 }, []],
        [{ "a.b": "dotted" }, [1]],
        [{}, [1, 6]],
        [[], [2]],
        [["foo"], [2]],
        ["foo", [2, 3]],
        [[[1]], [2]],
        [[1], [2]],
        [1, [2, 4]],
        [[null], []],
      ];

      it("contains() follows PostgreSQL's jsonb @> rules on both engines", async () => {
        const { Doc } = t;
        for (const [needle, expected] of containment) {
          const rows = await Doc.select(Doc.c.n).where(Doc.c.data.contains(needle)).orderBy(Doc.c.n);
          expect(
            rows.map((r) => r.n),
            JSON.stringify(needle),
          ).to.deep.equal(expected);
        }
        const negated = await Doc.select(Doc.c.n)
          .where(not(Doc.c.data.contains({ genre: "rock" })))
          .orderBy(Doc.c.n);
        expect(
          negated.map((r) => r.n),
          "not() leaves NULL documents out",
        ).to.deep.equal([2, 3, 4, 6]);
      });

      it("contains() works on JSON columns too, and compiles to @> on PostgreSQL", async () => {
        const { Doc } = t;
        const rows = await Doc.select(Doc.c.n).where(Doc.c.plain.contains({ members: [{ name: "Ann" }] }));
        expect(rows).to.deep.equal([{ n: 1 }]);
        expectSql(ctx, Doc.select(Doc.c.n).where(Doc.c.data.contains({ genre: "rock" })), {
          postgres: 'SELECT "ct_doc"."n" FROM "ct_doc" WHERE "ct_doc"."data" @> CAST($1 AS JSONB)',
          sqlite:
            'SELECT "ct_doc"."n" FROM "ct_doc" WHERE CASE WHEN "ct_doc"."data" IS NULL THEN NULL ELSE json_type("ct_doc"."data") = \'object\' AND ' +
            'EXISTS (SELECT 1 FROM json_each(json_extract("ct_doc"."data", \'$\')) AS "$j1" WHERE "$j1"."key" = ? AND "$j1"."type" = \'text\' AND "$j1"."value" = ?) END',
        });
      });

      it("arrow() and contains() are refused on other column types", () => {
        const { Doc } = t;
        expect(() => (Doc.c.n as unknown as ColumnRef<unknown>).arrow("x" as never)).to.throw(
          OrmError,
          /arrow\(\) works on JSON and JSONB columns; ct_doc\.n is an integer column/,
        );
        expect(() => Doc.c.data.arrow(1.5 as never)).to.throw(OrmError, /object keys and array indexes/);
      });
    });

    describe("type options", () => {
      it("every new type names the nearest option for a misspelt one", () => {
        const factories = { Interval, Time, Bytea, Email, Secret };
        for (const [name, factory] of Object.entries(factories)) {
          expect(() => (factory as (o: object) => unknown)({ nul: true }), name).to.throw(
            OrmError,
            new RegExp(`${name} has no option "nul". Did you mean "null"\\?`),
          );
        }
        expect(() => ArrayColumn(Integer(), { nul: true } as never)).to.throw(
          OrmError,
          /ArrayColumn has no option "nul"/,
        );
      });

      it("render the documented DDL", async () => {
        const sql = t.Arr.createTable().toSQL().sql;
        if (ctx.family === "postgres") {
          expect(sql)
            .to.contain('"tags" VARCHAR(20)[] NOT NULL')
            .and.contain('"bigs" BIGINT[]')
            .and.contain('"stampsTz" TIMESTAMPTZ[]');
          expect(t.Value.createTable().toSQL().sql)
            .to.contain('"at" TIME')
            .and.contain('"data" BYTEA')
            .and.contain(`"labels" VARCHAR(10)[] NOT NULL DEFAULT '{"new","it''s"}'`);
        } else {
          expect(sql).to.contain('"tags" TEXT NOT NULL').and.contain('"bigs" TEXT');
          expect(t.Value.createTable().toSQL().sql)
            .to.contain('"at" TEXT')
            .and.contain('"data" BLOB')
            .and.contain(`"magic" BLOB NOT NULL DEFAULT X'cafe'`);
        }
      });
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
