#!/usr/bin/env node
// Writes build/lib/index.mjs, an ESM wrapper re-exporting every named export of the CommonJS build.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const LIB = path.resolve(__dirname, "..", "build", "lib");
const cjsPath = path.join(LIB, "index.js");
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

if (!fs.existsSync(cjsPath)) {
  console.error(`write-esm-entry: ${cjsPath} not found; run tsc first`);
  process.exit(1);
}

/** Writes <dir>/index.mjs and index.d.mts beside the CommonJS <dir>/index.js. */
function writeEntry(dir) {
  const names = Object.keys(require(path.join(dir, "index.js")))
    .filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name))
    .sort();
  const lines = ['import cjs from "./index.js";'];
  if (names.length > 0) lines.push(`export const {\n  ${names.join(",\n  ")},\n} = cjs;`);
  lines.push("export default cjs;", "");
  fs.writeFileSync(path.join(dir, "index.mjs"), lines.join("\n"));
  // Types for `import`: the same declarations, seen as an ES module (what tools like arethetypeswrong check).
  fs.writeFileSync(path.join(dir, "index.d.mts"), 'export * from "./index.js";\n');
  console.log(`write-esm-entry: ${path.relative(path.dirname(LIB), dir)}/index.mjs re-exports ${names.length} names`);
}

// The package entry, then each subpath export ("piccolo-orm/crud", …) that was built.
writeEntry(LIB);
for (const subpath of ["crud"])
  if (fs.existsSync(path.join(LIB, subpath, "index.js"))) writeEntry(path.join(LIB, subpath));
