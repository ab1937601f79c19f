/**
 * The package as a user installs it: a project in a temporary folder whose
 * node_modules/piccolo-orm is a symlink to this repository (so it resolves through package.json
 * "exports" and "types", against the built files), compiled with TypeScript and run with node.
 * One CommonJS project (legacy decorators, as NestJS sets up) and one ESM project (module
 * nodenext, TC39 decorators, top-level await). Needs `npm run build` first, as every test does.
 */
import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { runCommand as run } from "../support/run-command";

// Compiled to build/test/e2e/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
const TSC = join(ROOT, "node_modules/.bin/tsc");

/** Writes files (paths relative to dir), creating folders. */
function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** Runs a command in dir; on failure the error carries its output. */

/** A project folder with node_modules/piccolo-orm (and @types/node, as a user would have) linked in. */
function makeProject(packageJson: object, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "piccolo-consumer-"));
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/piccolo-orm"), "dir");
  symlinkSync(join(ROOT, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  writeFiles(dir, { "package.json": JSON.stringify(packageJson, null, 2), ...files });
  return dir;
}

const quickstartTables = `
const DB = new SQLiteEngine({ path: ":memory:" });

@table({ db: DB })
class Band extends Table<Band>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ default: 0 })) popularity!: number;
}
`;

/** The quickstart's statements; \`all\` is checked against its declared type at compile time. */
const quickstartBody = `
  await Band.createTable({ ifNotExists: true }).run();
  await Band.insert(new Band({ name: "Pythonistas", popularity: 1000 }),
                    new Band({ name: "Asyncio Allstars", popularity: 800 })).run();
  const all: { name: string; popularity: number }[] = await Band.select(Band.c.name, Band.c.popularity).run();
  const popular = await Band.select(Band.c.name).where(Band.c.popularity.gt(900)).run();
  await Band.update({ popularity: 1100 }).where(Band.c.name.eq("Pythonistas")).run();
  const band: Band | null = await Band.objects().get(Band.c.name.eq("Pythonistas")).run();
  band!.popularity += 1; await band!.save();
  const after = await Band.select(Band.c.name, Band.c.popularity).orderBy(Band.c.popularity.desc());
  console.log(JSON.stringify({ all, popular, after, count: await Band.count() }));
  await DB.close();
`;

const expectedOutput = {
  all: [
    { name: "Pythonistas", popularity: 1000 },
    { name: "Asyncio Allstars", popularity: 800 },
  ],
  popular: [{ name: "Pythonistas" }],
  after: [
    { name: "Pythonistas", popularity: 1101 },
    { name: "Asyncio Allstars", popularity: 800 },
  ],
  count: 2,
};

/** Options a user's tsconfig would have; skipLibCheck stays off so that our declarations are checked too. */
const commonOptions = {
  target: "ES2022",
  lib: ["ES2022"],
  types: ["node"],
  strict: true,
  skipLibCheck: false,
  outDir: "dist",
  rootDir: "src",
};

describe("consumer project: piccolo-orm installed as a package", function () {
  this.timeout(120_000);
  const dirs: string[] = [];

  before(function () {
    if (!existsSync(join(ROOT, "build/lib/index.d.ts")) || !existsSync(join(ROOT, "build/lib/index.mjs"))) {
      throw new Error("build/lib is incomplete: run `npm run build` first");
    }
  });

  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("CommonJS + experimentalDecorators: compiles and runs the quickstart", () => {
    const dir = makeProject(
      { name: "consumer-cjs", version: "1.0.0", private: true },
      {
        "tsconfig.json": JSON.stringify({
          compilerOptions: {
            ...commonOptions,
            module: "commonjs",
            moduleResolution: "node10",
            experimentalDecorators: true,
            emitDecoratorMetadata: true,
          },
          include: ["src"],
        }),
        "src/main.ts": [
          'import { Table, table, column, Varchar, Integer, SQLiteEngine } from "piccolo-orm";',
          quickstartTables,
          "async function main(): Promise<void> {",
          quickstartBody,
          "}",
          "",
          "main().catch((error) => { console.error(error); process.exitCode = 1; });",
          "",
        ].join("\n"),
        // Plain JavaScript reaching the package through require().
        "plain.cjs": [
          'const orm = require("piccolo-orm");',
          'console.log(JSON.stringify([typeof orm.Table, typeof orm.table, typeof orm.SQLiteEngine, require.resolve("piccolo-orm")]));',
          "",
        ].join("\n"),
      },
    );
    dirs.push(dir);
    run(dir, TSC, ["-p", "tsconfig.json", "--pretty", "false"]);
    expect(JSON.parse(run(dir, process.execPath, ["dist/main.js"]))).to.deep.equal(expectedOutput);
    const [table, decorator, engine, resolved] = JSON.parse(run(dir, process.execPath, ["plain.cjs"])) as string[];
    expect([table, decorator, engine]).to.deep.equal(["function", "function", "function"]);
    expect(resolved).to.equal(join(ROOT, "build/lib/index.js"));
  });

  it("ESM + module nodenext + TC39 decorators: compiles and runs the quickstart with top-level await", () => {
    const dir = makeProject(
      { name: "consumer-esm", version: "1.0.0", private: true, type: "module" },
      {
        "tsconfig.json": JSON.stringify({
          compilerOptions: { ...commonOptions, module: "nodenext", moduleResolution: "nodenext" },
          include: ["src"],
        }),
        "src/main.ts": [
          'import { Table, table, column, Varchar, Integer, SQLiteEngine } from "piccolo-orm";',
          quickstartTables,
          quickstartBody,
        ].join("\n"),
        // Plain JavaScript: the named exports and the default export of the ESM entry.
        "plain.mjs": [
          'import orm, { Table, table, column, Varchar, Integer, SQLiteEngine } from "piccolo-orm";',
          'const DB = new SQLiteEngine({ path: ":memory:" });',
          // Decorators applied by hand, as legacy decorators are called.
          "class Plain extends Table() {}",
          'column(Varchar())(Plain.prototype, "name");',
          'column(Integer({ default: 7 }))(Plain.prototype, "popularity");',
          "const Band = table({ db: DB })(Plain);",
          "await Band.createTable().run();",
          'await Band.insert(new Band({ name: "Plain" })).run();',
          "const rows = await Band.select(Band.c.name, Band.c.popularity);",
          "await DB.close();",
          'console.log(JSON.stringify({ rows, same: orm.Table === Table, resolved: import.meta.resolve("piccolo-orm") }));',
          "",
        ].join("\n"),
      },
    );
    dirs.push(dir);
    run(dir, TSC, ["-p", "tsconfig.json", "--pretty", "false"]);
    expect(JSON.parse(run(dir, process.execPath, ["dist/main.js"]))).to.deep.equal(expectedOutput);
    const plain = JSON.parse(run(dir, process.execPath, ["plain.mjs"])) as {
      rows: unknown;
      same: boolean;
      resolved: string;
    };
    expect(plain.rows).to.deep.equal([{ name: "Plain", popularity: 7 }]);
    expect(plain.same).to.equal(true);
    expect(plain.resolved).to.equal(`file://${join(ROOT, "build/lib/index.mjs")}`);
  });
});
