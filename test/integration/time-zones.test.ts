import { expect } from "chai";
import { DateColumn, Extract, Table, Time, Timestamp, Timestamptz, column, table } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useProcessTimeZone } from "../support/time-zone";

// A planted bug took the local rather than the UTC day of a Date, and passed because the suite ran
// in UTC. These tests run in Kathmandu (+05:45) whatever zone the runner is in, with instants whose
// local day or hour differs from the UTC one, so such a mistake fails here (CI also sets the TZ).
describeEachEngine(
  "time zones: dates and times are UTC whatever the process's zone",
  (ctx) => {
    useProcessTimeZone("Asia/Kathmandu");

    function define() {
      @table({ db: ctx.engine, tablename: "tz_event" })
      class Event extends Table<Event>() {
        @column(DateColumn({ null: true })) day!: string | null;
        @column(Time({ null: true })) at!: string | null;
        @column(Timestamp({ null: true })) naive!: Date | null;
        @column(Timestamptz({ null: true })) aware!: Date | null;
      }
      return Event;
    }
    let Event: ReturnType<typeof define>;

    beforeEach(async () => {
      await ctx.dropTables("tz_event");
      Event = define();
      await Event.createTable();
    });
    after(() => ctx.dropTables("tz_event"));

    // 20:30 UTC on 1 March is 02:15 on 2 March in Kathmandu.
    const evening = new Date("2024-03-01T20:30:00Z");

    it("really runs outside UTC", () => {
      expect(evening.getTimezoneOffset()).to.equal(-345);
      expect(evening.getDate()).to.equal(2);
    });

    it("a Date given to a DateColumn stores its UTC day, and reads back as that day", async () => {
      await Event.insert({ day: evening as never });
      expect(await Event.select(Event.c.day)).to.deep.equal([{ day: "2024-03-01" }]);
      expect(await Event.count().where(Event.c.day.eq("2024-03-01"))).to.equal(1);
      expect(await Event.count().where(Event.c.day.eq(evening as never))).to.equal(1);
      const event = (await Event.objects().first())!;
      expect(event.day).to.equal("2024-03-01");
    });

    it("a day string is stored and read unchanged, also on the last day of a month and year", async () => {
      await Event.insert({ day: "2023-12-31" }, { day: "2024-02-29" });
      expect((await Event.select(Event.c.day).orderBy(Event.c.day)).map((r) => r.day)).to.deep.equal([
        "2023-12-31",
        "2024-02-29",
      ]);
      expect(await Event.count().where(Event.c.day.gt("2024-01-01"))).to.equal(1);
    });

    it("a Date given to a Time column stores its UTC time of day", async () => {
      await Event.insert({ at: evening as never });
      expect(await Event.select(Event.c.at)).to.deep.equal([{ at: "20:30:00" }]);
    });

    it("Timestamp and Timestamptz keep the instant, and Extract reads UTC parts", async () => {
      await Event.insert({ naive: evening, aware: evening });
      const [row] = await Event.select(Event.c.naive, Event.c.aware);
      expect(row!.naive!.toISOString()).to.equal("2024-03-01T20:30:00.000Z");
      expect(row!.aware!.toISOString()).to.equal("2024-03-01T20:30:00.000Z");
      const parts = await Event.select(
        Extract("day", Event.c.naive).as("day"),
        Extract("hour", Event.c.naive).as("hour"),
      );
      expect(parts).to.deep.equal([{ day: 1, hour: 20 }]);
      expect(await Event.count().where(Event.c.aware.eq(new Date("2024-03-02T02:15:00+05:45")))).to.equal(1);
    });

    it("an ISO string without a zone means UTC, not the process's local time", async () => {
      await Event.insert({ naive: "2024-03-01T20:30:00" as never, aware: "2024-03-01 20:30" as never });
      await Event.insert({ naive: "2024-03-01T20:30:00.250+05:45" as never, aware: "2024-03-01T20:30:00Z" as never });
      const rows = await Event.select(Event.c.naive, Event.c.aware).orderBy(Event.c.id);
      expect(rows.map((r) => [r.naive!.toISOString(), r.aware!.toISOString()])).to.deep.equal([
        ["2024-03-01T20:30:00.000Z", "2024-03-01T20:30:00.000Z"],
        ["2024-03-01T14:45:00.250Z", "2024-03-01T20:30:00.000Z"],
      ]);
      expect(await Event.count().where(Event.c.naive.eq("2024-03-01T20:30:00" as never))).to.equal(1);
    });

    it("a DateColumn's default is today's UTC day", async () => {
      @table({ db: ctx.engine, tablename: "tz_event" })
      class Defaulted extends Table<Defaulted>() {
        @column(DateColumn()) day!: string;
      }
      const before = new Date().toISOString().slice(0, 10);
      const fresh = new Defaulted();
      const after = new Date().toISOString().slice(0, 10);
      expect([before, after]).to.include(fresh.day);
    });
  },
  { also: ["sqlite3"] },
);
