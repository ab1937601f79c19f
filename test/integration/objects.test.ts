import { expect } from "chai";
import { OrmError } from "../../lib";
import { caught } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { expectKey, sampleKeys } from "../support/keys";

describeEachEngine(
  "objects",
  (ctx) => {
    const f = useSampleData(ctx, { perTest: true });
    // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let k: Awaited<ReturnType<typeof sampleKeys>>;
    beforeEach(async () => {
      k = await sampleKeys(ctx, f);
    });

    /** The band rows as stored, read with select() rather than objects(). */
    function stored() {
      return f.Band.select().orderBy(f.Band.c.id);
    }

    describe("listing", () => {
      it("lists every row as an instance of the table class", async () => {
        const { Band } = f;
        const bands = await Band.objects().orderBy(Band.c.id);
        expect(bands).to.have.length(3);
        for (const band of bands) expect(band).to.be.instanceOf(Band);
        expect(bands.map((b) => b.toDict())).to.deep.equal(await stored());
        // genres is the playground Band's M2M field: a property of instances, never a column.
        expect(Object.keys(bands[0]!)).to.have.members(["id", "name", "manager", "popularity", "genres"]);
      });

      it("filters, orders and limits", async () => {
        const { Band } = f;
        const bands = await Band.objects().where(Band.c.popularity.gte(10)).orderBy(Band.c.popularity.desc()).limit(2);
        expect(bands.map((b) => b.name)).to.deep.equal(["Rustaceans", "Pythonistas"]);
        const viaJoin = await Band.objects().where(Band.c.manager.name.eq("Mads"));
        expect(viaJoin.map((b) => b.name)).to.deep.equal(["C-Sharps"]);
        expect(await Band.objects().where(Band.c.name.eq("Nobody"))).to.deep.equal([]);
      });

      it("first() gives one instance or null", async () => {
        const { Band } = f;
        const band = await Band.objects().orderBy(Band.c.popularity).first();
        expect(band).to.be.instanceOf(Band);
        expect(band!.name).to.equal("C-Sharps");
        expect(await Band.objects().where(Band.c.popularity.gt(5000)).first()).to.equal(null);
      });

      it("get() gives the matching instance or null", async () => {
        const { Band } = f;
        const band = await Band.objects().get(Band.c.name.eq("Rustaceans"));
        expect(band).to.be.instanceOf(Band);
        expect(band!.toDict()).to.deep.equal({
          id: k.band.Rustaceans,
          name: "Rustaceans",
          manager: k.manager.Graydon,
          popularity: 2000,
        });
        expect(await Band.objects().get(Band.c.name.eq("Nobody"))).to.equal(null);
      });
    });

    describe("getOrCreate", () => {
      it("creates the row once, then finds it", async () => {
        const { Band } = f;
        const created = await Band.objects().getOrCreate(Band.c.name.eq("Newcomers"), { popularity: 5 });
        expect(created).to.be.instanceOf(Band);
        expectKey(ctx, created.id, 4);
        expect(created.toDict()).to.deep.equal({ id: created.id, name: "Newcomers", manager: null, popularity: 5 });
        const found = await Band.objects().getOrCreate(Band.c.name.eq("Newcomers"), { popularity: 99 });
        expect(found.toDict()).to.deep.equal(created.toDict());
        expect(await Band.count().where(Band.c.name.eq("Newcomers"))).to.equal(1);
        expect(await Band.count()).to.equal(4);
      });

      it("finds an existing row without changing it", async () => {
        const { Band } = f;
        const found = await Band.objects().getOrCreate(Band.c.name.eq("Pythonistas"), { popularity: 1 });
        expect(found.toDict()).to.deep.equal({
          id: k.band.Pythonistas,
          name: "Pythonistas",
          manager: k.manager.Guido,
          popularity: 1000,
        });
        expect(await Band.count()).to.equal(3);
      });

      it("takes every equality of an and() condition", async () => {
        const { Band } = f;
        const made = await Band.objects().getOrCreate(
          Band.c.name.eq("Duo").and(Band.c.popularity.eq(2), Band.c.manager.eq(k.manager.Guido)),
        );
        expectKey(ctx, made.id, 4);
        expect(made.toDict()).to.deep.equal({ id: made.id, name: "Duo", manager: k.manager.Guido, popularity: 2 });
      });
    });

    describe("instance methods", () => {
      it("save() inserts a new row, then updates it", async () => {
        const { Band } = f;
        const band = new Band({ name: "Saved", popularity: 1 });
        expect(band.id).to.equal(null);
        await band.save();
        expectKey(ctx, band.id, 4);
        expect(await Band.count()).to.equal(4);
        band.popularity = 2;
        band.name = "Saved again";
        await band.save();
        expect(await Band.count()).to.equal(4);
        expect(await Band.select().where(Band.c.id.eq(band.id))).to.deep.equal([
          { id: band.id, name: "Saved again", manager: null, popularity: 2 },
        ]);
      });

      it("save() updates a loaded instance in place", async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.name.eq("C-Sharps")))!;
        band.popularity += 1;
        await band.save();
        expect(await Band.count()).to.equal(3);
        expect((await stored())[2]).to.deep.equal({
          id: k.band["C-Sharps"],
          name: "C-Sharps",
          manager: k.manager.Mads,
          popularity: 11,
        });
      });

      it('save("col") writes only the named columns', async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.id.eq(k.band.Pythonistas)))!;
        band.name = "Not saved";
        band.popularity = 1234;
        await band.save("popularity");
        expect((await stored())[0]).to.deep.equal({
          id: k.band.Pythonistas,
          name: "Pythonistas",
          manager: k.manager.Guido,
          popularity: 1234,
        });
      });

      it("remove() deletes the row; the instance can be saved again as a new row", async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.name.eq("Rustaceans")))!;
        await band.remove();
        expect((await stored()).map((b) => b.name)).to.deep.equal(["Pythonistas", "C-Sharps"]);
        await band.save();
        expect(await Band.count()).to.equal(3);
        expect(await Band.exists().where(Band.c.name.eq("Rustaceans"))).to.equal(true);
      });

      it("refresh() reloads every column from the database", async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.id.eq(k.band.Pythonistas)))!;
        await Band.update({ popularity: 7, name: "Renamed" }).where(Band.c.id.eq(k.band.Pythonistas));
        expect(band.popularity).to.equal(1000);
        expect(await band.refresh()).to.equal(band);
        expect(band.toDict()).to.deep.equal({
          id: k.band.Pythonistas,
          name: "Renamed",
          manager: k.manager.Guido,
          popularity: 7,
        });
      });

      it("refresh() of a deleted row and remove() of an unsaved one are clear errors", async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.id.eq(k.band.Pythonistas)))!;
        await Band.delete().where(Band.c.id.eq(k.band.Pythonistas));
        expect((await caught(() => band.refresh())).message).to.match(/Cannot refresh Band: its row no longer exists/);
        const unsaved = new Band({ name: "Ghost" });
        const error = await caught(() => unsaved.remove());
        expect(error).to.be.instanceOf(OrmError);
        expect(error.message).to.match(/Cannot remove a Band that has no primary key value yet: save\(\) it first/);
      });

      it("toDict() gives every column, or the chosen ones", async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.id.eq(k.band["C-Sharps"])))!;
        expect(band.toDict()).to.deep.equal({
          id: k.band["C-Sharps"],
          name: "C-Sharps",
          manager: k.manager.Mads,
          popularity: 10,
        });
        expect(band.toDict(Band.c.name, Band.c.popularity)).to.deep.equal({ name: "C-Sharps", popularity: 10 });
      });

      it("getRelated() loads the referenced row, or null for a null key", async () => {
        const { Band, Concert, Manager } = f;
        const band = (await Band.objects().get(Band.c.name.eq("Pythonistas")))!;
        const manager = await band.getRelated(Band.c.manager);
        expect(manager).to.be.instanceOf(Manager);
        expect(manager!.toDict()).to.deep.equal({ id: k.manager.Guido, name: "Guido" });

        const concert = (await Concert.objects().get(Concert.c.id.eq(k.concert[1]!)))!;
        const band2 = await concert.getRelated(Concert.c.band2);
        expect(band2).to.be.instanceOf(Band);
        expect(band2!.name).to.equal("C-Sharps");

        const loner = new Band({ name: "Loner", manager: null });
        await loner.save();
        expect(await loner.getRelated(Band.c.manager)).to.equal(null);
      });

      it("getRelated() refuses columns that are not this table's foreign keys", async () => {
        const { Band } = f;
        const band = (await Band.objects().get(Band.c.id.eq(k.band.Pythonistas)))!;
        expect((await caught(() => band.getRelated(Band.c.name as never))).message).to.match(
          /getRelated\(\) expects a foreign key of Band/,
        );
        expect((await caught(() => band.getRelated(f.Concert.c.band1 as never))).message).to.match(
          /getRelated\(\) expects a foreign key of Band/,
        );
      });
    });
  },
  { also: ["sqlite3"] },
);
