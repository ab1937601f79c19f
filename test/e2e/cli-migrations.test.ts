import { expect } from "chai";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Engine, PostgresEngine, SQLiteEngine } from "../../lib";
import {
  piccolo,
  piccoloAsync,
  piccoloOk,
  piccoloOnTerminal,
  pgEnv,
  removeDir,
  tempProject,
  throwawayDatabase,
  writeFiles,
} from "../support/cli";
import { describeEachEngine, pgConfig } from "../support/engines";

const tablesV1 = `import { Table, table, column, Varchar, ForeignKey, type Ref } from "piccolo-orm";
import { DB } from "../piccolo.config";

@table({ db: DB })
export class Manager extends Table<Manager>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db: DB })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
}
`;

// A rename, a NOT NULL column with a default, a new unique constraint and a type change.
const tablesV2 = tablesV1
  .replace("Varchar, ForeignKey", "Varchar, Integer, ForeignKey")
  .replace(
    "@column(Varchar({ length: 50 })) name!: string;\n  @column(ForeignKey",
    "@column(Varchar({ length: 80 })) title!: string;\n  @column(Integer({ default: 7 })) popularity!: number;\n  @column(ForeignKey",
  )
  .replace(
    "@column(Varchar({ length: 50 })) name!: string;\n}",
    "@column(Varchar({ length: 50, unique: true })) name!: string;\n}",
  );

describeEachEngine("CLI: project, app and migrations as a user runs them", (ctx) => {
  let dir: string;
  let env: NodeJS.ProcessEnv = {};
  let db: Engine;
  let dropDatabase: (() => Promise<void>) | undefined;
  const migrationFiles = () => readdirSync(join(dir, "music/migrations")).filter((f) => f.endsWith(".ts"));
  const rows = (sql: string) => db.rawQuery(sql);

  before(async function () {
    this.timeout(60_000);
    void ctx.engine; // the suite is skipped here when PostgreSQL is unreachable
    dir = tempProject();
    if (ctx.family === "postgres") {
      const database = await throwawayDatabase();
      dropDatabase = database.drop;
      env = pgEnv(database.name);
      piccoloOk(dir, ["project", "new", "--engine", "postgres", "--database", database.name], { env });
      db = new PostgresEngine({ config: { ...pgConfig(), database: database.name } });
    } else {
      piccoloOk(dir, ["project", "new"]);
      db = new SQLiteEngine({ path: join(dir, "piccolo.sqlite") });
    }
  });

  after(async function () {
    this.timeout(30_000);
    await db?.close();
    await dropDatabase?.();
    if (dir) removeDir(dir);
  });

  it("project new writes a config; app new creates the app and registers it", () => {
    expect(readFileSync(join(dir, "piccolo.config.ts"), "utf8")).to.contain(
      ctx.family === "postgres" ? "new PostgresEngine" : 'new SQLiteEngine({ path: "piccolo.sqlite" })',
    );
    expect(piccoloOk(dir, ["app", "new", "music"], { env })).to.contain("Registered ./music/piccolo_app");
    expect(readFileSync(join(dir, "piccolo.config.ts"), "utf8")).to.contain('"./music/piccolo_app"');
    for (const f of ["music/piccolo_app.ts", "music/tables.ts", "music/migrations"])
      expect(existsSync(join(dir, f)), f).to.equal(true);
    expect(piccolo(dir, ["project", "new"], { env }).stderr).to.contain("already exists");
  });

  it("migrations new --auto writes the first migration, then finds no changes", () => {
    writeFiles(dir, { "music/tables.ts": tablesV1 });
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto", "--desc", "initial"], { env })).to.match(
      /createTable manager[\s\S]*createTable band/,
    );
    expect(migrationFiles()).to.have.length(1);
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto"], { env })).to.contain("No changes detected");
    expect(migrationFiles()).to.have.length(1);
  });

  it("forwards --preview prints the SQL per migration, and runs and records nothing", async () => {
    const preview = piccoloOk(dir, ["migrations", "forwards", "music", "--preview"], { env });
    const keysOff =
      ctx.family === "postgres" ? "" : "-- foreign keys off around the transaction, every row checked before commit\n"; // SQLite's PRAGMA
    expect(preview).to.contain(
      `: forwards, in one transaction\n${keysOff}-- create table manager\nCREATE TABLE "manager"`,
    );
    expect(preview).to.match(/^-- music:\S+ initial: forwards/);
    expect(preview).to.contain('CREATE TABLE "band"').and.contain("nothing was run or recorded");
    const tables = await rows(
      ctx.family === "postgres"
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        : "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    expect(tables).to.deep.equal([]); // not even the migration table
  });

  it("check exits 1 while a migration is pending, saying which", () => {
    const check = piccolo(dir, ["migrations", "check"], { env });
    expect(check.status).to.equal(1);
    expect(check.stdout).to.match(/^pending {2}music /m);
    expect(check.stderr).to.match(
      /Migrations are not up to date:\n {2}- music:\S+ is pending: run piccolo migrations forwards music/,
    );
  });

  it("forwards runs it once; running it again does nothing", async () => {
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
    expect(piccoloOk(dir, ["migrations", "forwards", "all"], { env })).to.contain("Nothing to run");
    await rows("INSERT INTO manager (name) VALUES ('Guido')");
    await rows("INSERT INTO band (name, manager) VALUES ('Pythonistas', 1), ('Rustaceans', NULL)");
  });

  it("check exits 1 when the tables differ from the migrations, saying what differs", () => {
    writeFiles(dir, { "music/tables.ts": tablesV2 });
    const check = piccolo(dir, ["migrations", "check"], { env });
    expect(check.status).to.equal(1);
    expect(check.stderr).to.contain("app music: its tables differ from what its migrations build (");
    expect(check.stderr)
      .to.contain("add column band.title; add column band.popularity; drop column band.name")
      .and.contain("run piccolo migrations new music --auto");
    writeFiles(dir, { "music/tables.ts": tablesV1 });
    expect(piccoloOk(dir, ["migrations", "check"], { env })).to.contain(
      "Every migration is applied and the tables match them.",
    );
  });

  it("refuses to guess a rename when not interactive, and renames with --rename (data kept)", async () => {
    writeFiles(dir, { "music/tables.ts": tablesV2 });
    const refused = piccolo(dir, ["migrations", "new", "music", "--auto"], { env });
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.contain("--rename band.name:title");
    expect(migrationFiles()).to.have.length(1);
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto", "--rename", "band.name:title"], { env })).to.contain(
      "renameColumn band.name → title",
    );
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto"], { env })).to.contain("No changes detected");
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
    expect(await rows("SELECT title, popularity, manager FROM band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas", popularity: 7, manager: 1 },
      { title: "Rustaceans", popularity: 7, manager: null },
    ]);
    const check = piccoloOk(dir, ["migrations", "check"], { env });
    expect(check.match(/^applied/gm)).to.have.length(2);
    expect(check).to.not.contain("table changes with no migration");
  });

  it("backwards lists what it drops and, off a terminal without --yes, refuses and changes nothing", async () => {
    const refused = piccolo(dir, ["migrations", "backwards", "music", "--migration-id", "all"], { env });
    expect(refused.status).to.equal(1);
    expect(refused.stdout).to.match(
      /Undo 2 migrations of app music:\n {2}music \S+\n {4}alter column manager.name\n {4}drop column band.popularity \(its data is lost\)/,
    );
    expect(refused.stdout).to.match(
      /initial\n {4}drop table band \(its data is lost\)\n {4}drop table manager \(its data is lost\)/,
    );
    expect(refused.stderr)
      .to.contain("it is not running on a terminal (stdin and stdout): pass --yes to go ahead")
      .and.contain("Nothing was changed.");
    expect(await rows("SELECT title FROM band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas" },
      { title: "Rustaceans" },
    ]);
    expect(await rows("SELECT count(*) AS n FROM piccolo_migration")).to.deep.equal([
      { n: ctx.family === "postgres" ? "2" : 2 },
    ]);
  });

  it("backwards --preview prints the SQL it would run, and runs and records nothing", async () => {
    const preview = piccoloOk(dir, ["migrations", "backwards", "music", "--migration-id", "all", "--preview"], { env });
    const keysOff =
      ctx.family === "postgres" ? "" : "-- foreign keys off around the transaction, every row checked before commit\n";
    expect(preview).to.match(/^-- music:\S+: backwards, in one transaction\n/);
    expect(preview).to.contain(`: backwards, in one transaction\n${keysOff}-- alter column manager.name\n`);
    expect(preview).to.match(/-- drop table band\nDROP TABLE "band";\n-- drop table manager\nDROP TABLE "manager";/);
    expect(await rows("SELECT title FROM band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas" },
      { title: "Rustaceans" },
    ]);
    expect(await rows("SELECT count(*) AS n FROM piccolo_migration")).to.deep.equal([
      { n: ctx.family === "postgres" ? "2" : 2 },
    ]);
  });

  it("backwards on a terminal asks: no undoes nothing, yes undoes", async function () {
    this.timeout(60_000);
    const declined = await piccoloOnTerminal(dir, ["migrations", "backwards", "music"], "n", { env });
    expect(declined.stdout).to.contain("Undo 1 migration of app music?").and.contain("Cancelled: nothing was undone.");
    expect(declined.status).to.equal(1);
    expect(await rows("SELECT title FROM band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas" },
      { title: "Rustaceans" },
    ]);
    const agreed = await piccoloOnTerminal(dir, ["migrations", "backwards", "music"], "y", { env });
    expect(agreed.stdout).to.contain("1 migration reversed");
    expect(agreed.status).to.equal(0);
    expect(await rows("SELECT name, manager FROM band ORDER BY id")).to.deep.equal([
      { name: "Pythonistas", manager: 1 },
      { name: "Rustaceans", manager: null },
    ]);
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
  });

  it("backwards --yes undoes the latest migration keeping the data; forwards again; then back to nothing", async () => {
    expect(piccoloOk(dir, ["migrations", "backwards", "music", "--yes"], { env })).to.contain("1 migration reversed");
    expect(await rows("SELECT name, manager FROM band ORDER BY id")).to.deep.equal([
      { name: "Pythonistas", manager: 1 },
      { name: "Rustaceans", manager: null },
    ]);
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
    expect(await rows("SELECT title FROM band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas" },
      { title: "Rustaceans" },
    ]);
    expect(piccoloOk(dir, ["migrations", "backwards", "music", "--migration-id", "all", "-y"], { env })).to.contain(
      "2 migrations reversed",
    );
    expect(piccoloOk(dir, ["migrations", "backwards", "music"], { env })).to.contain("Nothing to undo");
    const check = piccolo(dir, ["migrations", "check"], { env });
    expect(check.status).to.equal(1);
    expect(check.stdout.match(/^pending/gm)).to.have.length(2);
  });

  it("clean lists the records of deleted migration files and asks: refused off a terminal, done with --yes", async () => {
    await rows("INSERT INTO piccolo_migration (name, app_name, ran_on) VALUES ('gone', 'music', CURRENT_TIMESTAMP)");
    const refused = piccolo(dir, ["migrations", "clean"], { env });
    expect(refused.status).to.equal(1);
    expect(refused.stdout).to.contain("music:gone");
    expect(refused.stderr)
      .to.contain("piccolo migrations clean would delete 1 record of migrations whose files are gone")
      .and.contain("pass --yes");
    expect(await rows("SELECT name FROM piccolo_migration")).to.deep.equal([{ name: "gone" }]);
    expect(piccoloOk(dir, ["migrations", "clean", "--yes"], { env })).to.contain("Removed 1 record");
    expect(await rows("SELECT name FROM piccolo_migration")).to.deep.equal([]);
    expect(piccoloOk(dir, ["migrations", "clean"], { env })).to.contain("Nothing to clean");
  });

  it("two processes running forwards at once apply each migration once, without error", async function () {
    this.timeout(60_000);
    const runs = await Promise.all([
      piccoloAsync(dir, ["migrations", "forwards", "music"], { env }),
      piccoloAsync(dir, ["migrations", "forwards", "music"], { env }),
    ]);
    for (const r of runs) expect(r.status, r.stderr).to.equal(0);
    const ran = runs.flatMap((r) => r.stdout.match(/^ran +music \S+/gm) ?? []).sort();
    expect(ran).to.have.length(2);
    expect(new Set(ran).size).to.equal(2);
    expect(await rows("SELECT count(*) AS n FROM piccolo_migration")).to.deep.equal([
      { n: ctx.family === "postgres" ? "2" : 2 },
    ]);
    expect(piccoloOk(dir, ["migrations", "check"], { env })).to.contain("Every migration is applied");
  });
});
