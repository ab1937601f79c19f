#!/usr/bin/env node
// Runs the compiled test suites with mocha and ends with one summary line: `N passed, N failed`.
// Usage: node scripts/run-tests.js [path-substring ...] [--grep PATTERN]
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const ROOT = path.resolve(__dirname, "..");
const TEST_DIRS = ["build/test/unit", "build/test/integration", "build/test/e2e", "build/test-tc39"];
const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

/** Parses `[filter ...] [--grep PATTERN | --grep=PATTERN]`. */
function parseArgs(argv) {
  const filters = [];
  let grep;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--grep" || arg === "-g") {
      grep = argv[++i];
      if (grep === undefined) throw new Error(`${arg} needs a pattern`);
    } else if (arg.startsWith("--grep=")) {
      grep = arg.slice("--grep=".length);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg} (usage: run-tests.js [filter ...] [--grep PATTERN])`);
    } else {
      filters.push(arg);
    }
  }
  return { filters, grep };
}

/** Lists `*.test.js` files under dir, recursively, sorted; [] when dir does not exist. */
function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile() && entry.name.endsWith(".test.js")) out.push(full);
  }
  return out.sort();
}

async function main() {
  const { filters, grep } = parseArgs(process.argv.slice(2));
  const files = TEST_DIRS.flatMap((dir) => walk(path.join(ROOT, dir))).filter((file) => {
    const rel = path.relative(ROOT, file);
    return filters.length === 0 || filters.some((f) => rel.includes(f));
  });

  const counts = { passed: 0, failed: 0, skipped: 0 };
  let code = 1;
  if (files.length === 0) {
    console.error(
      `No test files found under ${TEST_DIRS.join(", ")}` +
        (filters.length ? ` matching ${filters.join(", ")}` : "") +
        " (did `npm run build` run?)",
    );
  } else {
    const mocha = new Mocha({ reporter: "spec", timeout: 20000, ...(grep ? { grep } : {}) });
    for (const file of files) mocha.addFile(file);
    await mocha.loadFilesAsync();
    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on(EVENT_TEST_PASS, () => counts.passed++);
      runner.on(EVENT_TEST_FAIL, () => counts.failed++); // also emitted for failing hooks
      runner.on(EVENT_TEST_PENDING, () => counts.skipped++);
    });
    if (counts.passed + counts.failed === 0) console.error("No tests ran.");
    code = counts.failed === 0 && counts.passed > 0 ? 0 : 1;
  }

  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
  // Exit explicitly (like `mocha --exit`) so a leaked pool or timer cannot hang CI.
  process.stdout.write(`${counts.passed} passed, ${counts.failed} failed${skipped}\n`, () => process.exit(code));
}

main().catch((err) => {
  console.error(err);
  process.stdout.write("0 passed, 1 failed\n", () => process.exit(1));
});
