import { expect } from "chai";
import { Count, UnsupportedFeatureError } from "../../lib";
import { describeEachEngine, onlyEngines } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

describeEachEngine(
  "output, distinct on, lockRows, callback",
  (ctx) => {
    const f = useSampleData(ctx);
    // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let k: Awaited<ReturnType<typeof sampleKeys>>;
    before(async () => {
      k = await sampleKeys(ctx, f);
    });

    describe("output()", () => {
      it("asList gives a single column's values", async () => {
        const { Band } = f;
        expect(await Band.select(Band.c.name).orderBy(Band.c.name).output({ asList: true })).to.deep.equal([
          "C-Sharps",
          "Pythonistas",
          "Rustaceans",
        ]);
        expect(
          await Band.select(Band.c.name).where(Band.c.id.eq(k.band.Pythonistas)).first().output({ asList: true }),
        ).to.equal("Pythonistas");
        // @ts-expect-error asList with two columns is a type error too; plain JS callers get this one
        expect(() => Band.select(Band.c.name, Band.c.id).output({ asList: true })).to.throw(
          /exactly one selected column/,
        );
      });

      it("nested turns dotted keys into objects, to any depth", async () => {
        const { Concert } = f;
        const rows = await Concert.select(
          Concert.c.id,
          Concert.c.band1.name,
          Concert.c.band1.manager.name,
          Concert.c.venue.name,
        )
          .orderBy(Concert.c.id)
          .output({ nested: true });
        expect(rows[0]).to.deep.equal({
          id: k.concert[0],
          band1: { name: "Pythonistas", manager: { name: "Guido" } },
          venue: { name: "Arena" },
        });
        expect(rows[0]!.band1.manager.name).to.equal("Guido");
      });

      it("asJson returns one JSON string", async () => {
        const { Band } = f;
        const json = await Band.select(Band.c.name).where(Band.c.id.eq(k.band.Pythonistas)).output({ asJson: true });
        expect(json).to.equal('[{"name":"Pythonistas"}]');
      });

      it("refuses unknown options", () => {
        const { Band } = f;
        expect(() => Band.select().output({ asLsit: true } as never)).to.throw(/no option "asLsit"/);
      });
    });

    describe("distinct()", () => {
      it("DISTINCT removes duplicate rows", async () => {
        const { Ticket } = f;
        expect(await Ticket.select(Ticket.c.concert).distinct().orderBy(Ticket.c.concert)).to.deep.equal([
          { concert: k.concert[0] },
          { concert: k.concert[1] },
        ]);
      });

      it("PostgreSQL only: distinct({ on }) keeps the first row per value", async function () {
        onlyEngines(this, ctx, "postgres");
        const { Ticket } = f;
        const rows = await Ticket.select(Ticket.c.concert, Ticket.c.price)
          .distinct({ on: [Ticket.c.concert] })
          .orderBy(Ticket.c.concert, Ticket.c.price.desc());
        expect(rows).to.deep.equal([
          { concert: k.concert[0], price: "75.50" },
          { concert: k.concert[1], price: "20.25" },
        ]);
      });

      it("SQLite only: distinct({ on }) is a clear compile-time error", async function () {
        onlyEngines(this, ctx, "sqlite", "sqlite3");
        const { Ticket } = f;
        expect(() =>
          Ticket.select(Ticket.c.concert)
            .distinct({ on: [Ticket.c.concert] })
            .toSQL(),
        ).to.throw(UnsupportedFeatureError, /only supported on PostgreSQL/);
      });
    });

    describe("lockRows()", () => {
      it("PostgreSQL only: FOR UPDATE makes a second locker wait, NOWAIT fails, SKIP LOCKED skips", async function () {
        onlyEngines(this, ctx, "postgres");
        const { Band } = f;
        const q = Band.select(Band.c.id).where(Band.c.id.eq(k.band.Pythonistas));
        expect(q.lockRows().toSQL().sql).to.match(/ FOR UPDATE$/);
        expect(q.lockRows({ mode: "share", of: [Band] }).toSQL().sql).to.match(/ FOR SHARE OF "band"$/);
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const holder = ctx.engine.transaction(async () => {
          await q.lockRows();
          await held;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const nowait = await ctx.engine
          .transaction(() => q.lockRows({ nowait: true }).run())
          .then(
            () => null,
            (e: Error) => e,
          );
        expect(nowait?.message).to.match(/could not obtain lock/);
        const skipped = await ctx.engine.transaction(() =>
          Band.select(Band.c.id)
            .where(Band.c.id.lte(k.band.Rustaceans))
            .orderBy(Band.c.id)
            .lockRows({ skipLocked: true })
            .run(),
        );
        expect(skipped).to.deep.equal([{ id: k.band.Rustaceans }]);
        release();
        await holder;
      });

      it("SQLite only: the plain form runs (the write lock already excludes writers); nowait is refused", async function () {
        onlyEngines(this, ctx, "sqlite", "sqlite3");
        const { Band } = f;
        const rows = await ctx.engine.transaction(() =>
          Band.select(Band.c.id).where(Band.c.id.eq(k.band.Pythonistas)).lockRows().run(),
        );
        expect(rows).to.deep.equal([{ id: k.band.Pythonistas }]);
        expect(() => Band.select().lockRows({ nowait: true }).toSQL()).to.throw(UnsupportedFeatureError);
        expect(() => Band.select().lockRows({ mode: "exclusive" as never })).to.throw(/mode must be one of/);
      });
    });

    describe("callback()", () => {
      it("sees the result, may replace it, and runs in order", async () => {
        const { Band } = f;
        const seen: number[] = [];
        const rows = await Band.select(Band.c.name)
          .orderBy(Band.c.name)
          .callback((r) => void seen.push(r.length))
          .callback((r) => r.slice(0, 1));
        expect(seen).to.deep.equal([3]);
        expect(rows).to.deep.equal([{ name: "C-Sharps" }]);
        expect(await Band.count().callback((n) => n * 10)).to.equal(30);
        expect(
          await Band.select(Count())
            .first()
            .callback(async (r) => ({ count: r!.count + 1 })),
        ).to.deep.equal({ count: 4 });
      });
    });
  },
  { also: ["sqlite3"] },
);
