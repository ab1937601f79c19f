/** describeTable() under TC39 standard decorators: the same description as legacy decorators give. */
import { expect } from "chai";
import { ForeignKey, Integer, Table, Varchar, column, describeTable, m2m, table, type M2M, type Ref } from "../../lib";

describe("TC39 decorators: describeTable", () => {
  it("describes columns, keys, constraints and M2M fields", () => {
    @table({ tablename: "tc39_song", unique: [["title", "rank"]], checks: [{ check: () => Song.c.rank.gt(0) }] })
    class Song extends Table<Song>() {
      @column(Varchar({ length: 40, helpText: "The title" })) title!: string;
      @column(Integer({ default: 1, choices: [1, 2, 3] })) rank!: number;
      @m2m(() => SongTag) tags!: M2M<Tag>;
    }
    @table({ tablename: "tc39_tag" })
    class Tag extends Table<Tag>() {
      @column(Varchar()) name!: string;
    }
    @table({ tablename: "tc39_song_tag" })
    class SongTag extends Table<SongTag, null>() {
      @column(ForeignKey(() => Song, { primaryKey: true })) song!: Ref<Song>;
      @column(ForeignKey(() => Tag, { primaryKey: true })) tag!: Ref<Tag>;
    }
    const song = describeTable(Song);
    expect(song.columns.map((c) => [c.property, c.dataType.kind, c.dataType.length, c.helpText])).to.deep.equal([
      ["id", "serial", null, null],
      ["title", "varchar", 40, "The title"],
      ["rank", "integer", null, null],
    ]);
    expect(song.columns[2]).to.deep.include({
      default: { kind: "constant", value: 1 },
      dataType: { kind: "integer", length: null, precision: null, scale: null, element: null, choices: [1, 2, 3] },
    });
    expect(song.unique).to.deep.equal([{ name: "tc39_song_title_rank_key", columns: ["title", "rank"] }]);
    expect(song.checks).to.deep.equal([{ name: "tc39_song_rank_check", check: '"rank" > 0' }]);
    expect(song.m2m).to.deep.equal([
      {
        field: "tags",
        joinTable: { className: "SongTag", tableName: "tc39_song_tag", schema: null },
        otherTable: { className: "Tag", tableName: "tc39_tag", schema: null },
        sourceKey: "song",
        targetKey: "tag",
      },
    ]);
    expect(describeTable(SongTag).primaryKey).to.deep.equal(["song", "tag"]);
  });
});
