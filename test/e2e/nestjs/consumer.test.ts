/**
 * `piccolo-orm/nestjs` as a user imports it: a project whose node_modules/piccolo-orm links to this
 * repository, compiled by tsc (CommonJS with the classic resolution NestJS projects often have, and
 * ESM with nodenext) and run with node. The subpath resolves through package.json "exports" (and
 * "typesVersions" for the classic resolution), and the main entry does not load NestJS.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { expect } from "chai";
import { runCommand as run } from "../../support/run-command";

const ROOT = resolve(__dirname, "../../../..");
const TSC = join(ROOT, "node_modules/.bin/tsc");

function project(packageJson: object, tsconfig: object, source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "piccolo-nest-consumer-"));
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  symlinkSync(ROOT, join(dir, "node_modules/piccolo-orm"), "dir");
  symlinkSync(join(ROOT, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  const files: Record<string, string> = {
    "package.json": JSON.stringify(packageJson),
    "tsconfig.json": JSON.stringify({ compilerOptions: tsconfig, include: ["src"] }),
    "src/main.ts": source,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const source = `
import { SQLiteEngine } from "piccolo-orm";
import { PiccoloModule, PICCOLO_ENGINE, type PiccoloModuleOptions } from "piccolo-orm/nestjs";

const options: PiccoloModuleOptions = { engine: new SQLiteEngine({ path: ":memory:" }) };
const dynamicModule = PiccoloModule.forRoot(options);
console.log(typeof dynamicModule.module, dynamicModule.global, typeof PICCOLO_ENGINE);
`;

const common = {
  target: "ES2022",
  lib: ["ES2022"],
  types: ["node"],
  strict: true,
  skipLibCheck: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  outDir: "dist",
  rootDir: "src",
};

describe("consumer project: piccolo-orm/nestjs installed as a package", function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("CommonJS + classic (node10) resolution: compiles and runs", () => {
    const dir = project(
      { name: "c", private: true },
      { ...common, module: "commonjs", moduleResolution: "node10", esModuleInterop: true },
      source,
    );
    dirs.push(dir);
    run(dir, TSC, ["-p", "tsconfig.json", "--pretty", "false"]);
    expect(run(dir, process.execPath, ["dist/main.js"])).to.equal("function true symbol\n");
  });

  it("ESM + nodenext: compiles and runs", () => {
    const dir = project(
      { name: "e", private: true, type: "module" },
      { ...common, module: "nodenext", moduleResolution: "nodenext" },
      source,
    );
    dirs.push(dir);
    run(dir, TSC, ["-p", "tsconfig.json", "--pretty", "false"]);
    expect(run(dir, process.execPath, ["dist/main.js"])).to.equal("function true symbol\n");
  });

  it("the main entry loads neither lib/nestjs nor NestJS", () => {
    const dir = project({ name: "m", private: true }, { ...common, module: "commonjs" }, "");
    dirs.push(dir);
    const loaded = run(dir, process.execPath, [
      "-e",
      'require("piccolo-orm"); console.log(Object.keys(require.cache).filter((f) => f.includes("/build/lib/nestjs/") || f.includes("@nestjs")).length)',
    ]);
    expect(loaded).to.equal("0\n");
  });
});
