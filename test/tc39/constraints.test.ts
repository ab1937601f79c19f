/** Table constraints under TC39 standard decorators: typed against the class, made by createTable. */
import { expect } from "chai";
import { Integer, Table, UniqueViolationError, Varchar, column, table } from "../../lib";
import { catalogue } from "../support/catalogue";
import { describeEachEngine } from "../support/engines";

/** Only compiled: a misspelt column in the options does not fit the class. */
export function misspeltConstraintColumn(): void {
  // @ts-expect-error "nmae" is not a column of the class
  @table({ unique: [["nmae"]] })
  class Wrong extends Table<Wrong>() {
    @column(Varchar()) name!: string;
  }
  void Wrong;
}

describeEachEngine("TC39 decorators: table constraints", (ctx) => {
  before(() => ctx.dropTables("tc39_ranked"));
  after(() => ctx.dropTables("tc39_ranked"));

  it("creates and enforces a composite unique, a check and an index", async () => {
    @table({
      db: ctx.engine,
      tablename: "tc39_ranked",
      unique: [["name", "rank"]],
      indexes: [{ columns: ["rank", "name"] }],
      checks: [{ check: () => Ranked.c.rank.gt(0) }],
    })
    class Ranked extends Table<Ranked>() {
      @column(Varchar()) name!: string;
      @column(Integer()) rank!: number;
    }
    await Ranked.createTable();
    expect(await catalogue(ctx, "tc39_ranked")).to.deep.equal({
      indexes: [
        {
          name: "tc39_ranked_rank_name_idx",
          columns: ["rank", "name"],
          unique: false,
          partial: false,
          method: "btree",
        },
      ],
      unique: [["name", "rank"]],
      checks: ["tc39_ranked_rank_check"],
      triggers: [],
    });
    await Ranked.insert({ name: "a", rank: 1 });
    expect(
      await Ranked.insert({ name: "a", rank: 1 })
        .run()
        .catch((e: unknown) => e),
    ).to.be.instanceOf(UniqueViolationError);
  });
});
