import { expect } from "chai";
import {
  Engine,
  ForeignKey,
  ForeignKeyViolationError,
  MigrationRunner,
  OrmError,
  SQLiteEngine,
  Table,
  Varchar,
  column,
  createTables,
  table,
  type Migration,
  type Ref,
} from "../../lib";
import { diffSchemas } from "../../lib/migrations/differ";
import { describeEachEngine, type EngineContext } from "../support/engines";
import { generateMigration, replay, schemasOf } from "../support/migration-files";

/** Countries have a capital city; cities belong to a country: each table references the other. */
function defineTables(db: Engine) {
  @table({ db, tablename: "cf_country" })
  class Country extends Table<Country>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => City, { onDelete: "set null" })) capital!: Ref<City> | null;
  }

  @table({ db, tablename: "cf_city" })
  class City extends Table<City>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Country)) country!: Ref<Country> | null;
  }
  return { Country, City };
}

/** The foreign keys the catalogue holds for the two tables, as "table.column -> table". */
async function foreignKeys(ctx: EngineContext): Promise<string[]> {
  const out: string[] = [];
  for (const name of ["cf_country", "cf_city"]) {
    if (ctx.family === "postgres") {
      const rows = await ctx.engine.rawQuery(
        "SELECT a.attname AS col, c.confrelid::regclass::text AS target FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f' AND c.conrelid = CAST({} AS regclass)",
        [name],
      );
      out.push(...rows.map((r) => `${name}.${r.col as string} -> ${r.target as string}`));
    } else {
      const rows = await ctx.engine.rawQuery(`PRAGMA foreign_key_list("${name}")`);
      out.push(...rows.map((r) => `${name}.${r.from as string} -> ${r.table as string}`));
    }
  }
  return out.sort();
}

/** Operations as "op table". */
const steps = (ops: Migration["forwards"]) =>
  ops.map((o) => (o.op === "sql" || o.op === "raw" ? o.op : `${o.op} ${o.table}`));

const both = ["cf_city.country -> cf_country", "cf_country.capital -> cf_city"];

describeEachEngine(
  "circular foreign keys",
  (ctx) => {
    const drop = () => ctx.dropTables("cf_country", "cf_city", "piccolo_migration");
    let t: ReturnType<typeof defineTables>;
    before(async () => {
      await drop();
      t = defineTables(ctx.engine);
    });
    after(drop);

    it("createTables() creates tables that reference each other, and the keys hold", async () => {
      const { Country, City } = t;
      const sql = createTables(Country, City).toSQL().sql;
      if (ctx.family === "postgres") {
        // The key that points forward is added once both tables exist.
        expect(sql.split(";\n")).to.deep.equal([
          'CREATE TABLE "cf_city" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(50) NOT NULL, "country" INTEGER)',
          'CREATE TABLE "cf_country" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(50) NOT NULL, "capital" INTEGER REFERENCES "cf_city" ("id") ON DELETE SET NULL ON UPDATE CASCADE)',
          'ALTER TABLE "cf_city" ADD FOREIGN KEY ("country") REFERENCES "cf_country" ("id") ON DELETE CASCADE ON UPDATE CASCADE',
        ]);
      } else {
        expect(sql).to.contain('"country" INTEGER REFERENCES "cf_country" ("id")');
      }
      await createTables(Country, City);
      expect(await foreignKeys(ctx)).to.deep.equal(both);
      const [fr] = await Country.insert({ name: "France" }).returning(Country.c.id);
      const [paris] = await City.insert({ name: "Paris", country: fr!.id }).returning(City.c.id);
      await Country.update({ capital: paris!.id }).where(Country.c.id.eq(fr!.id));
      expect(await Country.select(Country.c.name, Country.c.capital.name)).to.deep.equal([
        { name: "France", "capital.name": "Paris" },
      ]);
      const dangling = await City.insert({ name: "Nowhere", country: 999 })
        .run()
        .catch((e: unknown) => e);
      expect(dangling).to.be.instanceOf(ForeignKeyViolationError);
      await ctx.dropTables("cf_country", "cf_city");
    });

    it("createTables() needs tables of one engine", async () => {
      expect(() => createTables()).to.throw(OrmError, /needs at least one table class/);
      const other = new SQLiteEngine({ path: ":memory:" });
      @table({ db: other, tablename: "cf_elsewhere" })
      class Elsewhere extends Table<Elsewhere>() {
        @column(Varchar()) name!: string;
      }
      expect(() => createTables(t.Country, Elsewhere)).to.throw(OrmError, /Elsewhere has another engine than Country/);
      await other.close();
    });

    it("createTables() creates nothing when one of the tables fails", async () => {
      const { Country, City } = t;
      await ctx.engine.rawQuery("CREATE TABLE cf_country (id INTEGER)");
      const error = await createTables(Country, City)
        .run()
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(Error);
      expect(await City.tableExists()).to.equal(false);
      await ctx.dropTables("cf_country");
    });

    it("auto-migrations create them (keys added after both tables exist), drop them (keys dropped first), and undo both", async () => {
      const { Country, City } = t;
      const created = await generateMigration("cf", "2025-08-01T00:00:00:000001", [], [Country, City]);
      expect(steps(created.migration.forwards)).to.deep.equal([
        "createTable cf_city",
        "createTable cf_country",
        "alterColumn cf_city",
      ]);
      expect(steps(created.migration.backwards)).to.deep.equal([
        "alterColumn cf_city",
        "dropTable cf_country",
        "dropTable cf_city",
      ]);
      const migrations: Migration[] = [created.migration];
      await new MigrationRunner(ctx.engine, migrations).forwards("cf");
      expect(await foreignKeys(ctx)).to.deep.equal(both);
      expect(await diffSchemas(replay(migrations), schemasOf([Country, City]), () => false)).to.deep.equal({
        forwards: [],
        backwards: [],
      });
      await ctx.engine.rawQuery("INSERT INTO cf_country (name) VALUES ('France')");
      await ctx.engine.rawQuery("INSERT INTO cf_city (name, country) VALUES ('Paris', 1)");
      await ctx.engine.rawQuery("UPDATE cf_country SET capital = 1");

      const dropped = await generateMigration("cf", "2025-08-01T00:00:00:000002", migrations, []);
      expect(steps(dropped.migration.forwards)).to.deep.equal([
        "alterColumn cf_country",
        "dropTable cf_city",
        "dropTable cf_country",
      ]);
      migrations.push(dropped.migration);
      const runner = new MigrationRunner(ctx.engine, migrations);
      await runner.forwards("cf");
      expect(await Country.tableExists()).to.equal(false);
      expect(await City.tableExists()).to.equal(false);

      await runner.backwards("cf");
      expect(await foreignKeys(ctx)).to.deep.equal(both);
      await runner.backwards("cf");
      expect(await Country.tableExists()).to.equal(false);
      expect(await City.tableExists()).to.equal(false);
    });
  },
  { requires: ["sequentialKeys"], also: ["sqlite3"] },
);
