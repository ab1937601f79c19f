import { expect } from "chai";
import {
  ArrayColumn,
  Concat,
  DateColumn,
  Email,
  Engine,
  Integer,
  Interval,
  JSONB,
  JSONColumn,
  OrmError,
  Secret,
  Table,
  Text,
  Timestamptz,
  UUID,
  ValidationError,
  Varchar,
  column,
  table,
} from "../../lib";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine } from "../support/engines";

enum Mood {
  Happy = "happy",
  Sad = "sad",
}

function defineTables(db: Engine) {
  @table({ db, tablename: "txt_note" })
  class Note extends Table<Note>() {
    @column(Varchar({ length: 20 })) title!: string;
    @column(Text({ null: true })) body!: string | null;
    @column(Email({ null: true })) email!: string | null;
    @column(Secret({ null: true })) token!: Secret<string> | null;
    @column(Varchar({ length: 10, choices: Mood, default: Mood.Happy })) mood!: Mood;
    @column(UUID({ null: true })) ref!: string | null;
    @column(JSONColumn({ null: true })) meta!: unknown;
    @column(JSONB({ null: true })) data!: unknown;
    @column(ArrayColumn(Varchar({ length: 20 }), { default: [] })) tags!: string[];
    @column(Integer({ default: 0 })) views!: number;
    @column(DateColumn({ null: true })) day!: string | null;
    @column(Timestamptz({ null: true })) at!: Date | null;
    @column(Interval({ default: 0 })) wait!: number;
  }
  return { Note };
}

/** A lone high surrogate: half of 😀 (U+1F600), as cutting "😀".slice(0, 1) makes. */
const lone = "😀".slice(0, 1);
const loneLow = "😀".slice(1);
const nul = "a\u0000b";

describeEachEngine(
  "text values",
  (ctx) => {
    let t: ReturnType<typeof defineTables>;
    before(async () => {
      await ctx.dropTables("txt_note");
      t = defineTables(ctx.engine);
      await t.Note.createTable();
    });
    beforeEach(async () => {
      await t.Note.delete({ force: true });
      await t.Note.insert({ title: "Pythonistas", body: null, views: 10 });
    });
    after(() => ctx.dropTables("txt_note"));

    describe("arithmetic only on numbers (defect 2)", () => {
      it("plus/minus/times/divide on text, dates, timestamps and JSON are an error from JS, and nothing is written", async () => {
        const { Note } = t;
        const attempts: [string, () => unknown][] = [
          ["plus", () => (Note.c.title as any).plus("!!!")],
          ["minus", () => (Note.c.body as any).minus("x")],
          ["times", () => (Note.c.day as any).times(2)],
          ["divide", () => (Note.c.at as any).divide(2)],
          ["plus", () => (Note.c.data as any).plus(1)],
          ["plus", () => (Note.c.tags as any).plus(["x"])],
          ["times", () => (Note.c.wait as any).times(2)],
        ];
        for (const [method, attempt] of attempts) {
          const error = await caught(async () => Note.update({ title: attempt() as never }, { force: true }));
          expect(error).to.be.instanceOf(OrmError);
          expect(error.message).to.match(
            new RegExp(`^${method}\\(\\) works on number, bigint and Numeric .*txt_note\\.\\w+ is an? \\w+ column`),
          );
          expect(error.message).to.contain("concat()");
        }
        expect(await Note.select(Note.c.title)).to.deep.equal([{ title: "Pythonistas" }]);
      });

      it("numbers and intervals still add", async () => {
        const { Note } = t;
        await Note.update({ views: Note.c.views.plus(5).times(2), wait: Note.c.wait.plus(1500) }, { force: true });
        expect(await Note.select(Note.c.views, Note.c.wait)).to.deep.equal([{ views: 30, wait: 1500 }]);
      });

      it("concat() joins text (|| on SQLite, concat() on PostgreSQL, as Concat()), in update and select; NULL counts as empty text", async () => {
        const { Note } = t;
        expectSql(
          ctx,
          Note.select(Note.c.title.concat("!!!")),
          {
            postgres: `SELECT concat("txt_note"."title", CAST($1 AS TEXT)) AS "title" FROM "txt_note"`,
            sqlite: `SELECT (coalesce("txt_note"."title", '') || coalesce(?, '')) AS "title" FROM "txt_note"`,
          },
          ["!!!"],
        );
        await Note.update({ title: Note.c.title.concat("!!!") }, { force: true });
        expect(await Note.select(Note.c.title)).to.deep.equal([{ title: "Pythonistas!!!" }]);
        const row = await Note.select(
          Note.c.body.concat("[", Note.c.title, "] ", Note.c.views).as("label"),
          Concat(Note.c.title, "?"),
        ).first();
        expect(row).to.deep.equal({ label: "[Pythonistas!!!] 10", concat: "Pythonistas!!!?" });
        expect((await caught(() => (Note.c.views as any).concat("!"))).message).to.match(
          /^concat\(\) works on Varchar, Text/,
        );
      });
    });

    describe("lone surrogates and NUL (defect 3)", () => {
      const bad = [
        ["a lone high surrogate", `ab${lone}`, /lone UTF-16 surrogate U\+D83D at index \d/],
        ["a lone low surrogate", loneLow, /lone UTF-16 surrogate U\+DE00 at index \d/],
        ["NUL", nul, /NUL characters \(U\+0000 at index \d/],
      ] as const;

      for (const [what, text, message] of bad) {
        it(`${what} is a ValidationError naming table and column, for every text-carrying value, and nothing is written`, async () => {
          const { Note } = t;
          const writes: [string, () => PromiseLike<unknown>][] = [
            ["title", () => Note.insert({ title: text })],
            ["body", () => Note.insert({ title: "x", body: text })],
            ["email", () => Note.insert({ title: "x", email: text })],
            ["token", () => Note.insert({ title: "x", token: text })],
            ["mood", () => Note.insert({ title: "x", mood: text as Mood })],
            ["ref", () => Note.insert({ title: "x", ref: text })],
            ["meta", () => Note.insert({ title: "x", meta: { note: text } })],
            ["data", () => Note.insert({ title: "x", data: { [text]: 1 } })],
            ["data", () => Note.insert({ title: "x", data: [1, [text]] })],
            ["tags", () => Note.insert({ title: "x", tags: ["ok", text] })],
            ["title", () => Note.update({ title: text }, { force: true })],
            [
              "title",
              () =>
                Note.insert({ title: "x" }).onConflict({
                  action: "doUpdate",
                  target: Note.c.id,
                  values: { title: text },
                }),
            ],
            [
              "title",
              async () => {
                const note = (await Note.objects().first())!;
                note.title = text;
                await note.save();
              },
            ],
            ["title", () => Note.select().where(Note.c.title.eq(text))],
            ["title", () => Note.select().where(Note.c.title.isIn(["x", text]))],
            ["title", () => Note.select().where(Note.c.title.like(`%${text}%`))],
            ["title", () => Note.update({ title: Note.c.title.concat(text) }, { force: true })],
            ["tags", () => Note.select().where(Note.c.tags.any(text))],
          ];
          for (const [columnName, write] of writes) {
            const error = await caught(() => write());
            expect(error, `${columnName}: ${error.message}`).to.be.instanceOf(ValidationError);
            expect(error.message).to.contain(`txt_note.${columnName}`);
            expect(error.message, error.message).to.match(message);
          }
          expect((await caught(() => Note.select(Concat(Note.c.title, text)))).message).to.match(message);
          expect(await Note.select(Note.c.title, Note.c.body, Note.c.tags, Note.c.data)).to.deep.equal([
            { title: "Pythonistas", body: null, tags: [], data: null },
          ]);
          expect(await Note.count()).to.equal(1);
        });
      }

      it("well-formed text round-trips: surrogate pairs (emoji) and other control characters", async () => {
        const { Note } = t;
        const text = "😀 ok \u0001\t\u001f é 中";
        await Note.insert({ title: "😀😀", body: text, data: { [text]: text }, tags: [text.slice(0, 20)] });
        const row = await Note.select(Note.c.title, Note.c.body, Note.c.data).where(Note.c.title.eq("😀😀")).first();
        expect(row).to.deep.equal({ title: "😀😀", body: text, data: { [text]: text } });
      });
    });
  },
  { also: ["sqlite3"] },
);
