/**
 * loadProjectEngine(): an app (a compiled script, run in a project folder as a user runs it) finds
 * piccolo.config.ts as the CLI does — PICCOLO_CONF, or the working folder and above — and its
 * tables declared without `db` run on the config's DB. On SQLite and PostgreSQL.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";
import { SQLiteEngine, loadProjectEngine, withEngine, Table, Varchar, column, table } from "../../lib";
import { removeDir, tempProject, writeFiles } from "../support/cli";
import { describeEachEngine, pgConfig } from "../support/engines";

const APP = resolve(__dirname, "project-engine-app.js");

@table({ tablename: "project_song" })
class ProjectSong extends Table<ProjectSong>() {
  @column(Varchar({ length: 50 })) title!: string;
}

/** Runs the app in `cwd`; resolves with its parsed JSON line and exit status. */
async function runApp(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const { PICCOLO_CONF: _ignored, ...inherited } = process.env;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [APP, ...args], {
      cwd,
      env: { ...inherited, ...env },
      encoding: "utf8",
      timeout: 20000,
    });
    return { status: 0, out: JSON.parse(stdout) as Record<string, unknown> };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { status: code, out: JSON.parse(stdout) as Record<string, unknown> };
  }
}

/** A config file whose DB is the suite's database. */
function configText(engineSource: string): string {
  return [
    `import { AppRegistry, PostgresEngine, SQLiteEngine } from "piccolo-orm";`,
    `export const DB = ${engineSource};`,
    `export const APP_REGISTRY = new AppRegistry({ apps: [] });`,
    "",
  ].join("\n");
}

describeEachEngine("loadProjectEngine: the engine from the project config at run time", (ctx) => {
  let dir: string;
  let engineSource: string;
  const dialect = () => (ctx.family === "postgres" ? "PostgresDialect" : "SQLiteDialect");

  before(async () => {
    dir = tempProject("piccolo-project-engine-");
    engineSource =
      ctx.family === "postgres"
        ? `new PostgresEngine({ config: ${JSON.stringify(pgConfig())} })`
        : `new SQLiteEngine({ path: ${JSON.stringify((ctx.engine as SQLiteEngine).path)} })`;
    await ctx.dropTables("project_song");
    await withEngine(ctx.engine, () => ProjectSong.createTable());
  });
  after(async () => {
    removeDir(dir);
    await ctx.dropTables("project_song");
  });
  beforeEach(() => ctx.engine.rawQuery("DELETE FROM project_song"));

  it("finds piccolo.config.ts in a folder above the working folder and makes its DB the default", async () => {
    writeFiles(dir, { "piccolo.config.ts": configText(engineSource), "src/server/.keep": "" });
    const { status, out } = await runApp(join(dir, "src/server"));
    expect({ status, out }).to.deep.equal({ status: 0, out: { isDefault: true, dialect: dialect(), count: 1 } });
    expect(await ctx.engine.rawQuery("SELECT title FROM project_song")).to.deep.equal([{ title: "From config" }]);
  });

  it("PICCOLO_CONF and configPath name another config file", async () => {
    writeFiles(dir, { "config/staging.config.ts": configText(engineSource) });
    const viaEnv = await runApp(dir, [], { PICCOLO_CONF: "config/staging.config.ts" });
    expect(viaEnv.out).to.deep.equal({ isDefault: true, dialect: dialect(), count: 1 });
    const viaOption = await runApp(dir, ["config/staging.config.ts"]);
    expect(viaOption.out).to.deep.equal({ isDefault: true, dialect: dialect(), count: 2 });
  });
});

describe("loadProjectEngine: errors", () => {
  let dir: string;
  before(() => (dir = tempProject("piccolo-project-engine-")));
  after(() => removeDir(dir));

  it("no config file: PICCOLO_CONFIG_NOT_FOUND", async () => {
    const { status, out } = await runApp(dir);
    expect(status).to.equal(1);
    expect(out.code).to.equal("PICCOLO_CONFIG_NOT_FOUND");
  });

  it("a config without DB: PICCOLO_CONFIG_MISSING_EXPORT, saying what to add", async () => {
    writeFiles(dir, { "bad.config.ts": "export const NOT_DB = 1;\n" });
    const { status, out } = await runApp(dir, ["bad.config.ts"]);
    expect(status).to.equal(1);
    expect(out.code).to.equal("PICCOLO_CONFIG_MISSING_EXPORT");
    expect(out.message).to.match(/does not export DB\. Add: export const DB = new SQLiteEngine/);
  });

  it("an unknown option is refused before any file is read", () => {
    expect(() => loadProjectEngine({ confPath: "x" } as never))
      .to.throw(/confPath/)
      .with.property("code", "PICCOLO_UNKNOWN_OPTION");
  });
});
