#!/usr/bin/env node
// Writes build/lib/index.mjs (and one per subpath export), ESM wrappers re-exporting every named export of the CommonJS build.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const LIB = path.resolve(__dirname, "..", "build", "lib");
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

/** Writes `<entry>.mjs` and `<entry>.d.mts` beside the CommonJS build of one entry (e.g. "index", "nestjs/index"). */
function writeEntry(entry) {
  const cjsPath = path.join(LIB, `${entry}.js`);
  if (!fs.existsSync(cjsPath)) {
    console.error(`write-esm-entry: ${cjsPath} not found; run tsc first`);
    process.exit(1);
  }
  const base = path.basename(entry);
  const names = Object.keys(require(cjsPath))
    .filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name))
    .sort();
  const lines = [`import cjs from "./${base}.js";`];
  if (names.length > 0) lines.push(`export const {\n  ${names.join(",\n  ")},\n} = cjs;`);
  lines.push("export default cjs;", "");
  fs.writeFileSync(path.join(LIB, `${entry}.mjs`), lines.join("\n"));
  // Types for `import`: the same declarations, seen as an ES module (what tools like arethetypeswrong check).
  fs.writeFileSync(path.join(LIB, `${entry}.d.mts`), `export * from "./${base}.js";\n`);
  console.log(`write-esm-entry: build/lib/${entry}.mjs re-exports ${names.length} names`);
}

// The package entry and each subpath export of package.json "exports".
for (const entry of ["index", "nestjs/index"]) writeEntry(entry);
