import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT, piccolo, piccoloOk, removeDir, tempProject, writeFiles } from "../support/cli";

const TSC = join(ROOT, "node_modules/.bin/tsc");

// Makes tsx (and esbuild) impossible to load, as in a production install without them.
const blockTsx = `const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "tsx" || request.startsWith("tsx/") || request === "esbuild") {
    const error = new Error("Cannot find module '" + request + "' (blocked by the test)");
    error.code = "MODULE_NOT_FOUND";
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
`;

/** Module loading is not engine-specific: SQLite. */
describe("CLI: production runs compiled JavaScript without tsx (SQLite)", function () {
  this.timeout(180_000);
  let dir: string;
  let noTsx: NodeJS.ProcessEnv;

  before(() => {
    dir = tempProject();
    piccoloOk(dir, ["project", "new"]);
    piccoloOk(dir, ["app", "new", "music"]);
    writeFiles(dir, {
      "music/tables.ts": `import { Table, table, column, Varchar } from "piccolo-orm";
import { DB } from "../piccolo.config";

@table({ db: DB })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;
}
`,
      "block-tsx.cjs": blockTsx,
    });
    piccoloOk(dir, ["migrations", "new", "music", "--auto"]);
    noTsx = { NODE_OPTIONS: `--require ${join(dir, "block-tsx.cjs")}` };
  });
  after(() => removeDir(dir));

  it("runs the migrations of build/ with tsx unavailable", () => {
    const result = spawnSync(TSC, ["-p", "tsconfig.json"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(result.status, result.stdout).to.equal(0);
    expect(existsSync(join(dir, "build/piccolo.config.js"))).to.equal(true);
    const build = join(dir, "build");
    expect(piccoloOk(build, ["migrations", "forwards", "all"], { env: noTsx })).to.contain("1 migration ran");
    expect(piccoloOk(build, ["app", "list"], { env: noTsx })).to.contain("Band band");
    expect(existsSync(join(build, "piccolo.sqlite"))).to.equal(true);
  });

  it("names the missing package when a TypeScript config is found without tsx", () => {
    const result = piccolo(dir, ["migrations", "check"], { env: noTsx });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.contain("piccolo.config.ts is TypeScript").and.contain("npm install tsx");
  });
});
