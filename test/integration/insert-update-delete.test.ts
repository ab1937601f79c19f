import { expect } from "chai";
import { BooleanColumn, Engine, Integer, OrmError, Table, Timestamptz, Varchar, column, table } from "../../lib";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { expectKey, sampleKeys } from "../support/keys";

let serial = 0;
const stamp = new Date("2030-01-02T03:04:05.678Z");

/** A table whose columns take defaults of every kind. */
function defineGadget(db: Engine) {
  @table({ db, tablename: "iud_gadget" })
  class Gadget extends Table<Gadget>() {
    @column(Varchar({ length: 20 })) label!: string;
    @column(Integer({ default: 7 })) quantity!: number;
    @column(Varchar({ length: 20, default: () => `sn-${++serial}` })) serialNo!: string;
    @column(Timestamptz({ default: () => stamp })) madeAt!: Date;
    @column(BooleanColumn()) broken!: boolean;
    @column(Integer({ null: true })) rating!: number | null;
  }
  return Gadget;
}

describeEachEngine(
  "insert, update, delete",
  (ctx) => {
    const f = useSampleData(ctx, { perTest: true });
    // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let k: Awaited<ReturnType<typeof sampleKeys>>;
    beforeEach(async () => {
      k = await sampleKeys(ctx, f);
    });

    /** Every band as [name, popularity], by id. */
    async function bands(): Promise<[string, number][]> {
      const rows = await f.Band.select(f.Band.c.name, f.Band.c.popularity).orderBy(f.Band.c.id);
      return rows.map((r) => [r.name, r.popularity]);
    }
    const sample: [string, number][] = [
      ["Pythonistas", 1000],
      ["Rustaceans", 2000],
      ["C-Sharps", 10],
    ];

    describe("insert", () => {
      it("inserts many rows in one statement and gives instances their ids", async () => {
        const { Manager } = f;
        const a = new Manager({ name: "A" });
        const b = new Manager({ name: "B" });
        const query = Manager.insert(a, { name: "plain" }, b);
        expectSql(
          ctx,
          query,
          {
            postgres: 'INSERT INTO "manager" ("name") VALUES ($1), ($2), ($3) RETURNING "manager"."id"',
            sqlite: 'INSERT INTO "manager" ("name") VALUES (?), (?), (?) RETURNING "manager"."id"',
          },
          ["A", "plain", "B"],
        );
        const keys = (await query).map((row) => row.id);
        keys.forEach((key, index) => expectKey(ctx, key, 4 + index));
        expect([a.id, b.id]).to.deep.equal([keys[0], keys[2]]);
        const rows = await Manager.select().where(Manager.c.id.gt(k.manager.Mads)).orderBy(Manager.c.id);
        expect(rows).to.deep.equal([
          { id: keys[0], name: "A" },
          { id: keys[1], name: "plain" },
          { id: keys[2], name: "B" },
        ]);
      });

      it("returns the chosen columns, and only those", async () => {
        const { Band } = f;
        const rows = await Band.insert({ name: "X", popularity: 5 }, { name: "Y" }).returning(
          Band.c.name,
          Band.c.popularity.as("pop"),
        );
        expect(rows).to.deep.equal([
          { name: "X", pop: 5 },
          { name: "Y", pop: 0 },
        ]);
      });

      it("returns the id among other columns when asked", async () => {
        const { Band } = f;
        const band = new Band({ name: "Z" });
        const rows = await Band.insert(band).returning(Band.c.id, Band.c.name);
        expectKey(ctx, band.id, 4);
        expect(rows).to.deep.equal([{ id: band.id, name: "Z" }]);
      });

      it("lets an inserted instance be saved again as an update", async () => {
        const { Band } = f;
        const band = new Band({ name: "Fresh", popularity: 1 });
        await Band.insert(band);
        band.popularity = 2;
        await band.save();
        expect(await Band.select(Band.c.popularity).where(Band.c.name.eq("Fresh"))).to.deep.equal([{ popularity: 2 }]);
        expect(await Band.count()).to.equal(4);
      });

      describe("defaults", () => {
        let Gadget: ReturnType<typeof defineGadget>;
        before(() => {
          Gadget = defineGadget(ctx.engine);
        });
        beforeEach(async () => {
          await Gadget.dropTable({ ifExists: true });
          await Gadget.createTable();
        });
        after(() => ctx.dropTables("iud_gadget"));

        it("applies value and function defaults to rows that leave columns out", async () => {
          serial = 0;
          await Gadget.insert({ label: "a" }, { label: "b", quantity: 3 }, new Gadget({ label: "c" }));
          const rows = await Gadget.select(
            Gadget.c.label,
            Gadget.c.quantity,
            Gadget.c.serialNo,
            Gadget.c.madeAt,
            Gadget.c.broken,
            Gadget.c.rating,
          ).orderBy(Gadget.c.id);
          expect(rows).to.deep.equal([
            { label: "a", quantity: 7, serialNo: "sn-2", madeAt: stamp, broken: false, rating: null },
            { label: "b", quantity: 3, serialNo: "sn-3", madeAt: stamp, broken: false, rating: null },
            // The instance took its defaults when it was constructed, before the two plain rows.
            { label: "c", quantity: 7, serialNo: "sn-1", madeAt: stamp, broken: false, rating: null },
          ]);
        });

        it("puts constant defaults into the schema too", async () => {
          await ctx.engine.rawQuery(
            "INSERT INTO iud_gadget (label, \"serialNo\", \"madeAt\", broken) VALUES ('raw', 'x', {}, {})",
            [stamp, false],
          );
          expect(await Gadget.select(Gadget.c.quantity).where(Gadget.c.label.eq("raw"))).to.deep.equal([
            { quantity: 7 },
          ]);
        });
      });
    });

    describe("update", () => {
      it("sets values on the matching rows and resolves to the row count", async () => {
        const { Band } = f;
        expect(
          await Band.update({ popularity: 3000, name: "Pythonistas!" }).where(Band.c.name.eq("Pythonistas")),
        ).to.equal(1);
        expect(await bands()).to.deep.equal([
          ["Pythonistas!", 3000],
          ["Rustaceans", 2000],
          ["C-Sharps", 10],
        ]);
        expect(await Band.update({ popularity: 0 }).where(Band.c.popularity.lt(2500))).to.equal(2);
        expect(await Band.update({ popularity: 0 }).where(Band.c.name.eq("Nobody"))).to.equal(0);
      });

      it("sets expressions: plus, minus, times, divide and other columns", async () => {
        const { Band } = f;
        await Band.update({ popularity: Band.c.popularity.plus(5) }).where(Band.c.id.eq(k.band.Pythonistas));
        await Band.update({ popularity: Band.c.popularity.minus(500) }).where(Band.c.id.eq(k.band.Rustaceans));
        await Band.update({ popularity: Band.c.popularity.times(3) }).where(Band.c.id.eq(k.band["C-Sharps"]));
        expect((await bands()).map(([, p]) => p)).to.deep.equal([1005, 1500, 30]);
        await Band.update({ popularity: Band.c.popularity.divide(5) }, { force: true });
        expect((await bands()).map(([, p]) => p)).to.deep.equal([201, 300, 6]);
        await Band.update({ popularity: Band.c.popularity.plus(Band.c.popularity) }, { force: true });
        expect((await bands()).map(([, p]) => p)).to.deep.equal([402, 600, 12]);
      });

      it("compiles expressions with bound values", () => {
        const { Band } = f;
        expectSql(
          ctx,
          Band.update({ popularity: Band.c.popularity.plus(1) }).where(Band.c.name.eq("x")),
          {
            postgres: 'UPDATE "band" SET "popularity" = "band"."popularity" + $1 WHERE "band"."name" = $2',
            sqlite: 'UPDATE "band" SET "popularity" = "band"."popularity" + ? WHERE "band"."name" = ?',
          },
          [1, "x"],
        );
      });

      it("returns the changed rows with returning()", async () => {
        const { Band } = f;
        const rows = await Band.update({ popularity: Band.c.popularity.plus(1) })
          .where(Band.c.popularity.gte(1000))
          .returning(Band.c.name, Band.c.popularity);
        expect(rows.sort((a, b) => a.popularity - b.popularity)).to.deep.equal([
          { name: "Pythonistas", popularity: 1001 },
          { name: "Rustaceans", popularity: 2001 },
        ]);
        expect(await Band.update({ popularity: 1 }).where(Band.c.name.eq("Nobody")).returning(Band.c.id)).to.deep.equal(
          [],
        );
      });

      it("refuses to run without where, leaving the table unchanged", async () => {
        const { Band } = f;
        expect(await bands()).to.deep.equal(sample);
        const error = await caught(() => Band.update({ popularity: 0 }));
        expect(error).to.be.instanceOf(OrmError);
        expect(error.message).to.match(/Refusing to update every row of Band without a where clause.*force: true/);
        expect(() => Band.update({ popularity: 0 }).toSQL()).to.throw(OrmError, /without a where clause/);
        expect(await bands()).to.deep.equal(sample);
      });

      it("updates every row with force", async () => {
        const { Band } = f;
        expect(await Band.update({ popularity: 0 }, { force: true })).to.equal(3);
        expect((await bands()).map(([, p]) => p)).to.deep.equal([0, 0, 0]);
      });
    });

    describe("delete", () => {
      it("deletes the matching rows and resolves to the row count", async () => {
        const { Band } = f;
        expect(await Band.delete().where(Band.c.popularity.lt(1500))).to.equal(2);
        expect(await bands()).to.deep.equal([["Rustaceans", 2000]]);
        expect(await Band.delete().where(Band.c.name.eq("Nobody"))).to.equal(0);
      });

      it("returns the deleted rows with returning()", async () => {
        const { Band } = f;
        const rows = await Band.delete().where(Band.c.name.eq("C-Sharps")).returning(Band.c.id, Band.c.name);
        expect(rows).to.deep.equal([{ id: k.band["C-Sharps"], name: "C-Sharps" }]);
        expect(await Band.count()).to.equal(2);
      });

      it("refuses to run without where, leaving the table unchanged", async () => {
        const { Band } = f;
        expect(await bands()).to.deep.equal(sample);
        const error = await caught(() => Band.delete());
        expect(error).to.be.instanceOf(OrmError);
        expect(error.message).to.match(/Refusing to delete every row of Band without a where clause.*force: true/);
        expect((await caught(() => Band.delete().where())).message).to.match(/without a where clause/);
        expect(await bands()).to.deep.equal(sample);
      });

      it("deletes every row with force", async () => {
        const { Band } = f;
        expect(await Band.delete({ force: true })).to.equal(3);
        expect(await Band.count()).to.equal(0);
      });

      it("rejects unknown options rather than ignoring them", () => {
        const { Band } = f;
        expect(() => Band.delete({ forse: true } as never)).to.throw(OrmError, /no option "forse".*force/);
        expect(() => Band.update({ popularity: 1 }, { forse: true } as never)).to.throw(
          OrmError,
          /no option "forse".*force/,
        );
      });
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
