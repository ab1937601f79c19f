import { expect } from "chai";
import { ForeignKey, Table, Varchar, column, m2m, table, type Engine, type M2M, type Ref } from "../../lib";
import { describeEachEngine } from "../support/engines";

/** Tracks and playlists through a join table. */
function tables(db: Engine) {
  @table({ db, tablename: "m2mo_playlist" })
  class Playlist extends Table<Playlist>() {
    @column(Varchar()) name!: string;
    @m2m(() => PlaylistTrack) tracks!: M2M<Track>;
  }
  @table({ db, tablename: "m2mo_track" })
  class Track extends Table<Track>() {
    @column(Varchar()) title!: string;
    @m2m(() => PlaylistTrack) playlists!: M2M<Playlist>;
  }
  @table({ db, tablename: "m2mo_playlist_track" })
  class PlaylistTrack extends Table<PlaylistTrack, null>() {
    @column(ForeignKey(() => Playlist, { primaryKey: true })) playlist!: Ref<Playlist>;
    @column(ForeignKey(() => Track, { primaryKey: true })) track!: Ref<Track>;
  }
  return { Playlist, Track, PlaylistTrack };
}

// getM2M's order used to be tested only where it matched the order rows were written in, which
// SQLite returns anyway. Here keys, insertion order and storage order all disagree.
describeEachEngine(
  "getM2M default order",
  (ctx) => {
    const names = ["m2mo_playlist_track", "m2mo_playlist", "m2mo_track"];
    after(() => ctx.dropTables(...names));

    it("lists related rows by their primary key, not by insertion or storage order", async () => {
      await ctx.dropTables(...names);
      const { Playlist, Track, PlaylistTrack } = tables(ctx.engine);
      for (const T of [Playlist, Track, PlaylistTrack]) await T.createTable();
      // Tracks written with keys out of order, then one rewritten (PostgreSQL moves it to the end).
      await Track.insert(
        { id: 30, title: "c" },
        { id: 10, title: "a" },
        { id: 50, title: "e" },
        { id: 20, title: "b" },
        { id: 40, title: "d" },
      );
      await Track.update({ title: "a" }).where(Track.c.id.eq(10));
      const mix = new Playlist({ name: "mix" });
      await mix.save();
      const byId = async (id: number) => (await Track.objects().get(Track.c.id.eq(id)))!;
      // Join rows in yet another order.
      for (const id of [40, 10, 50, 30, 20]) await mix.addM2M(Playlist.m2m.tracks, await byId(id));
      // Keys as numbers: CockroachDB reads its (bigint) keys as bigints, even these small ones.
      expect((await PlaylistTrack.select(PlaylistTrack.c.track)).map((r) => Number(r.track))).not.to.deep.equal([
        10, 20, 30, 40, 50,
      ]);
      const tracks = await mix.getM2M(Playlist.m2m.tracks);
      expect(tracks.map((t) => Number(t.id))).to.deep.equal([10, 20, 30, 40, 50]);
      expect(tracks.map((t) => t.title)).to.deep.equal(["a", "b", "c", "d", "e"]);
      // And from the other side.
      const other = new Playlist({ name: "other" });
      await other.save();
      await (await byId(20)).addM2M(Track.m2m.playlists, other);
      await (await byId(20)).addM2M(Track.m2m.playlists, mix);
      expect((await (await byId(20)).getM2M(Track.m2m.playlists)).map((p) => p.name)).to.deep.equal(["mix", "other"]);
    });
  },
  { also: ["sqlite3"] },
);
