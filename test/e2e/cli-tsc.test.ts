import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, piccolo, piccoloOk, removeDir, tempProject, writeFiles } from "../support/cli";

const TSC = join(ROOT, "node_modules/.bin/tsc");

const tables = (extra: string) => `import { Table, table, column, Varchar, Integer } from "piccolo-orm";
import { DB } from "../piccolo.config";

@table({ db: DB })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;${extra}
}
`;

function tsc(dir: string, project: string): void {
  const result = spawnSync(TSC, ["-p", project, "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`tsc failed:\n${result.stdout}${result.stderr}`);
}

/** `npx tsc` in a project made by `project new` once made every command fail with "cycle: X -> X" (each migration found as .ts and .js). Not engine-specific: SQLite. */
describe("CLI: a project compiled with tsc keeps working (SQLite)", function () {
  this.timeout(180_000);
  let dir: string;
  const migrationsDir = () => join(dir, "music/migrations");
  const files = (ext: string) => readdirSync(migrationsDir()).filter((f) => f.endsWith(ext));

  before(() => {
    dir = tempProject();
    piccoloOk(dir, ["project", "new"]);
    piccoloOk(dir, ["app", "new", "music"]);
    writeFiles(dir, { "music/tables.ts": tables("") });
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto"])).to.contain("createTable band");
  });
  after(() => removeDir(dir));

  it("project new's tsconfig compiles to build/, and forwards and check work afterwards", () => {
    expect(JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8"))).to.deep.include({
      exclude: ["node_modules", "build"],
    });
    tsc(dir, "tsconfig.json");
    expect(existsSync(join(dir, "build/music/migrations", files(".ts")[0]!.replace(/\.ts$/, ".js")))).to.equal(true);
    expect(files(".js")).to.deep.equal([]);
    expect(piccoloOk(dir, ["migrations", "forwards", "music"])).to.contain("1 migration ran");
    expect(piccoloOk(dir, ["migrations", "check"])).to.contain("Every migration is applied and the tables match them.");
  });

  it("skips compiled copies beside the sources (a tsconfig without outDir) and loads the TypeScript", () => {
    writeFiles(dir, {
      "tsconfig.beside.json": JSON.stringify({
        extends: "./tsconfig.json",
        compilerOptions: { outDir: null },
        exclude: ["node_modules", "build"],
      }),
    });
    writeFiles(dir, { "music/tables.ts": tables("\n  @column(Integer({ null: true })) popularity!: number | null;") });
    expect(piccoloOk(dir, ["migrations", "new", "music", "--auto"])).to.contain("addColumn band.popularity");
    tsc(dir, "tsconfig.beside.json");
    expect(files(".js")).to.have.length(2);
    expect(existsSync(join(dir, "music/piccolo_app.js"))).to.equal(true);
    // The TypeScript is what counts: a column added only to tables.ts is seen although tables.js lacks it.
    writeFiles(dir, {
      "music/tables.ts": tables(
        "\n  @column(Integer({ null: true })) popularity!: number | null;\n  @column(Integer({ null: true })) stars!: number | null;",
      ),
    });
    const check = piccolo(dir, ["migrations", "check"]);
    expect(check.status).to.equal(1);
    expect(check.stderr).to.contain("is pending").and.contain("add column band.stars").and.not.contain("cycle");
    writeFiles(dir, { "music/tables.ts": tables("\n  @column(Integer({ null: true })) popularity!: number | null;") });
    expect(piccoloOk(dir, ["migrations", "forwards", "music"])).to.contain("1 migration ran");
    expect(piccoloOk(dir, ["migrations", "check"])).to.contain("Every migration is applied");
    expect(piccoloOk(dir, ["migrations", "backwards", "music", "--yes"])).to.contain("1 migration reversed");
  });

  it("two migration files with one id is a clear error naming both, not a cycle", () => {
    const [first] = files(".ts");
    copyFileSync(join(migrationsDir(), first!), join(migrationsDir(), `copy_${first}`));
    const result = piccolo(dir, ["migrations", "check"]);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(
      /App music has two migrations with id "[^"]+": copy_music_\S+\.ts and music_\S+\.ts/,
    );
    rmSync(join(migrationsDir(), `copy_${first}`));
  });
});
