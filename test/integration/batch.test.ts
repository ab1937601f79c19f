import { expect } from "chai";
import { Integer, SQLiteEngine, Table, Varchar, column, table } from "../../lib";
import { describeEachEngine } from "../support/engines";

describeEachEngine(
  "batch",
  (ctx) => {
    function define() {
      @table({ db: ctx.engine, tablename: "batch_item" })
      class Item extends Table<Item>() {
        @column(Varchar()) label!: string;
        @column(Integer()) n!: number;
      }
      return Item;
    }
    let Item: ReturnType<typeof define>;

    before(async () => {
      Item = define();
      await Item.dropTable({ ifExists: true });
      await Item.createTable();
      await Item.insert(...Array.from({ length: 2500 }, (_, i) => ({ label: `item ${i}`, n: i })));
    });
    after(() => Item?.dropTable({ ifExists: true }));

    it("yields every row once, in chunks of the given size", async () => {
      const sizes: number[] = [];
      const seen: number[] = [];
      for await (const chunk of Item.select(Item.c.n).orderBy(Item.c.n).batch({ size: 1000 })) {
        sizes.push(chunk.length);
        seen.push(...chunk.map((r) => r.n));
      }
      expect(sizes).to.deep.equal([1000, 1000, 500]);
      expect(seen).to.deep.equal(Array.from({ length: 2500 }, (_, i) => i));
    });

    it("lets other queries run between chunks, and stopping early closes the cursor", async () => {
      let chunks = 0;
      for await (const chunk of Item.objects().where(Item.c.n.lt(300)).orderBy(Item.c.n).batch({ size: 100 })) {
        chunks++;
        expect(chunk[0]).to.be.instanceOf(Item);
        await Item.update({ label: "seen" }).where(Item.c.n.eq(chunk[0]!.n));
        if (chunks === 2) break;
      }
      expect(chunks).to.equal(2);
      expect(await Item.count().where(Item.c.label.eq("seen"))).to.equal(2);
      expect(await Item.count()).to.equal(2500);
    });

    it("reads inside a transaction on the transaction's connection, seeing its own writes", async () => {
      const total = await ctx.engine
        .transaction(async () => {
          await Item.insert({ label: "uncommitted", n: -1 });
          let rows = 0;
          for await (const chunk of Item.select(Item.c.id).batch({ size: 700 })) rows += chunk.length;
          throw Object.assign(new Error("rollback"), { rows });
        })
        .catch((e: { rows: number }) => e.rows);
      expect(total).to.equal(2501);
      expect(await Item.count()).to.equal(2500);
    });

    it("refuses a bad size", async () => {
      const error = await Item.select()
        .batch({ size: 0 })
        .next()
        .then(
          () => null,
          (e: Error) => e,
        );
      expect(error?.message).to.match(/size must be a whole number of 1 or more/);
    });

    it("SQLite only: an in-memory database is chunked too", async function () {
      if (ctx.family === "postgres") this.skip();
      const memory = new SQLiteEngine({ path: ":memory:" });
      @table({ db: memory })
      class Note extends Table<Note>() {
        @column(Integer()) n!: number;
      }
      await Note.createTable();
      await Note.insert(...Array.from({ length: 25 }, (_, n) => ({ n })));
      const sizes: number[] = [];
      for await (const chunk of Note.select(Note.c.n).batch({ size: 10 })) sizes.push(chunk.length);
      expect(sizes).to.deep.equal([10, 10, 5]);
      await memory.close();
    });
  },
  { also: ["sqlite3"] },
);
