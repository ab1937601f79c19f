import { expect } from "chai";
import { Count, Exists, OrderByRaw, Outer, Table, UUID, Varchar, WhereRaw, column, not, table } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

describeEachEngine(
  "upserts, allColumns, subqueries, raw clauses",
  (ctx) => {
    const f = useSampleData(ctx, { perTest: true });
    // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let k: Awaited<ReturnType<typeof sampleKeys>>;
    beforeEach(async () => {
      k = await sampleKeys(ctx, f);
    });

    async function uniqueNames(): Promise<void> {
      await ctx.engine.rawQuery('CREATE UNIQUE INDEX band_name_unique ON band ("name")');
    }

    describe("onConflict()", () => {
      it("doNothing skips conflicting rows and inserts the others", async () => {
        const { Band } = f;
        await uniqueNames();
        const inserted = await Band.insert({ name: "Pythonistas", popularity: 1 }, { name: "Gophers", popularity: 5 })
          .onConflict({ target: Band.c.name, action: "doNothing" })
          .returning(Band.c.name);
        expect(inserted).to.deep.equal([{ name: "Gophers" }]);
        expect(await Band.select(Band.c.popularity).where(Band.c.name.eq("Pythonistas")).first()).to.deep.equal({
          popularity: 1000,
        });
        expect(await Band.count()).to.equal(4);
      });

      it("doNothing with instances: a skipped one gets no other row's key, and its save() overwrites nothing", async () => {
        const { Band } = f;
        await uniqueNames();
        const gophers = new Band({ name: "Gophers", popularity: 5 });
        const skipped = new Band({ name: "Pythonistas", popularity: 1 });
        const crabs = new Band({ name: "Crabs", popularity: 7 });
        const keys = await Band.insert(gophers, skipped, crabs).onConflict({
          target: Band.c.name,
          action: "doNothing",
        });
        expect(keys).to.have.length(2);
        const ids = Object.fromEntries((await Band.select(Band.c.name, Band.c.id)).map((r) => [r.name, r.id]));
        // Inserted instances are matched to their rows by the target (name), not by position.
        expect(gophers.id).to.equal(ids.Gophers);
        expect(crabs.id).to.equal(ids.Crabs);
        expect(skipped.id ?? null).to.equal(null);
        const error = await skipped.save().then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.name).to.equal("UniqueViolationError");
        const rows = await Band.select(Band.c.name, Band.c.popularity).orderBy(Band.c.id);
        expect(rows).to.deep.equal([
          { name: "Pythonistas", popularity: 1000 },
          { name: "Rustaceans", popularity: 2000 },
          { name: "C-Sharps", popularity: 10 },
          { name: "Gophers", popularity: 5 },
          { name: "Crabs", popularity: 7 },
        ]);
        crabs.popularity = 8;
        await crabs.save();
        expect(await Band.select(Band.c.popularity).where(Band.c.name.eq("Crabs")).first()).to.deep.equal({
          popularity: 8,
        });
      });

      it("doNothing matches by the values really inserted (a target filled by its default), and not when two rows share them", async () => {
        @table({ db: ctx.engine, tablename: "upsert_ticket" })
        class Pass extends Table<Pass>() {
          @column(UUID({ unique: true })) code!: string;
          @column(Varchar({ unique: true })) holder!: string;
        }
        await Pass.dropTable({ ifExists: true });
        await Pass.createTable();
        try {
          const first = new Pass({ holder: "ann" });
          const second = new Pass({ holder: "bob" });
          await Pass.insert(first, second).onConflict({ target: Pass.c.code, action: "doNothing" });
          expect([first.id, second.id]).to.deep.equal(
            (await Pass.select(Pass.c.id).orderBy(Pass.c.id)).map((r) => r.id),
          );
          const twin1 = new Pass({ holder: "cy" });
          const twin2 = new Pass({ holder: "cy" });
          expect(
            await Pass.insert(twin1, twin2).onConflict({ target: Pass.c.holder, action: "doNothing" }),
          ).to.have.length(1);
          expect([twin1.id ?? null, twin2.id ?? null]).to.deep.equal([null, null]);
          expect(await Pass.count()).to.equal(3);
        } finally {
          await Pass.dropTable();
        }
      });

      it("doNothing without a target: no instance can be matched, so none gets a key", async () => {
        const { Band } = f;
        await uniqueNames();
        const fresh = new Band({ name: "Gophers", popularity: 5 });
        const skipped = new Band({ name: "Rustaceans", popularity: 1 });
        expect(await Band.insert(skipped, fresh).onConflict({ action: "doNothing" })).to.have.length(1);
        expect(skipped.id ?? null).to.equal(null);
        expect(fresh.id ?? null).to.equal(null);
        expect(
          (
            await skipped.save().then(
              () => null,
              (e: Error) => e,
            )
          )?.name,
        ).to.equal("UniqueViolationError");
        expect(await Band.select(Band.c.popularity).where(Band.c.name.eq("Rustaceans")).first()).to.deep.equal({
          popularity: 2000,
        });
        expect(await Band.count()).to.equal(4);
      });

      it("doUpdate takes the listed columns from the new row", async () => {
        const { Band } = f;
        await uniqueNames();
        const q = Band.insert({ name: "Pythonistas", popularity: 1500 }).onConflict({
          target: Band.c.name,
          action: "doUpdate",
          values: [Band.c.popularity],
        });
        expect(q.toSQL().sql).to.contain('ON CONFLICT ("name") DO UPDATE SET "popularity" = EXCLUDED."popularity"');
        await q;
        expect(await Band.select(Band.c.popularity).where(Band.c.name.eq("Pythonistas")).first()).to.deep.equal({
          popularity: 1500,
        });
        expect(await Band.count()).to.equal(3);
      });

      it("doUpdate with values and expressions; instances keep their keys", async () => {
        const { Band } = f;
        await uniqueNames();
        const band = new Band({ name: "Rustaceans", popularity: 1 });
        await Band.insert(band).onConflict({
          target: [Band.c.name],
          action: "doUpdate",
          values: { popularity: Band.c.popularity.plus(1) },
        });
        expect(band.id).to.equal(k.band.Rustaceans);
        expect(await Band.select(Band.c.popularity).where(Band.c.id.eq(k.band.Rustaceans)).first()).to.deep.equal({
          popularity: 2001,
        });
      });

      it("refuses unclear options", () => {
        const { Band } = f;
        expect(() => Band.insert({ name: "x" }).onConflict({ action: "doUpdate" })).to.throw(/needs a target/);
        expect(() => Band.insert({ name: "x" }).onConflict({ action: "merge" as never })).to.throw(
          /"doNothing" or "doUpdate"/,
        );
        expect(() =>
          Band.insert({ name: "x" }).onConflict({ action: "doNothing", tagret: Band.c.name } as never),
        ).to.throw(/no option "tagret"/);
      });
    });

    describe("allColumns()", () => {
      it("selects every column of the table or of a foreign key's table", async () => {
        const { Band } = f;
        const row = await Band.select(...Band.allColumns("popularity"), ...Band.c.manager.allColumns())
          .where(Band.c.id.eq(k.band.Pythonistas))
          .first();
        expect(row).to.deep.equal({
          id: k.band.Pythonistas,
          name: "Pythonistas",
          manager: k.manager.Guido,
          "manager.id": k.manager.Guido,
          "manager.name": "Guido",
        });
        expect(() => Band.allColumns("nme" as never)).to.throw(/no column "nme"/);
      });
    });

    describe("subqueries", () => {
      it("isIn / notIn a single-column select of another table", async () => {
        const { Band, Manager } = f;
        const gManagers = Manager.select(Manager.c.id).where(Manager.c.name.like("G%"));
        const rows = await Band.select(Band.c.name).where(Band.c.manager.isIn(gManagers)).orderBy(Band.c.name);
        expect(rows).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
        const others = await Band.select(Band.c.name).where(Band.c.manager.notIn(gManagers), Band.c.popularity.gt(0));
        expect(others).to.deep.equal([{ name: "C-Sharps" }]);
        expect(() =>
          Band.select()
            .where(Band.c.id.isIn(Manager.select(Manager.c.id, Manager.c.name) as never))
            .toSQL(),
        ).to.throw(/exactly one column/);
      });

      it("binds the subquery's parameters in order with the outer query's", async () => {
        const { Band, Concert } = f;
        const q = Band.select(Band.c.name).where(
          Band.c.popularity.gt(5),
          Band.c.id.isIn(Concert.select(Concert.c.band1).where(Concert.c.venue.name.eq("Arena"))),
          Band.c.name.ne("x"),
        );
        expect(q.toSQL().params).to.deep.equal([5, "Arena", "x"]);
        expect(await q).to.deep.equal([{ name: "Pythonistas" }]);
      });
    });

    describe("Exists / Outer", () => {
      it("filters by a correlated subquery, and its negation", async () => {
        const { Band, Concert } = f;
        const headlines = Exists(Concert.select(Concert.c.id).where(Concert.c.band1.eq(Outer(Band.c.id))));
        expect(await Band.select(Band.c.name).where(headlines).orderBy(Band.c.name)).to.deep.equal([
          { name: "Pythonistas" },
          { name: "Rustaceans" },
        ]);
        expect(await Band.select(Band.c.name).where(not(headlines))).to.deep.equal([{ name: "C-Sharps" }]);
        expect(() => Exists("SELECT 1" as never)).to.throw(/expects a select/);
        expect(() => Outer(Band.c.manager.name as never)).to.throw(/outer query's own table/);
      });
    });

    describe("WhereRaw / OrderByRaw", () => {
      it("bind their parameters and combine with built conditions", async () => {
        const { Band } = f;
        const rows = await Band.select(Band.c.name)
          .where(WhereRaw('"band"."popularity" >= {}', 1000), Band.c.name.ne("x"))
          .orderBy(OrderByRaw('"band"."popularity" * {}', -1));
        expect(rows).to.deep.equal([{ name: "Rustaceans" }, { name: "Pythonistas" }]);
        expect(
          await Band.select(Count()).where(WhereRaw('"band"."name" = {}', "'; DROP TABLE band; --")).first(),
        ).to.deep.equal({ count: 0 });
        expect(await Band.tableExists()).to.equal(true);
      });
    });
  },
  { also: ["sqlite3"] },
);
