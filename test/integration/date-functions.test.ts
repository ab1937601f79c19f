import { expect } from "chai";
import {
  AtTimeZone,
  DateColumn,
  DateFormat,
  Extract,
  Now,
  OrmError,
  Table,
  Time,
  Timestamp,
  Timestamptz,
  UnsupportedFeatureError,
  Varchar,
  column,
  table,
} from "../../lib";
import { describeEachEngine, onlyEngines } from "../support/engines";
import { useProcessTimeZone } from "../support/time-zone";

// The suite runs in Kathmandu (+05:45, no daylight saving): 20:30 UTC on 1 March is 02:15 on
// 2 March there, so a value formatted in the process's or the session's zone instead of UTC, or a
// zone applied twice, changes the day and the minutes and fails.
describeEachEngine("date functions: DateFormat, AtTimeZone, Now", (ctx) => {
  useProcessTimeZone("Asia/Kathmandu");

  function define() {
    @table({ db: ctx.engine, tablename: "df_event" })
    class Event extends Table<Event>() {
      @column(Varchar()) name!: string;
      @column(DateColumn({ null: true })) day!: string | null;
      @column(Time({ null: true })) at!: string | null;
      @column(Timestamp({ null: true })) naive!: Date | null;
      @column(Timestamptz({ null: true })) aware!: Date | null;
    }
    return Event;
  }
  let Event: ReturnType<typeof define>;

  const evening = new Date("2024-03-01T20:30:05.123Z");

  beforeEach(async () => {
    await ctx.dropTables("df_event");
    Event = define();
    await Event.createTable();
    await Event.insert(
      { name: "evening", day: "2024-03-01", at: "20:30:05", naive: evening, aware: evening },
      { name: "empty", day: null, at: null, naive: null, aware: null },
    );
  });
  after(() => ctx.dropTables("df_event"));

  it("really runs outside UTC", () => {
    expect(evening.getTimezoneOffset()).to.equal(-345);
  });

  it("DateFormat formats dates, timestamps and timestamptz in UTC with the portable tokens", async () => {
    const pattern = "%Y-%m-%d %H:%M:%S | %f | day %j | 100%%";
    const row = await Event.select(
      DateFormat(Event.c.naive, pattern).as("naive"),
      DateFormat(Event.c.aware, pattern).as("aware"),
      DateFormat(Event.c.day, "%d/%m/%Y").as("day"),
    )
      .where(Event.c.name.eq("evening"))
      .first();
    const expected = "2024-03-01 20:30:05 | 05.123 | day 061 | 100%";
    expect(row).to.deep.equal({ naive: expected, aware: expected, day: "01/03/2024" });
  });

  it("DateFormat keeps literal text that to_char would read as patterns, and quotes and backslashes", async () => {
    const row = await Event.select(DateFormat(Event.c.aware, 'Day DD "Y" \\ %Y').as("text"))
      .where(Event.c.name.eq("evening"))
      .first();
    expect(row).to.deep.equal({ text: 'Day DD "Y" \\ 2024' });
  });

  it("DateFormat of null is null, and works in where and orderBy", async () => {
    const rows = await Event.select(Event.c.name, DateFormat(Event.c.aware, "%Y").as("year")).orderBy(Event.c.name);
    expect(rows).to.deep.equal([
      { name: "empty", year: null },
      { name: "evening", year: "2024" },
    ]);
    expect(await Event.count().where(DateFormat(Event.c.naive, "%m-%d").eq("03-01"))).to.equal(1);
  });

  it("DateFormat refuses patterns it cannot map and columns that are no dates", () => {
    for (const pattern of ["%B %Y", "%y", "%a", "%s", "%w", "50%"])
      expect(() => DateFormat(Event.c.aware, pattern), pattern)
        .to.throw(OrmError, /DateFormat\(\) cannot map/)
        .with.property("code", "PICCOLO_UNSUPPORTED_DATE_FORMAT");
    expect(() => DateFormat(Event.c.name as never, "%Y")).to.throw(OrmError, /DateFormat\(\) works on DateColumn/);
  });

  it("AtTimeZone gives the zone's wall clock, on both timestamp kinds (postgres only)", async function () {
    onlyEngines(this, ctx, "postgres");
    const row = await Event.select(
      AtTimeZone(Event.c.naive, "Asia/Kathmandu").as("naive"),
      AtTimeZone(Event.c.aware, "Asia/Kathmandu").as("aware"),
      DateFormat(AtTimeZone(Event.c.aware, "Asia/Kathmandu"), "%Y-%m-%d %H:%M").as("text"),
      Extract("hour", AtTimeZone(Event.c.aware, "America/New_York")).as("newYorkHour"),
      AtTimeZone(Event.c.aware, "UTC").as("utc"),
    )
      .where(Event.c.name.eq("evening"))
      .first();
    // The wall clock reads as a zone-less timestamp: its UTC fields are Kathmandu's local time.
    expect(row!.naive!.toISOString()).to.equal("2024-03-02T02:15:05.123Z");
    expect(row!.aware!.toISOString()).to.equal("2024-03-02T02:15:05.123Z");
    expect(row!.text).to.equal("2024-03-02 02:15");
    expect(row!.newYorkHour).to.equal(15); // EST, -05:00 on 1 March
    expect(row!.utc!.toISOString()).to.equal(evening.toISOString());
    const empty = await Event.select(AtTimeZone(Event.c.aware, "Asia/Kathmandu").as("t"))
      .where(Event.c.name.eq("empty"))
      .first();
    expect(empty).to.deep.equal({ t: null });
  });

  it("AtTimeZone does not depend on the session's TimeZone (postgres only)", async function () {
    onlyEngines(this, ctx, "postgres");
    await ctx.engine.transaction(async () => {
      await ctx.engine.rawQuery("SET LOCAL TimeZone = 'America/Los_Angeles'");
      const row = await Event.select(
        DateFormat(AtTimeZone(Event.c.aware, "Asia/Kathmandu"), "%H:%M").as("kathmandu"),
        DateFormat(Event.c.aware, "%H:%M").as("utc"),
        DateFormat(AtTimeZone(Event.c.naive, "Asia/Kathmandu"), "%H:%M").as("naive"),
      )
        .where(Event.c.name.eq("evening"))
        .first();
      expect(row).to.deep.equal({ kathmandu: "02:15", utc: "20:30", naive: "02:15" });
    });
  });

  it("Extract takes a Timestamptz's UTC parts whatever the session's TimeZone, as SQLite does (postgres only)", async function () {
    onlyEngines(this, ctx, "postgres");
    await ctx.engine.transaction(async () => {
      await ctx.engine.rawQuery("SET LOCAL TimeZone = 'Asia/Kathmandu'");
      const row = await Event.select(
        Extract("day", Event.c.aware).as("day"),
        Extract("hour", Event.c.aware).as("hour"),
        Extract("minute", Event.c.aware).as("minute"),
        Extract("epoch", Event.c.aware).as("epoch"),
        Extract("epoch", Event.c.naive).as("naiveEpoch"),
        Extract("hour", AtTimeZone(Event.c.aware, "Asia/Kathmandu")).as("localHour"),
      )
        .where(Event.c.name.eq("evening"))
        .first();
      const epoch = evening.getTime() / 1000;
      expect(row).to.deep.equal({ day: 1, hour: 20, minute: 30, epoch, naiveEpoch: epoch, localHour: 2 });
    });
  });

  it("AtTimeZone on SQLite: UTC is the value itself, other zones are refused when the query compiles (sqlite only)", async function () {
    onlyEngines(this, ctx, "sqlite", "sqlite3");
    const row = await Event.select(AtTimeZone(Event.c.aware, "UTC").as("utc"))
      .where(Event.c.name.eq("evening"))
      .first();
    expect(row!.utc!.toISOString()).to.equal(evening.toISOString());
    const query = Event.select(AtTimeZone(Event.c.aware, "Asia/Kathmandu"));
    expect(() => query.toSQL())
      .to.throw(UnsupportedFeatureError, /SQLite has no time zone rules/)
      .with.property("code", "PICCOLO_TIME_ZONE_UNSUPPORTED");
  });

  it("AtTimeZone refuses unknown zones, offsets and columns that are no timestamps", () => {
    for (const zone of ["Mars/Olympus", "+05:45", "", "05:45"])
      expect(() => AtTimeZone(Event.c.aware, zone), zone)
        .to.throw(OrmError, /IANA time zone name/)
        .with.property("code", "PICCOLO_UNKNOWN_TIME_ZONE");
    expect(() => AtTimeZone(Event.c.day as never, "UTC")).to.throw(OrmError, /AtTimeZone\(\) works on Timestamp/);
  });

  it("Now in select, where and update, in the form of each date and time column", async () => {
    const before = Date.now();
    const selected = await Event.select(Now()).first();
    expect(selected!.now).to.be.instanceOf(Date);
    expect(Math.abs(selected!.now.getTime() - before)).to.be.below(60_000);

    expect(await Event.count().where(Event.c.aware.lt(Now()))).to.equal(1);
    expect(await Event.count().where(Event.c.naive.lt(Now()))).to.equal(1);
    expect(await Event.count().where(Event.c.aware.gt(Now()))).to.equal(0);

    await Event.update({ naive: Now(), aware: Now(), day: Now() as never, at: Now() as never }).where(
      Event.c.name.eq("empty"),
    );
    const row = (await Event.objects().where(Event.c.name.eq("empty")).first())!;
    const after = Date.now();
    for (const value of [row.naive!, row.aware!]) {
      expect(value.getTime()).to.be.within(before - 2_000, after + 2_000);
    }
    // The day and time of day are UTC's, as the columns store them.
    const utcNow = new Date(row.aware!.getTime()).toISOString();
    expect(row.day).to.equal(utcNow.slice(0, 10));
    expect(row.at).to.match(/^\d\d:\d\d:\d\d$/);
    expect(row.at!.slice(0, 2)).to.equal(utcNow.slice(11, 13));
  });

  it("Now compared with a zone-less timestamp holds whatever the session's TimeZone (postgres only)", async function () {
    onlyEngines(this, ctx, "postgres");
    // Two minutes from now in UTC: earlier than now only if the timestamp were read as local time.
    await Event.update({ naive: new Date(Date.now() + 120_000) }).where(Event.c.name.eq("empty"));
    await ctx.engine.transaction(async () => {
      await ctx.engine.rawQuery("SET LOCAL TimeZone = 'Asia/Kathmandu'");
      expect(await Event.count().where(Event.c.naive.gt(Now()))).to.equal(1);
      await Event.update({ naive: Now() }).where(Event.c.name.eq("evening"));
    });
    const row = (await Event.objects().where(Event.c.name.eq("evening")).first())!;
    expect(Math.abs(row.naive!.getTime() - Date.now())).to.be.below(60_000);
  });
});
