import { expect } from "chai";
import { Engine, Integer, OrmError, Table, ValidationError, Varchar, column, table } from "../../lib";
import { deferred } from "../support/deferred";
import { describeEachEngine } from "../support/engines";

/**
 * The fast paths of issue 16 (a synchronous driver's result passed on without extra promises, a
 * transaction begun and committed without awaits, an insert of a known shape encoded without
 * nodes) keep behaviour: results, errors and transaction boundaries as before, on every engine.
 */
function makeItem(db: Engine) {
  @table({ db, tablename: "fast_item" })
  class Item extends Table<Item>() {
    @column(Varchar({ length: 5 })) name!: string;
    @column(Integer({ default: 7 })) n!: number;
  }
  return Item;
}

describeEachEngine("synchronous fast paths (issue 16)", (ctx) => {
  let Item: ReturnType<typeof makeItem>;
  const names = async () => (await Item.select(Item.c.name).orderBy(Item.c.name)).map((r) => r.name);

  before(async () => {
    Item = makeItem(ctx.engine);
    await Item.dropTable({ ifExists: true });
    await Item.createTable();
  });
  beforeEach(() => Item.delete({ force: true }).run());
  after(() => ctx.dropTables("fast_item"));

  it("a primary-key lookup resolves asynchronously, to the row or null, through select() and objects()", async () => {
    const id = (await Item.insert({ name: "a", n: 1 }))[0]!.id;
    const order: string[] = [];
    const lookup = Item.select().where(Item.c.id.eq(id)).first();
    const pending = lookup.then((row) => order.push(`row ${row?.name}`));
    order.push("after then()");
    await pending;
    expect(order).to.deep.equal(["after then()", "row a"]);
    const found = await Item.objects().get(Item.c.id.eq(id));
    expect(found).to.be.instanceOf(Item);
    expect(found?.n).to.equal(1);
    await Item.delete().where(Item.c.id.eq(id));
    expect(await Item.select().where(Item.c.id.eq(id)).first()).to.equal(null);
    expect(await Item.objects().get(Item.c.id.eq(id))).to.equal(null);
  });

  it("a database error of a query run at once is a rejected promise, not a throw", async () => {
    let thrown: unknown;
    let rejected: unknown;
    try {
      const running = ctx.engine.rawQuery("SELECT * FROM fast_item_missing");
      rejected = await running.catch((error: unknown) => error);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.equal(undefined);
    expect(rejected).to.be.instanceOf(OrmError);
  });

  it("an insert of a shape seen before still checks every value, and a refused one writes nothing", async () => {
    await Item.insert({ name: "ok1" }, { name: "ok2" });
    // Same table, columns and row count: the cached statement; the second row's value is too long.
    let error: unknown;
    try {
      await Item.insert({ name: "ok3" }, { name: "toolong" });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as Error).message).to.contain("name");
    expect(await names()).to.deep.equal(["ok1", "ok2"]);
    // Defaults are still applied on the cached shape.
    await Item.insert({ name: "d1" }, { name: "d2", n: 3 });
    const rows = await Item.select(Item.c.name, Item.c.n).where(Item.c.name.like("d%")).orderBy(Item.c.name);
    expect(rows).to.deep.equal([
      { name: "d1", n: 7 },
      { name: "d2", n: 3 },
    ]);
  });

  it("a non-transaction write issued while a transaction is open does not join it: it survives the rollback", async () => {
    const begun = deferred();
    const outsideIssued = deferred();
    let outside: Promise<unknown> | undefined;
    const failure = new Error("roll back");
    // The outside write is issued from a task that started before the transaction, so it carries
    // no transaction context, while the transaction is open and awaiting.
    const other = (async () => {
      await begun.promise;
      outside = Item.insert({ name: "out" }).run();
      outsideIssued.resolve();
    })();
    const rolledBack = await ctx.engine
      .transaction(async () => {
        await Item.insert({ name: "in" });
        begun.resolve();
        await outsideIssued.promise;
        throw failure;
      })
      .catch((error: unknown) => error);
    await other;
    await outside;
    expect(rolledBack).to.equal(failure);
    expect(await names()).to.deep.equal(["out"]);
    expect(ctx.engine.inTransaction).to.equal(false);
  });

  it("back-to-back transactions each commit their own rows, and a failing one leaves none", async () => {
    for (let i = 0; i < 5; i++) {
      await ctx.engine.transaction(async () => {
        await Item.insert({ name: `t${i}` });
        await Item.update({ n: i }).where(Item.c.name.eq(`t${i}`));
      });
    }
    await ctx.engine
      .transaction(async () => {
        await Item.insert({ name: "gone" });
        await Item.insert({ name: "toolong" });
      })
      .catch(() => undefined);
    expect(await names()).to.deep.equal(["t0", "t1", "t2", "t3", "t4"]);
    expect((await Item.select(Item.c.n).orderBy(Item.c.name)).map((r) => r.n)).to.deep.equal([0, 1, 2, 3, 4]);
  });
});
