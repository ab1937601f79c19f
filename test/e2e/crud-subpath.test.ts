/**
 * `piccolo-orm/crud` as a user imports it: a project whose node_modules/piccolo-orm links to this
 * repository, resolving the subpath through package.json "exports" (and "typesVersions" for
 * TypeScript's node10 resolution, which NestJS projects use), against the built files.
 */
import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { runCommand as run } from "../support/run-command";

const ROOT = resolve(__dirname, "../../..");
const TSC = join(ROOT, "node_modules/.bin/tsc");

function makeProject(packageJson: object, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "piccolo-crud-consumer-"));
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/piccolo-orm"), "dir");
  symlinkSync(join(ROOT, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  for (const [name, text] of Object.entries({ "package.json": JSON.stringify(packageJson), ...files })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const options = {
  target: "ES2022",
  lib: ["ES2022"],
  types: ["node"],
  strict: true,
  skipLibCheck: false,
  outDir: "dist",
  rootDir: "src",
};

/** A table, a crud server on a free port, one list request over HTTP; prints the reply. */
const program = (imports: string) => `${imports}
const DB = new SQLiteEngine({ path: ":memory:" });
@table({ db: DB })
class Band extends Table<Band>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ default: 0 })) popularity!: number;
}

async function main(): Promise<void> {
  await Band.createTable().run();
  await Band.insert({ name: "Pythonistas", popularity: 1000 }, { name: "Gophers", popularity: 5 }).run();
  const bands = crud(Band, { writable: ["name"] });
  const doc = openApi([bands], { title: "t", version: "1" }) as { openapi: string };
  const server = createServer(bands).listen(0);
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as AddressInfo;
  const reply = await fetch(\`http://127.0.0.1:\${port}/band?popularity__gte=10&__fields=name\`);
  console.log(JSON.stringify({ status: reply.status, body: await reply.json(), openapi: doc.openapi }));
  server.close();
  await DB.close();
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;

const expected = {
  status: 200,
  body: { rows: [{ name: "Pythonistas" }], page: 1, pageSize: 20, count: 1 },
  openapi: "3.1.0",
};

describe("consumer project: piccolo-orm/crud subpath (CommonJS and ESM)", function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("CommonJS (module commonjs, moduleResolution node10): compiles against the types and runs", () => {
    const imports = [
      'import { createServer } from "node:http";',
      'import type { AddressInfo } from "node:net";',
      'import { Table, table, column, Varchar, Integer, SQLiteEngine } from "piccolo-orm";',
      'import { crud, openApi } from "piccolo-orm/crud";',
    ].join("\n");
    const dir = makeProject(
      { name: "crud-cjs", version: "1.0.0", private: true },
      {
        "tsconfig.json": JSON.stringify({
          compilerOptions: { ...options, module: "commonjs", moduleResolution: "node10", experimentalDecorators: true },
          include: ["src"],
        }),
        "src/main.ts": program(imports),
        "plain.cjs":
          'const c = require("piccolo-orm/crud"); console.log(JSON.stringify([typeof c.crud, typeof c.openApi, require.resolve("piccolo-orm/crud")]));',
      },
    );
    dirs.push(dir);
    run(dir, TSC, ["-p", "tsconfig.json", "--pretty", "false"]);
    expect(JSON.parse(run(dir, process.execPath, ["dist/main.js"]))).to.deep.equal(expected);
    expect(JSON.parse(run(dir, process.execPath, ["plain.cjs"]))).to.deep.equal([
      "function",
      "function",
      join(ROOT, "build/lib/crud/index.js"),
    ]);
  });

  it("ESM (module nodenext): compiles against the .d.mts types and runs the .mjs entry", () => {
    const imports = [
      'import { createServer } from "node:http";',
      'import type { AddressInfo } from "node:net";',
      'import { Table, table, column, Varchar, Integer, SQLiteEngine } from "piccolo-orm";',
      'import { crud, openApi } from "piccolo-orm/crud";',
    ].join("\n");
    const dir = makeProject(
      { name: "crud-esm", version: "1.0.0", private: true, type: "module" },
      {
        "tsconfig.json": JSON.stringify({
          compilerOptions: { ...options, module: "nodenext", moduleResolution: "nodenext" },
          include: ["src"],
        }),
        "src/main.ts": program(imports),
        "plain.mjs":
          'import c, { crud, tableJsonSchema } from "piccolo-orm/crud"; console.log(JSON.stringify([typeof crud, c.crud === crud, typeof tableJsonSchema, import.meta.resolve("piccolo-orm/crud")]));',
      },
    );
    dirs.push(dir);
    run(dir, TSC, ["-p", "tsconfig.json", "--pretty", "false"]);
    expect(JSON.parse(run(dir, process.execPath, ["dist/main.js"]))).to.deep.equal(expected);
    expect(JSON.parse(run(dir, process.execPath, ["plain.mjs"]))).to.deep.equal([
      "function",
      true,
      "function",
      `file://${join(ROOT, "build/lib/crud/index.mjs")}`,
    ]);
  });
});
