import { expect } from "chai";
import { Count, DenseRank, Integer, Lag, Lead, Numeric, Rank, RowNumber, Sum, Table, column, table } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

// Bands: Pythonistas (Guido, 1000), Snakes (Guido, 1000), Rustaceans (Graydon, 2000),
// C-Sharps (Mads, 10), Lonely Hearts (no manager, 10). Tickets: 50.00, 75.50 (concert 1), 20.25 (concert 2).
describeEachEngine(
  "window functions",
  (ctx) => {
    const f = useSampleData(ctx, {
      extra: async (f) => {
        const guido = await f.Manager.objects().where(f.Manager.c.name.eq("Guido")).first();
        await f.Band.insert(
          { name: "Lonely Hearts", manager: null, popularity: 10 },
          { name: "Snakes", manager: guido!.id, popularity: 1000 },
        );
      },
    });

    it("RowNumber, Rank and DenseRank over the whole table: ties share a rank", async () => {
      const { Band } = f;
      const order = [Band.c.popularity.desc(), Band.c.name];
      const rows = await Band.select(
        Band.c.name,
        RowNumber().over({ orderBy: order }),
        Rank().over({ orderBy: [Band.c.popularity.desc()] }),
        DenseRank().over({ orderBy: [Band.c.popularity.desc()] }),
      ).orderBy(...order);
      expect(rows).to.deep.equal([
        { name: "Rustaceans", rowNumber: 1, rank: 1, denseRank: 1 },
        { name: "Pythonistas", rowNumber: 2, rank: 2, denseRank: 2 },
        { name: "Snakes", rowNumber: 3, rank: 2, denseRank: 2 },
        { name: "C-Sharps", rowNumber: 4, rank: 4, denseRank: 3 },
        { name: "Lonely Hearts", rowNumber: 5, rank: 4, denseRank: 3 },
      ]);
    });

    it("partitionBy: numbers and aggregates per manager, each row kept", async () => {
      const { Band } = f;
      const rows = await Band.select(
        Band.c.name,
        RowNumber()
          .over({ partitionBy: [Band.c.manager], orderBy: [Band.c.name] })
          .as("n"),
        Sum(Band.c.popularity)
          .over({ partitionBy: [Band.c.manager] })
          .as("total"),
        Count()
          .over({ partitionBy: [Band.c.manager.name] })
          .as("bands"),
      ).orderBy(Band.c.name);
      expect(rows).to.deep.equal([
        { name: "C-Sharps", n: 1, total: 10, bands: 1 },
        { name: "Lonely Hearts", n: 1, total: 10, bands: 1 },
        { name: "Pythonistas", n: 1, total: 2000, bands: 2 },
        { name: "Rustaceans", n: 1, total: 2000, bands: 1 },
        { name: "Snakes", n: 2, total: 2000, bands: 2 },
      ]);
    });

    it("Lag and Lead: the previous and next rows' values, null or a default past the ends", async () => {
      const { Band } = f;
      const order = { orderBy: [Band.c.popularity, Band.c.name] };
      const rows = await Band.select(
        Band.c.name,
        Lag(Band.c.name).over(order).as("previous"),
        Lag(Band.c.name, 2).over(order).as("twoBack"),
        Lead(Band.c.popularity, 1, 0).over(order).as("next"),
      ).orderBy(Band.c.popularity, Band.c.name);
      expect(rows).to.deep.equal([
        { name: "C-Sharps", previous: null, twoBack: null, next: 10 },
        { name: "Lonely Hearts", previous: "C-Sharps", twoBack: null, next: 1000 },
        { name: "Pythonistas", previous: "Lonely Hearts", twoBack: "C-Sharps", next: 1000 },
        { name: "Snakes", previous: "Pythonistas", twoBack: "Lonely Hearts", next: 2000 },
        { name: "Rustaceans", previous: "Snakes", twoBack: "Pythonistas", next: 0 },
      ]);
    });

    it("an exact-decimal Sum over a window keeps its digits", async () => {
      const { Ticket } = f;
      const rows = await Ticket.select(
        Ticket.c.price,
        Sum(Ticket.c.price)
          .over({ partitionBy: [Ticket.c.concert] })
          .as("total"),
      ).orderBy(Ticket.c.price);
      const fixed = (v: string | null) => Number(v).toFixed(2);
      expect(rows.map((r) => ({ price: fixed(r.price), total: fixed(r.total) }))).to.deep.equal([
        { price: "20.25", total: "20.25" },
        { price: "50.00", total: "125.50" },
        { price: "75.50", total: "125.50" },
      ]);
    });

    it("a Sum over a window of digit-less Numerics: refused on SQLite (no exact window sum), run on PostgreSQL", () => {
      class Account extends Table<Account>() {
        @column(Numeric({ null: true })) amount!: Numeric | null;
        @column(Integer()) grp!: number;
      }
      table({ db: ctx.engine, tablename: "account" })(Account);
      const query = Account.select(
        Sum(Account.c.amount)
          .over({ partitionBy: [Account.c.grp] })
          .as("t"),
      );
      if (ctx.family === "postgres")
        expect(query.toSQL().sql).to.equal(
          'SELECT sum("account"."amount") OVER (PARTITION BY "account"."grp") AS "t" FROM "account"',
        );
      else
        expect(() => query.toSQL())
          .to.throw(/over a window exactly/)
          .with.property("code", "PICCOLO_NUMERIC_UNSUPPORTED_ON_SQLITE");
    });

    it("a window function in orderBy", async () => {
      const { Band } = f;
      const rows = await Band.select(Band.c.name).orderBy(
        RowNumber()
          .over({ orderBy: [Band.c.popularity.desc(), Band.c.name] })
          .desc(),
      );
      expect(rows.map((r) => r.name)).to.deep.equal([
        "Lonely Hearts",
        "C-Sharps",
        "Snakes",
        "Pythonistas",
        "Rustaceans",
      ]);
    });

    it("refuses windows in where and having, bad offsets and unknown over() options", () => {
      const { Band } = f;
      const first = RowNumber()
        .over({ orderBy: [Band.c.name] })
        .eq(1);
      const query = Band.select(Band.c.name);
      // @ts-expect-error the types refuse a window's condition in where() too
      expect(() => query.where(first))
        .to.throw(/where\(\) cannot use a window function/)
        .with.property("code", "PICCOLO_WINDOW_NOT_ALLOWED");
      // @ts-expect-error and in having()
      expect(() => Band.select(Band.c.manager).groupBy(Band.c.manager).having(Count().over({}).gt(1)))
        .to.throw(/having\(\) cannot use a window function/)
        .with.property("code", "PICCOLO_WINDOW_NOT_ALLOWED");
      expect(() => Lag(Band.c.name, -1))
        .to.throw(/Lag\(\) expects an offset/)
        .with.property("code", "PICCOLO_INVALID_WINDOW_OFFSET");
      expect(() => Lead(Band.c.name, 1.5)).to.throw(/Lead\(\) expects an offset/);
      expect(() => Sum(Band.c.popularity).over({ partitionBy: [f.Manager.c.name as never] })).to.throw(/Manager/);
      expect(() => RowNumber().over({ partition: [Band.c.name] } as never)).to.throw(/partition/);
      expect(() => Sum(Band.c.popularity).over({ partitionBy: [f.Manager.c.name as never] })).to.throw(/Manager/);
      expect(() => RowNumber().over({ partitionBy: ["name"] } as never)).to.throw(/expects a column or expression/);
    });
  },
  { also: ["sqlite3"] },
);
