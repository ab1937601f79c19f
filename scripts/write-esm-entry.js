#!/usr/bin/env node
// Writes an ESM wrapper beside each CommonJS entry point of the build: build/lib/index.mjs for the
// package, and build/lib/<name>/index.mjs for each subpath export (`piccolo-orm/<name>`) whose folder
// exists. Each wrapper re-exports every named export of the CommonJS module, with .d.mts types.
// A new subpath: add its name to SUBPATHS and its entry to package.json "exports" (see subpathExports()).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const LIB = path.resolve(__dirname, "..", "build", "lib");
/** Subpath exports: lib/<name>/index.ts becomes `piccolo-orm/<name>`; names whose folder is absent are skipped. */
const SUBPATHS = ["validation", "auth", "crud", "nestjs", "admin"];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Reserved words are valid identifier text but cannot be bound by `export const { … }`.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await arguments eval __esModule"
  ).split(" "),
);

/** The package.json "exports" entry of a subpath, as the package declares it. */
function subpathExports(name) {
  return {
    import: { types: `./build/lib/${name}/index.d.mts`, default: `./build/lib/${name}/index.mjs` },
    require: { types: `./build/lib/${name}/index.d.ts`, default: `./build/lib/${name}/index.js` },
  };
}

/** Writes index.mjs and index.d.mts beside dir/index.js; returns how many names it re-exports. */
function writeWrapper(dir) {
  const names = Object.keys(require(path.join(dir, "index.js")))
    .filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name))
    .sort();
  const lines = ['import cjs from "./index.js";'];
  if (names.length > 0) lines.push(`export const {\n  ${names.join(",\n  ")},\n} = cjs;`);
  lines.push("export default cjs;", "");
  fs.writeFileSync(path.join(dir, "index.mjs"), lines.join("\n"));
  // Types for `import`: the same declarations, seen as an ES module (what tools like arethetypeswrong check).
  fs.writeFileSync(path.join(dir, "index.d.mts"), 'export * from "./index.js";\n');
  return names.length;
}

/** The entry points to wrap: the package itself, then each subpath whose folder was built. */
function entryPoints() {
  const subpaths = SUBPATHS.filter((name) => fs.existsSync(path.join(LIB, name, "index.js")));
  return [
    { label: "piccolo-orm", dir: LIB },
    ...subpaths.map((name) => ({ label: `piccolo-orm/${name}`, dir: path.join(LIB, name) })),
  ];
}

module.exports = { SUBPATHS, subpathExports };

if (require.main === module) {
  if (!fs.existsSync(path.join(LIB, "index.js"))) {
    console.error(`write-esm-entry: ${path.join(LIB, "index.js")} not found; run tsc first`);
    process.exit(1);
  }
  const written = entryPoints().map(({ label, dir }) => `${label} (${writeWrapper(dir)} names)`);
  console.log(`write-esm-entry: ESM wrappers for ${written.join(", ")}`);
}
