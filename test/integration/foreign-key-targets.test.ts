import { expect } from "chai";
import {
  BigIntColumn,
  BigSerial,
  Email,
  ForeignKey,
  Table,
  Text,
  UUID,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";
import { describeEachEngine } from "../support/engines";

// Defect 7: a ForeignKey whose targetColumn is a Varchar got the column type `undefined` in SQLite DDL.
describeEachEngine("foreign keys to columns of every key type", (ctx) => {
  function define() {
    const db = ctx.engine;
    @table({ db, tablename: "fkt_country" })
    class Country extends Table<Country>() {
      @column(Varchar({ length: 2, unique: true })) code!: string;
      @column(Email({ unique: true })) contact!: string;
      @column(Text({ unique: true })) motto!: string;
      @column(BigIntColumn({ unique: true })) census!: bigint;
    }
    @table({ db, tablename: "fkt_region" })
    class Region extends Table<Region, null>() {
      @column(UUID({ primaryKey: true })) uid!: string;
      @column(Varchar()) name!: string;
    }
    @table({ db, tablename: "fkt_big" })
    class Big extends Table<Big, null>() {
      @column(BigSerial({ primaryKey: true })) key!: bigint;
    }
    @table({ db, tablename: "fkt_city" })
    class City extends Table<City>() {
      @column(Varchar()) name!: string;
      @column(ForeignKey(() => Country, { targetColumn: "code" })) country!: Ref<Country, string> | null;
      @column(ForeignKey(() => Country, { targetColumn: "contact" })) byContact!: Ref<Country, string> | null;
      @column(ForeignKey(() => Country, { targetColumn: "motto" })) byMotto!: Ref<Country, string> | null;
      @column(ForeignKey(() => Country, { targetColumn: "census" })) byCensus!: Ref<Country, bigint> | null;
      @column(ForeignKey(() => Region)) region!: Ref<Region, string> | null;
      @column(ForeignKey(() => Big)) big!: Ref<Big, bigint> | null;
    }
    return { Country, Region, Big, City };
  }
  let t: ReturnType<typeof define>;

  before(async () => {
    await ctx.dropTables("fkt_city", "fkt_country", "fkt_region", "fkt_big");
    t = define();
    for (const T of [t.Country, t.Region, t.Big, t.City]) await T.createTable();
  });
  after(() => ctx.dropTables("fkt_city", "fkt_country", "fkt_region", "fkt_big"));

  it("createTable gives each key column its target's type", async () => {
    const ddl = t.City.createTable().toSQL().sql;
    expect(ddl).not.to.include("undefined");
    if (ctx.family === "postgres") {
      expect(ddl).to.include('"country" VARCHAR(2)');
      expect(ddl).to.include('"byContact" VARCHAR(255)');
      expect(ddl).to.include('"byMotto" TEXT');
      expect(ddl).to.include('"byCensus" BIGINT');
      expect(ddl).to.include('"region" UUID');
      expect(ddl).to.include('"big" BIGINT');
    } else {
      expect(ddl).to.include('"country" VARCHAR(2)');
      expect(ddl).to.include('"byContact" VARCHAR(255)');
      expect(ddl).to.include('"byMotto" TEXT');
      expect(ddl).to.include('"byCensus" INTEGER');
      expect(ddl).to.include('"region" TEXT');
      expect(ddl).to.include('"big" INTEGER');
    }
  });

  it("inserts, joins and refuses a missing target", async () => {
    const { Country, Region, Big, City } = t;
    const uid = "5b1f3c1e-8a43-4c57-9d0c-1f2e3d4c5b6a";
    await Country.insert({ code: "NP", contact: "np@example.com", motto: "Mother", census: 30000000000n });
    await Region.insert({ uid, name: "Bagmati" });
    const [big] = await Big.insert({}).returning(Big.c.key);
    await City.insert({
      name: "Kathmandu",
      country: "NP",
      byContact: "np@example.com",
      byMotto: "Mother",
      byCensus: 30000000000n,
      region: uid,
      big: big!.key,
    });
    const rows = await City.select(
      City.c.name,
      City.c.country.code,
      City.c.byContact.code.as("viaContact"),
      City.c.byMotto.code.as("viaMotto"),
      City.c.byCensus.code.as("viaCensus"),
      City.c.region.name.as("region"),
      City.c.big.key.as("big"),
    );
    expect(rows).to.deep.equal([
      {
        name: "Kathmandu",
        "country.code": "NP",
        viaContact: "NP",
        viaMotto: "NP",
        viaCensus: "NP",
        region: "Bagmati",
        big: big!.key,
      },
    ]);
    const city = (await City.objects().first())!;
    expect((await city.getRelated(City.c.country))?.code).to.equal("NP");
    expect((await city.getRelated(City.c.region))?.name).to.equal("Bagmati");
    const missing = await City.insert({ name: "Nowhere", country: "XX" })
      .run()
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(missing?.name).to.equal("ForeignKeyViolationError");
    expect(await City.count()).to.equal(1);
  });
});
