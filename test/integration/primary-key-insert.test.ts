import { expect } from "chai";
import { Engine, ForeignKey, Integer, Table, Varchar, column, table, type Ref } from "../../lib";
import { describeEachEngine } from "../support/engines";

function defineTables(db: Engine) {
  @table({ db, tablename: "pki_country" })
  class Country extends Table<Country, "code">() {
    @column(Varchar({ length: 2, primaryKey: true })) code!: string;
    @column(Varchar({ length: 20 })) name!: string;
  }
  @table({ db, tablename: "pki_seat" })
  class Seat extends Table<Seat, ["country", "number"]>() {
    @column(ForeignKey(() => Country, { primaryKey: true })) country!: Ref<Country, string>;
    @column(Integer({ primaryKey: true })) number!: number;
  }
  return { Country, Seat };
}

describeEachEngine("insert() of a table keyed by its own columns returns the typed key", (ctx) => {
  let t: ReturnType<typeof defineTables>;
  before(async () => {
    await ctx.dropTables("pki_seat", "pki_country");
    t = defineTables(ctx.engine);
    await t.Country.createTable();
    await t.Seat.createTable();
  });
  after(() => ctx.dropTables("pki_seat", "pki_country"));

  it("a text key: { code }", async () => {
    const keys: { code: string }[] = await t.Country.insert(
      { code: "NP", name: "Nepal" },
      { code: "IS", name: "Iceland" },
    );
    expect(keys).to.deep.equal([{ code: "NP" }, { code: "IS" }]);
  });

  it("a composite key: every key column by its property", async () => {
    const keys: { country: string; number: number }[] = await t.Seat.insert({ country: "NP", number: 7 });
    expect(keys).to.deep.equal([{ country: "NP", number: 7 }]);
  });
});
