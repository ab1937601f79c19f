import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");

type Conditions = string | { readonly [condition: string]: Conditions };
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, Conditions> };

const esm = require(join(ROOT, "scripts/write-esm-entry.js")) as {
  SUBPATHS: readonly string[];
  subpathExports: (name: string) => Conditions;
};

/** Every file path an exports entry names, through nested conditions. */
function files(entry: Conditions): string[] {
  return typeof entry === "string" ? [entry] : Object.values(entry).flatMap(files);
}

describe("package.json exports (after npm run build)", () => {
  it("declares each subpath of scripts/write-esm-entry.js, as that script spells it", () => {
    for (const name of esm.SUBPATHS) expect(pkg.exports[`./${name}`], name).to.deep.equal(esm.subpathExports(name));
    const subpaths = Object.keys(pkg.exports).filter((key) => key !== "." && key !== "./package.json");
    expect(subpaths).to.have.members(esm.SUBPATHS.map((name) => `./${name}`));
  });

  for (const [key, entry] of Object.entries(pkg.exports)) {
    const folder = key === "." || key === "./package.json" ? undefined : join(ROOT, "lib", key.slice(2));
    it(`${key}: every file it names exists (types, import and require)`, function () {
      // Subpath folders arrive with their layers; an entry whose folder does not exist yet is skipped.
      if (folder !== undefined && !existsSync(join(folder, "index.ts"))) this.skip();
      const missing = files(entry).filter((file) => !existsSync(join(ROOT, file)));
      expect(missing, `missing files of exports["${key}"]`).to.deep.equal([]);
    });
  }
});
