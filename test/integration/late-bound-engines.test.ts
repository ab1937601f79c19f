import { expect } from "chai";
import {
  ConfigError,
  SQLiteEngine,
  Table,
  Varchar,
  bindEngine,
  column,
  getDefaultEngine,
  setDefaultEngine,
  table,
  unbindEngine,
  withEngine,
} from "../../lib";
import { describeEachEngine } from "../support/engines";

// Declared without `db`: the engine comes from a binding, a scope or the default.
@table({ tablename: "late_song" })
class LateSong extends Table<LateSong>() {
  @column(Varchar({ length: 50 })) title!: string;
}

@table({ tablename: "late_album" })
class LateAlbum extends Table<LateAlbum>() {
  @column(Varchar({ length: 50 })) title!: string;
}

describe("late-bound engines: no engine", () => {
  it("a table declared without db and never bound says how to bind one", async () => {
    expect(getDefaultEngine()).to.equal(undefined);
    let error: unknown;
    try {
      await LateSong.select();
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError).with.property("code", "PICCOLO_NO_ENGINE");
    expect((error as Error).message).to.match(/setDefaultEngine\(DB\), bindEngine\(DB, \[LateSong\]\) or withEngine/);
  });
});

describeEachEngine(
  "late-bound engines",
  (ctx) => {
    let other: SQLiteEngine;

    before(async () => {
      other = new SQLiteEngine({ path: ":memory:" });
      await withEngine(other, () => LateSong.createTable().run());
    });
    after(async () => {
      setDefaultEngine(undefined);
      unbindEngine([LateSong, LateAlbum]);
      await (other as SQLiteEngine | undefined)?.close(); // not opened when the suite was skipped
    });
    beforeEach(async () => {
      await ctx.dropTables("late_song", "late_album");
      setDefaultEngine(ctx.engine);
      await LateSong.createTable().run();
      await LateAlbum.createTable().run();
    });
    afterEach(() => {
      setDefaultEngine(undefined);
      unbindEngine([LateSong, LateAlbum]);
    });

    it("runs on the default engine", async () => {
      await LateSong.insert(new LateSong({ title: "Default" }));
      expect(await ctx.engine.rawQuery("SELECT title FROM late_song")).to.deep.equal([{ title: "Default" }]);
    });

    it("a scope sends every query, however deep, to another engine and leaves the default alone", async () => {
      const saveDeep = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const song = new LateSong({ title: "Scoped" });
        await song.save();
        return LateSong.select(LateSong.c.title);
      };
      const inScope = await withEngine(other, saveDeep);
      expect(inScope).to.deep.equal([{ title: "Scoped" }]);
      expect(await LateSong.select(LateSong.c.title)).to.deep.equal([]);
      await withEngine(other, () => LateSong.delete({ force: true }));
    });

    it("a scope limited to some tables leaves the others on their engine", async () => {
      await withEngine(other, async () => {
        await LateSong.insert(new LateSong({ title: "Other" }));
        await LateAlbum.insert(new LateAlbum({ title: "Here" }));
      }, [LateSong]);
      expect(await LateSong.count()).to.equal(0);
      expect(await LateAlbum.count()).to.equal(1);
      expect(await withEngine(other, () => LateSong.count())).to.equal(1);
      await withEngine(other, () => LateSong.delete({ force: true }));
    });

    it("scopes nest: the innermost covering scope wins", async () => {
      const counts = await withEngine(other, async () => {
        await LateSong.insert(new LateSong({ title: "Outer" }));
        const inner = await withEngine(ctx.engine, () => LateSong.count());
        return { outer: await LateSong.count(), inner };
      });
      expect(counts).to.deep.equal({ outer: 1, inner: 0 });
      await withEngine(other, () => LateSong.delete({ force: true }));
    });

    it("bindEngine overrides the default for the tables it names", async () => {
      bindEngine(other, [LateSong]);
      await LateSong.insert(new LateSong({ title: "Bound" }));
      expect(await LateSong.count()).to.equal(1);
      unbindEngine([LateSong]);
      expect(await LateSong.count()).to.equal(0);
      await withEngine(other, () => LateSong.delete({ force: true }));
    });

    it("a reused builder recompiles for the engine it runs on", async () => {
      await LateSong.insert(new LateSong({ title: "Same" }));
      const query = LateSong.select(LateSong.c.title).where(LateSong.c.title.eq("Same"));
      expect(await query).to.deep.equal([{ title: "Same" }]);
      expect(await withEngine(other, () => query.run())).to.deep.equal([]);
      expect(await query).to.deep.equal([{ title: "Same" }]);
    });
  },
  { requires: ["serialKeys"] },
);
