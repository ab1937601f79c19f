/** M2M fields under TC39 standard decorators (no experimentalDecorators, no design:type). */
import { expect } from "chai";
import { ForeignKey, SQLiteEngine, Table, Varchar, column, m2m, table, type M2M, type Ref } from "../../lib";

describe("TC39 decorators: M2M", () => {
  it("declares M2M fields that are not columns, and relates rows", async () => {
    const db = new SQLiteEngine({ path: ":memory:" });

    @table({ db, tablename: "tc39_m2m_band" })
    class Band extends Table<Band>() {
      @column(Varchar()) name!: string;
      @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
    }

    @table({ db, tablename: "tc39_m2m_genre" })
    class Genre extends Table<Genre>() {
      @column(Varchar()) name!: string;
    }

    @table({ db, tablename: "tc39_m2m_genre_to_band" })
    class GenreToBand extends Table<GenreToBand, null>() {
      @column(ForeignKey(() => Band, { primaryKey: true })) band!: Ref<Band>;
      @column(ForeignKey(() => Genre, { primaryKey: true })) genre!: Ref<Genre>;
    }

    try {
      for (const cls of [Band, Genre, GenreToBand]) await cls.createTable();
      const band = new Band({ name: "Pythonistas" });
      await band.save();
      await band.addM2M(Band.m2m.genres, [{ name: "Rock" }, new Genre({ name: "Folk" })]);
      expect((await band.getM2M(Band.m2m.genres)).map((g) => g.name)).to.deep.equal(["Rock", "Folk"]);
      expect(await Band.select(Band.c.name, Band.m2m.genres(Genre.c.name))).to.deep.equal([
        { name: "Pythonistas", genres: ["Rock", "Folk"] },
      ]);
      expect(band.toDict()).to.deep.equal({ id: 1, name: "Pythonistas" });
    } finally {
      await db.close();
    }
  });
});

/** Only compiled: under TC39 the decorator sees the field's type. */
export function mistypedM2M(): void {
  @table()
  class Wrong extends Table<Wrong>() {
    // @ts-expect-error an M2M field must be typed M2M<Other>
    @m2m(() => Wrong) others!: string;
  }
  void Wrong;
}
