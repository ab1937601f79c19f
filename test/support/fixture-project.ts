/**
 * A project for the CLI tool tests (fixtures, shell, tester, app list): an app "kitchen" whose
 * tables hold every column type, a self reference (Person.mentor) and a cycle (Country.capital ↔
 * City.country), with app commands that create the tables, seed them and check them.
 */
import { tsconfigTemplate } from "../../lib/cli/templates";
import { pgEnv, removeDir, tempProject, throwawayDatabase, writeFiles } from "./cli";
import type { EngineContext } from "./engines";

const config = `import { PostgresEngine, SQLiteEngine } from "piccolo-orm";

export const DB =
  process.env.PICCOLO_TEST_ENGINE === "postgres"
    ? new PostgresEngine({ config: {} })
    : new SQLiteEngine({ path: process.env.PICCOLO_TEST_DATABASE ?? "piccolo.sqlite" });
export const APP_REGISTRY = { apps: ["./kitchen/piccolo_app"] };
`;

const tables = `import {
  ArrayColumn, BigIntColumn, BooleanColumn, Bytea, DateColumn, DoublePrecision, ForeignKey, Integer, Interval,
  JSONB, JSONColumn, Numeric, Real, SmallInt, Table, Text, Time, Timestamp, Timestamptz, UUID, Varchar,
  column, table, type Ref,
} from "piccolo-orm";
import { DB } from "../piccolo.config";

@table({ db: DB })
export class Sink extends Table<Sink>() {
  @column(SmallInt({ null: true })) small!: number | null;
  @column(BigIntColumn({ null: true })) big!: bigint | null;
  @column(Numeric({ digits: [30, 10], null: true })) exact!: Numeric | null;
  @column(Real({ null: true })) single!: number | null;
  @column(DoublePrecision({ null: true })) double!: number | null;
  @column(BooleanColumn({ null: true })) flag!: boolean | null;
  @column(Text({ null: true })) note!: string | null;
  @column(Bytea({ null: true })) blob!: Uint8Array | null;
  @column(JSONColumn({ null: true })) doc!: unknown;
  @column(JSONB({ null: true })) docb!: unknown;
  @column(ArrayColumn(Integer(), { null: true })) numbers!: number[] | null;
  @column(ArrayColumn(Varchar(), { null: true })) words!: string[] | null;
  @column(Timestamptz({ null: true })) at!: Date | null;
  @column(Timestamp({ null: true })) local!: Date | null;
  @column(DateColumn({ null: true })) day!: string | null;
  @column(Time({ null: true })) clock!: string | null;
  @column(Interval({ null: true })) span!: number | null;
  @column(UUID({ null: true })) uid!: string | null;
}

@table({ db: DB })
export class Person extends Table<Person>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey((): typeof Person => Person, { null: true })) mentor!: Ref<Person> | null;
}

@table({ db: DB })
export class City extends Table<City>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey((): typeof Country => Country, { null: false })) country!: Ref<Country>;
}

@table({ db: DB })
export class Country extends Table<Country>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey((): typeof City => City, { null: true })) capital!: Ref<City> | null;
}

@table({ db: DB })
export class Line extends Table<Line>() {
  @column(Text()) body!: string;
}

export const ALL = [Sink, Person, City, Country, Line] as const;
`;

const app = `import { AppConfig } from "piccolo-orm";
import { DB } from "../piccolo.config";
import { ALL, City, Country, Line, Person, Sink } from "./tables";

async function create() {
  for (const t of [...ALL].reverse()) await t.dropTable({ ifExists: true, cascade: true });
  // SQLite accepts a key to a table created later; PostgreSQL gets the cycle's key afterwards.
  if (DB.dialect.name === "postgres") {
    await DB.rawQuery('CREATE TABLE "city" ("id" serial PRIMARY KEY, "name" varchar(50) NOT NULL, "country" integer NOT NULL)');
    await DB.rawQuery('CREATE TABLE "country" ("id" serial PRIMARY KEY, "name" varchar(50) NOT NULL, "capital" integer REFERENCES "city" ("id"))');
    await DB.rawQuery('ALTER TABLE "city" ADD FOREIGN KEY ("country") REFERENCES "country" ("id")');
    for (const t of [Sink, Person, Line]) await t.createTable();
  } else for (const t of ALL) await t.createTable();
}

async function seed(lines = "0") {
  await create();
  await Sink.insert(
    new Sink({
      small: -32768, big: 9223372036854775807n, exact: "12345678901234567890.0123456789", single: 0.1,
      double: 1 / 3, flag: true, note: 'quotes " and \\\\ and\\nnewlines, ünïcødé 🎸', blob: new Uint8Array([0, 1, 127, 128, 255]),
      doc: { a: [1, 2.5, null], b: "x" }, docb: { nested: { deep: true } }, numbers: [1, -2, 3], words: ["a", "b c", "d,e"],
      at: new Date("2024-02-29T23:59:59.123Z"), local: new Date("2024-01-01T12:00:00Z"), day: "2024-12-31",
      clock: "23:59:58", span: 90 * 60_000, uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    }),
    new Sink({}),
  );
  if (DB.dialect.name === "postgres") {
    // What a JS Date or number cannot hold: microseconds, a zone, months, NaN.
    await DB.rawQuery("UPDATE sink SET at = '2024-01-02 03:04:05.123456+05:45', local = '1999-12-31 23:59:59.999999', span = '1 year 2 mons 3 days 04:05:06.789', double = 'NaN', clock = '12:34:56.789012' WHERE id = 1");
  } else {
    await DB.rawQuery("UPDATE sink SET big = 9007199254740993, single = 1e308 * 10 WHERE id = 1");
  }
  const ada = new Person({ name: "Ada", mentor: null });
  await Person.insert(ada);
  const grace = new Person({ name: "Grace", mentor: ada.id });
  await Person.insert(grace);
  await Person.update({ mentor: grace.id }).where(Person.c.id.eq(ada.id));
  const nepal = new Country({ name: "Nepal", capital: null });
  await Country.insert(nepal);
  const kathmandu = new City({ name: "Kathmandu", country: nepal.id });
  await City.insert(kathmandu);
  await Country.update({ capital: kathmandu.id }).where(Country.c.id.eq(nepal.id));
  const body = "x".repeat(1000);
  const n = Number(lines);
  for (let i = 0; i < n; i += 5000)
    await Line.insert(...Array.from({ length: Math.min(5000, n - i) }, () => new Line({ body })));
}

async function check() {
  const ada = await Person.objects().get(Person.c.name.eq("Ada"));
  const mentor = await Person.objects().get(Person.c.id.eq(ada!.mentor as number));
  const newcomer = new Person({ name: "Newcomer", mentor: ada!.id });
  await Person.insert(newcomer);
  const capital = await Country.select(Country.c.capital.name).first();
  console.log(JSON.stringify({ mentor: mentor!.name, newId: newcomer.id, capital }));
}

export const APP_CONFIG = new AppConfig({
  name: "kitchen",
  tables: [...ALL],
  commands: [
    { name: "create", run: create },
    { name: "seed", run: seed },
    { name: "check", run: check },
    { name: "count", run: async () => console.log(JSON.stringify({ sink: await Sink.count(), person: await Person.count(), line: await Line.count() })) },
  ],
});
`;

/** Writes the project into `dir` (made by tempProject). */
export function writeFixtureProject(dir: string): void {
  writeFiles(dir, {
    "tsconfig.json": tsconfigTemplate,
    "piccolo.config.ts": config,
    "kitchen/tables.ts": tables,
    "kitchen/piccolo_app.ts": app,
  });
}

/** The environment that points the project at an engine (PG* variables come from pgEnv). */
export function engineEnv(engine: string, pg: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return engine === "postgres" ? { ...pg, PICCOLO_TEST_ENGINE: "postgres" } : { PICCOLO_TEST_ENGINE: "sqlite" };
}

/**
 * The fixture project for one engine's suite: written to a temp folder (with a throwaway PostgreSQL
 * database on PostgreSQL) before the suite, removed after. Read `dir` and `env` inside the tests.
 */
export function useFixtureProject(ctx: EngineContext): { dir: string; env: NodeJS.ProcessEnv } {
  const project = { dir: "", env: {} as NodeJS.ProcessEnv };
  let dropDatabase: (() => Promise<void>) | undefined;
  before(async function () {
    this.timeout(60_000);
    void ctx.engine; // skipped here when PostgreSQL is unreachable
    project.dir = tempProject();
    writeFixtureProject(project.dir);
    if (ctx.family === "postgres") {
      const database = await throwawayDatabase();
      dropDatabase = database.drop;
      project.env = engineEnv("postgres", pgEnv(database.name));
    } else project.env = engineEnv("sqlite", {});
  });
  after(async function () {
    this.timeout(30_000);
    await dropDatabase?.();
    if (project.dir) removeDir(project.dir);
  });
  return project;
}
