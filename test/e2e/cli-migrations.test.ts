import { expect } from "chai";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Engine, PostgresEngine, SQLiteEngine } from "../../lib";
import { piccolo, piccoloOk, pgEnv, removeDir, tempProject, throwawayDatabase, writeFiles } from "../support/cli";
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
  .replace("@column(Varchar({ length: 50 })) name!: string;\n  @column(ForeignKey", "@column(Varchar({ length: 80 })) title!: string;\n  @column(Integer({ default: 7 })) popularity!: number;\n  @column(ForeignKey")
  .replace("@column(Varchar({ length: 50 })) name!: string;\n}", "@column(Varchar({ length: 50, unique: true })) name!: string;\n}");

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
    if (ctx.name === "postgres") {
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
    expect(readFileSync(join(dir, "piccolo.config.ts"), "utf8")).to.contain(ctx.name === "postgres" ? "new PostgresEngine" : 'new SQLiteEngine({ path: "piccolo.sqlite" })');
    expect(piccoloOk(dir, ["app", "new", "music"], { env })).to.contain("Registered ./music/piccolo_app");
    expect(readFileSync(join(dir, "piccolo.config.ts"), "utf8")).to.contain('"./music/piccolo_app"');
    for (const f of ["music/piccolo_app.ts", "music/tables.ts", "music/migrations"]) expect(existsSync(join(dir, f)), f).to.equal(true);
    expect(piccolo(dir, ["project", "new"], { env }).stderr).to.contain("already exists");
  });

  it("migrations new --auto writes the first migration, then finds no changes", () => {
    writeFiles(dir, { "music/tables.ts": tablesV1 });
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto", "--desc", "initial"], { env })).to.match(/createTable manager[\s\S]*createTable band/);
    expect(migrationFiles()).to.have.length(1);
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto"], { env })).to.contain("No changes detected");
    expect(migrationFiles()).to.have.length(1);
  });

  it("forwards runs it once; running it again does nothing", async () => {
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
    expect(piccoloOk(dir, ["migrations", "forwards", "all"], { env })).to.contain("Nothing to run");
    await rows("INSERT INTO manager (name) VALUES ('Guido')");
    await rows("INSERT INTO band (name, manager) VALUES ('Pythonistas', 1), ('Rustaceans', NULL)");
  });

  it("refuses to guess a rename when not interactive, and renames with --rename (data kept)", async () => {
    writeFiles(dir, { "music/tables.ts": tablesV2 });
    const refused = piccolo(dir, ["migrations", "new", "music", "--auto"], { env });
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.contain("--rename band.name:title");
    expect(migrationFiles()).to.have.length(1);
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto", "--rename", "band.name:title"], { env })).to.contain("renameColumn band.name → title");
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto"], { env })).to.contain("No changes detected");
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
    expect(await rows("SELECT title, popularity, manager FROM band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas", popularity: 7, manager: 1 },
      { title: "Rustaceans", popularity: 7, manager: null },
    ]);
    const check = piccoloOk(dir, ["migrations", "check"], { env });
    expect(check.match(/applied/g)).to.have.length(2);
    expect(check).to.not.contain("table changes with no migration");
  });

  it("backwards undoes the latest migration keeping the data; forwards again; then back to nothing", async () => {
    expect(piccoloOk(dir, ["migrations", "backwards", "music"], { env })).to.contain("1 migration reversed");
    expect(await rows("SELECT name, manager FROM band ORDER BY id")).to.deep.equal([
      { name: "Pythonistas", manager: 1 },
      { name: "Rustaceans", manager: null },
    ]);
    expect(piccoloOk(dir, ["migrations", "forwards", "music"], { env })).to.contain("1 migration ran");
    expect(await rows("SELECT title FROM band ORDER BY id")).to.deep.equal([{ title: "Pythonistas" }, { title: "Rustaceans" }]);
    expect(piccoloOk(dir, ["migrations", "backwards", "music", "--migration-id", "all"], { env })).to.contain("2 migrations reversed");
    expect(piccoloOk(dir, ["migrations", "backwards", "music"], { env })).to.contain("Nothing to undo");
    expect(piccoloOk(dir, ["migrations", "check"], { env }).match(/pending/g)).to.have.length(2);
  });
});
