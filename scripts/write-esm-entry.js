#!/usr/bin/env node
// Writes build/lib/index.mjs, an ESM wrapper re-exporting every named export of the CommonJS build,
// and the same for each subpath export (build/lib/<subpath>/index.mjs).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const LIB = path.resolve(__dirname, "..", "build", "lib");
/** The package's entry folders under build/lib: the main one and each subpath export of package.json. */
const ENTRIES = ["", "auth"];
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

for (const entry of ENTRIES) {
  const dir = path.join(LIB, entry);
  const cjsPath = path.join(dir, "index.js");
  if (!fs.existsSync(cjsPath)) {
    console.error(`write-esm-entry: ${cjsPath} not found; run tsc first`);
    process.exit(1);
  }

  const names = Object.keys(require(cjsPath))
    .filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name))
    .sort();
  const lines = ['import cjs from "./index.js";'];
  if (names.length > 0) lines.push(`export const {\n  ${names.join(",\n  ")},\n} = cjs;`);
  lines.push("export default cjs;", "");
  fs.writeFileSync(path.join(dir, "index.mjs"), lines.join("\n"));
  // Types for `import`: the same declarations, seen as an ES module (what tools like arethetypeswrong check).
  fs.writeFileSync(path.join(dir, "index.d.mts"), 'export * from "./index.js";\n');
  console.log(
    `write-esm-entry: ${path.relative(path.dirname(LIB), path.join(dir, "index.mjs"))} re-exports ${names.length} names`,
  );
}
