import { expect } from "chai";
import {
  ArrayColumn,
  Engine,
  JSONB,
  Param,
  Secret,
  Table,
  Varchar,
  column,
  table,
  type QueryLogEntry,
} from "../../lib";
import { describeEachEngine } from "../support/engines";

function defineTables(db: Engine) {
  @table({ db, tablename: "tp_doc" })
  class Doc extends Table<Doc>() {
    @column(Varchar({ length: 20 })) title!: string;
    @column(JSONB({ null: true })) data!: unknown;
    @column(ArrayColumn(Varchar({ length: 20 }), { default: [] })) tags!: string[];
    @column(Secret({ null: true })) token!: Secret<string> | null;
  }
  return { Doc };
}

// A Param takes the type of the column it is compared with, so its bound value is encoded as that
// column's values are: JSON as JSON text (pg would turn a bare JS array into an array literal,
// SQLite cannot bind an object), a SQLite array as its JSON text.
describeEachEngine("typed Param(): bound values are encoded as the column's values", (ctx) => {
  let t: ReturnType<typeof defineTables>;
  before(async () => {
    await ctx.dropTables("tp_doc");
    t = defineTables(ctx.engine);
    await t.Doc.createTable();
    await t.Doc.insert(
      { title: "list", data: [1, 2], tags: ["a", "b"] },
      { title: "object", data: { a: 1, b: [true, null] }, tags: [], token: "hunter2" },
    );
  });
  after(() => ctx.dropTables("tp_doc"));

  it("a JSON array or object bound to a frozen query is sent as JSON text", async () => {
    const { Doc } = t;
    const byData = Doc.select(Doc.c.title)
      .where(Doc.c.data.eq(Param("d")))
      .freeze();
    const log: QueryLogEntry[] = [];
    ctx.engine.setLog((entry) => log.push(entry));
    try {
      expect(await byData.bind({ d: [1, 2] })).to.deep.equal([{ title: "list" }]);
    } finally {
      ctx.engine.setLog(false);
    }
    expect(log.map((e) => e.params)).to.deep.equal([["[1,2]"]]);
    expect(await byData.bind({ d: { a: 1, b: [true, null] } })).to.deep.equal([{ title: "object" }]);
    expect(await byData.bind({ d: [2, 1] })).to.deep.equal([]);
  });

  it("an array bound for an array column is encoded as the column's values are", async () => {
    const { Doc } = t;
    const byTags = Doc.objects()
      .where(Doc.c.tags.eq(Param("tags")))
      .freeze();
    const rows = await byTags.bind({ tags: ["a", "b"] });
    expect(rows.map((r) => [r.title, r.tags])).to.deep.equal([["list", ["a", "b"]]]);
    expect((await byTags.bind({ tags: [] })).map((r) => r.title)).to.deep.equal(["object"]);
  });

  it("a Param compared with a secret column is redacted in logs, as a value would be", async () => {
    const { Doc } = t;
    const byToken = Doc.select(Doc.c.title)
      .where(Doc.c.token.eq(Param("token")))
      .freeze();
    expect(byToken.toSQL().secretParams).to.deep.equal([0]);
    const log: QueryLogEntry[] = [];
    ctx.engine.setLog((entry) => log.push(entry));
    try {
      expect(await byToken.bind({ token: "hunter2" })).to.deep.equal([{ title: "object" }]);
    } finally {
      ctx.engine.setLog(false);
    }
    expect(log.map((e) => e.params)).to.deep.equal([["[secret]"]]);
  });
});

describeEachEngine("declared Param()s: bind() names and values", (ctx) => {
  let t: ReturnType<typeof defineTables>;
  before(async () => {
    await ctx.dropTables("tp_doc");
    t = defineTables(ctx.engine);
    await t.Doc.createTable();
    await t.Doc.insert({ title: "a" }, { title: "b" });
  });
  after(() => ctx.dropTables("tp_doc"));

  it("a query frozen with its parameters runs with the bound values", async () => {
    const { Doc } = t;
    const title = Param<string, "title">("title");
    const byTitle = Doc.select(Doc.c.title).where(Doc.c.title.eq(title)).freeze(title);
    expect(await byTitle.bind({ title: "a" })).to.deep.equal([{ title: "a" }]);
    expect(await byTitle.bind({ title: "b" })).to.deep.equal([{ title: "b" }]);
  });

  it("refuses a name the query does not use, and a missing one, before running anything", async () => {
    const { Doc } = t;
    const byTitle = Doc.select(Doc.c.title)
      .where(Doc.c.title.eq(Param("title")))
      .freeze();
    const log: QueryLogEntry[] = [];
    ctx.engine.setLog((entry) => log.push(entry));
    try {
      // Both are compile errors too (the where's Param() types bind()); run time refuses them when the types are bypassed.
      // @ts-expect-error an unknown name
      await expectQueryError(byTitle.bind({ title: "a", titel: "b" }), "PICCOLO_PARAM_UNKNOWN", /Did you mean "title"/);
      // @ts-expect-error a missing name
      await expectQueryError(byTitle.bind({}), "PICCOLO_PARAM_NOT_BOUND", /Param\("title"\)/);
      await expectQueryError(Doc.select().bind({ title: "a" }), "PICCOLO_PARAM_UNKNOWN", /parameters: \(none\)/);
    } finally {
      ctx.engine.setLog(false);
    }
    expect(log).to.deep.equal([]);
  });

  it("freeze() refuses a parameter the query does not use, and what is no Param()", () => {
    const { Doc } = t;
    const title = Param<string, "title">("title");
    const other = Param<string, "titel">("titel");
    const query = Doc.select(Doc.c.title).where(Doc.c.title.eq(title));
    expect(() => query.freeze(other))
      .to.throw(/freeze\(\) was given Param\("titel"\), but the query does not use it\. Did you mean "title"\?/)
      .with.property("code", "PICCOLO_PARAM_NOT_IN_QUERY");
    expect(() => query.freeze("title" as never))
      .to.throw(/freeze\(\) takes the query's Param\(\)s/)
      .with.property("code", "PICCOLO_PARAM_NOT_DECLARABLE");
  });
});

describeEachEngine("update() and delete() with Param()s: bind() gives their values", (ctx) => {
  let t: ReturnType<typeof defineTables>;
  beforeEach(async () => {
    await ctx.dropTables("tp_doc");
    t = defineTables(ctx.engine);
    await t.Doc.createTable();
    await t.Doc.insert({ title: "a" }, { title: "b" });
  });
  after(() => ctx.dropTables("tp_doc"));

  it("an update's values and where, and a delete's where, run with the bound values", async () => {
    const { Doc } = t;
    const rename = Doc.update({ title: Param("newTitle") }).where(Doc.c.title.eq(Param("oldTitle")));
    expect(await rename.bind({ newTitle: "c", oldTitle: "a" })).to.equal(1);
    expect(await rename.bind({ newTitle: "d", oldTitle: "b" })).to.equal(1);
    const drop = Doc.delete().where(Doc.c.title.eq(Param("title")));
    expect(await drop.bind({ title: "c" })).to.equal(1);
    expect(await Doc.select(Doc.c.title)).to.deep.equal([{ title: "d" }]);
    // The SQL keeps its placeholders; only the run binds.
    expect(drop.bind({ title: "d" }).toSQL().params).to.have.length(1);
  });

  it("refuses a missing value and an unknown name before changing anything", async () => {
    const { Doc } = t;
    const drop = Doc.delete().where(Doc.c.title.eq(Param("title")));
    await expectQueryError(drop, "PICCOLO_PARAM_NOT_BOUND", /Param\("title"\)/);
    // @ts-expect-error an unknown name is a compile error too; run time refuses it when the types are bypassed
    await expectQueryError(drop.bind({ title: "a", titel: "b" }), "PICCOLO_PARAM_UNKNOWN", /Did you mean "title"/);
    expect(await Doc.count()).to.equal(2);
  });
});

async function expectQueryError(run: PromiseLike<unknown>, code: string, message: RegExp): Promise<void> {
  try {
    await run;
  } catch (error) {
    expect((error as { code?: string }).code).to.equal(code);
    expect((error as Error).message).to.match(message);
    return;
  }
  expect.fail(`expected ${code}`);
}
