import { expect } from "chai";
import { Engine, ForeignKey, Table, Varchar, column, table, type Ref } from "../../lib";
import { expectSql } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { makeFixtures } from "../support/fixtures";
import { expectKey } from "../support/keys";

/** A table whose foreign key points at itself. */
function defineEmployee(db: Engine) {
  @table({ db, tablename: "joins_employee" })
  class Employee extends Table<Employee>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Employee)) boss!: Ref<Employee> | null;
  }
  return Employee;
}

// Sample data plus Lonely Hearts (no manager) and a third concert with no band2 and no venue.
describeEachEngine(
  "joins",
  (ctx) => {
    let f: ReturnType<typeof makeFixtures>;
    /** The three concerts' keys, in insert order (1, 2, 3 where keys are sequential, checked so). */
    let concert: number[];

    async function resetData(): Promise<void> {
      await f.createTables();
      await f.insertSampleData();
      const [lonely] = await f.Band.insert({ name: "Lonely Hearts", manager: null, popularity: 10 });
      expectKey(ctx, lonely!.id, 4);
      await f.Concert.insert({
        band1: lonely!.id,
        band2: null,
        venue: null,
        startsAt: new Date("2025-08-01T18:00:00Z"),
      });
      concert = (await f.Concert.select(f.Concert.c.id).orderBy(f.Concert.c.id)).map((row) => row.id);
      concert.forEach((key, index) => expectKey(ctx, key, index + 1));
    }

    before(async () => {
      f = makeFixtures(ctx.engine);
      await resetData();
    });
    after(() => f?.dropTables());

    it("selects a column one foreign key away, null when the key is null", async () => {
      const { Band } = f;
      const rows = await Band.select(Band.c.name, Band.c.manager.name).orderBy(Band.c.id);
      expect(rows).to.deep.equal([
        { name: "Pythonistas", "manager.name": "Guido" },
        { name: "Rustaceans", "manager.name": "Graydon" },
        { name: "C-Sharps", "manager.name": "Mads" },
        { name: "Lonely Hearts", "manager.name": null },
      ]);
    });

    it("selects columns two foreign keys away, null anywhere along a broken path", async () => {
      const { Concert } = f;
      const rows = await Concert.select(
        Concert.c.id,
        Concert.c.band2.manager.name,
        Concert.c.venue.name.as("venue"),
      ).orderBy(Concert.c.id);
      expect(rows).to.deep.equal([
        { id: concert[0], "band2.manager.name": "Graydon", venue: "Arena" },
        { id: concert[1], "band2.manager.name": "Mads", venue: "Garage" },
        { id: concert[2], "band2.manager.name": null, venue: null },
      ]);
      const lonely = await Concert.select(Concert.c.band1.name, Concert.c.band1.manager.name).where(
        Concert.c.id.eq(concert[2]!),
      );
      expect(lonely).to.deep.equal([{ "band1.name": "Lonely Hearts", "band1.manager.name": null }]);
    });

    it("filters through one and two foreign keys", async () => {
      const { Band, Concert, Ticket } = f;
      expect(await Band.select(Band.c.name).where(Band.c.manager.name.eq("Guido"))).to.deep.equal([
        { name: "Pythonistas" },
      ]);
      expect(await Band.select(Band.c.name).where(Band.c.manager.name.isNull())).to.deep.equal([
        { name: "Lonely Hearts" },
      ]);
      expect(await Concert.select(Concert.c.id).where(Concert.c.band1.manager.name.eq("Graydon"))).to.deep.equal([
        { id: concert[1] },
      ]);
      const arena = await Ticket.select(Ticket.c.price)
        .where(Ticket.c.concert.venue.name.eq("Arena"))
        .orderBy(Ticket.c.id);
      expect(arena).to.deep.equal([{ price: "50.00" }, { price: "75.50" }]);
    });

    it("orders through one and two foreign keys", async () => {
      const { Band, Concert } = f;
      const byManager = await Band.select(Band.c.name).orderBy(Band.c.manager.name.asc({ nulls: "last" }));
      expect(byManager.map((r) => r.name)).to.deep.equal(["Rustaceans", "Pythonistas", "C-Sharps", "Lonely Hearts"]);
      const byBandManager = await Concert.select(Concert.c.id).orderBy(
        Concert.c.band1.manager.name.desc({ nulls: "first" }),
      );
      expect(byBandManager.map((r) => r.id)).to.deep.equal([concert[2], concert[0], concert[1]]);
    });

    it("joins each path once, even when it is selected, filtered and ordered by", () => {
      const { Concert } = f;
      const query = Concert.select(Concert.c.band1.manager.name)
        .where(Concert.c.band1.manager.name.ne("x"), Concert.c.band1.name.ne("y"))
        .orderBy(Concert.c.band1.manager.name);
      const p = ctx.family === "postgres" ? ["$1", "$2"] : ["?", "?"];
      const sql =
        'SELECT "concert$band1$manager"."name" AS "band1.manager.name" FROM "concert"' +
        ' LEFT JOIN "band" AS "concert$band1" ON "concert$band1"."id" = "concert"."band1"' +
        ' LEFT JOIN "manager" AS "concert$band1$manager" ON "concert$band1$manager"."id" = "concert$band1"."manager"' +
        ` WHERE ("concert$band1$manager"."name" <> ${p[0]}) AND ("concert$band1"."name" <> ${p[1]})` +
        ' ORDER BY "concert$band1$manager"."name" ASC';
      expectSql(ctx, query, { postgres: sql, sqlite: sql }, ["x", "y"]);
    });

    it("gives the same table reached through two keys distinct aliases", async () => {
      const { Concert } = f;
      const query = Concert.select(Concert.c.band1.name, Concert.c.band2.name).orderBy(Concert.c.id);
      expect(await query).to.deep.equal([
        { "band1.name": "Pythonistas", "band2.name": "Rustaceans" },
        { "band1.name": "Rustaceans", "band2.name": "C-Sharps" },
        { "band1.name": "Lonely Hearts", "band2.name": null },
      ]);
      const sql = query.toSQL().sql;
      expect(sql).to.contain('LEFT JOIN "band" AS "concert$band1" ON "concert$band1"."id" = "concert"."band1"');
      expect(sql).to.contain('LEFT JOIN "band" AS "concert$band2" ON "concert$band2"."id" = "concert"."band2"');
      const both = await Concert.select(Concert.c.id).where(
        Concert.c.band1.name.eq("Rustaceans").or(Concert.c.band2.name.eq("Rustaceans")),
      );
      expect(both.map((r) => r.id)).to.have.members([concert[0], concert[1]]);
    });

    it("keeps every row of the main table (LEFT JOIN) when selecting joined columns", async () => {
      const { Concert } = f;
      expect(await Concert.select(Concert.c.id, Concert.c.venue.name)).to.have.length(3);
      expect(await Concert.count()).to.equal(3);
    });

    describe("self-referencing foreign key", () => {
      let Employee: ReturnType<typeof defineEmployee>;

      before(async () => {
        Employee = defineEmployee(ctx.engine);
        await Employee.dropTable({ ifExists: true, cascade: true });
        await Employee.createTable();
        const ada = new Employee({ name: "Ada", boss: null });
        await Employee.insert(ada);
        const bob = new Employee({ name: "Bob", boss: ada.id });
        await Employee.insert(bob);
        await Employee.insert({ name: "Cy", boss: bob.id });
      });
      after(() => ctx.dropTables("joins_employee"));

      it("selects the boss and the boss's boss", async () => {
        const rows = await Employee.select(Employee.c.name, Employee.c.boss.name, Employee.c.boss.boss.name).orderBy(
          Employee.c.name,
        );
        expect(rows).to.deep.equal([
          { name: "Ada", "boss.name": null, "boss.boss.name": null },
          { name: "Bob", "boss.name": "Ada", "boss.boss.name": null },
          { name: "Cy", "boss.name": "Bob", "boss.boss.name": "Ada" },
        ]);
      });

      it("filters through the self reference with its own aliases", async () => {
        const query = Employee.select(Employee.c.name).where(Employee.c.boss.boss.name.eq("Ada"));
        expect(await query).to.deep.equal([{ name: "Cy" }]);
        const sql = query.toSQL().sql;
        expect(sql).to.contain(
          'LEFT JOIN "joins_employee" AS "joins_employee$boss" ON "joins_employee$boss"."id" = "joins_employee"."boss"',
        );
        expect(sql).to.contain(
          'LEFT JOIN "joins_employee" AS "joins_employee$boss$boss" ON "joins_employee$boss$boss"."id" = "joins_employee$boss"."boss"',
        );
      });
    });

    describe("update and delete filtered through a foreign key", () => {
      beforeEach(resetData);

      it("updates only the rows whose joined column matches", async () => {
        const { Band } = f;
        const changed = await Band.update({ popularity: 1 }).where(Band.c.manager.name.eq("Mads"));
        expect(changed).to.equal(1);
        const rows = await Band.select(Band.c.name, Band.c.popularity).orderBy(Band.c.id);
        expect(rows.map((r) => r.popularity)).to.deep.equal([1000, 2000, 1, 10]);
      });

      it("updates through two foreign keys", async () => {
        const { Ticket } = f;
        const changed = await Ticket.update({ price: "1.00" }).where(Ticket.c.concert.band1.manager.name.eq("Guido"));
        expect(changed).to.equal(2);
        const prices = await Ticket.select(Ticket.c.price).orderBy(Ticket.c.id);
        expect(prices.map((r) => r.price)).to.deep.equal(["1.00", "1.00", "20.25"]);
      });

      it("deletes only the rows whose joined column matches", async () => {
        const { Ticket } = f;
        const query = Ticket.delete().where(Ticket.c.concert.venue.name.eq("Garage"));
        expect(query.toSQL().sql).to.match(
          /^DELETE FROM "ticket" WHERE "ticket"."id" IN \(SELECT "ticket"."id" FROM "ticket" LEFT JOIN /,
        );
        expect(await query).to.equal(1);
        const left = await Ticket.select(Ticket.c.price).orderBy(Ticket.c.id);
        expect(left).to.deep.equal([{ price: "50.00" }, { price: "75.50" }]);
      });

      it("deletes through a null join condition", async () => {
        const { Band } = f;
        expect(await Band.delete().where(Band.c.manager.name.isNull())).to.equal(1);
        expect((await Band.select(Band.c.name).orderBy(Band.c.id)).map((r) => r.name)).to.deep.equal([
          "Pythonistas",
          "Rustaceans",
          "C-Sharps",
        ]);
      });
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
