import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, piccolo, piccoloOk, removeDir, tempProject } from "../support/cli";

describe("CLI: help, version, errors and the playground", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = tempProject()));
  after(() => removeDir(dir));

  it("prints help for every command group and the package version", () => {
    expect(piccoloOk(dir, ["--help"])).to.match(/project[\s\S]*migrations[\s\S]*playground[\s\S]*meta/);
    expect(piccoloOk(dir, ["migrations", "backwards", "--help"])).to.contain("--migration-id");
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(piccoloOk(dir, ["meta", "version"]).trim()).to.equal(version);
  });

  it("says what to do when there is no config, and when PICCOLO_CONF points nowhere", () => {
    const missing = piccolo(dir, ["migrations", "check"]);
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.contain("No piccolo.config.ts").and.contain("piccolo project new");
    const wrong = piccolo(dir, ["migrations", "check"], { env: { PICCOLO_CONF: "nowhere.ts" } });
    expect(wrong.stderr).to.contain("PICCOLO_CONF is set to");
  });

  it("plays: sample data, example queries, and a REPL with top-level await fed from stdin", () => {
    const out = piccoloOk(dir, ["playground", "run", "--no-repl"]);
    expect(out)
      .to.contain("  Concert(id, band1 → Band, band2 → Band, venue → Venue, starts, duration)")
      .and.contain("  Band(id, name, manager → Manager, popularity, genres ⇄ Genre)")
      .and.contain("> await Band.select(Band.c.name, Band.c.manager.name)")
      .and.contain("{ name: 'C-Sharps', 'manager.name': 'Anders' }")
      .and.contain("Try it as an ORM:");
    // Piccolo's ORM hint, typed into the REPL as printed.
    const repl = piccoloOk(dir, ["playground", "run"], {
      input: [
        'const b = await Band.objects().where(Band.c.name.eq("Pythonistas")).first()',
        "b.popularity = 10000",
        "await b.save()",
        'const n = await Band.count(); console.log("bands:", n)',
        'console.log("top:", (await Band.select(Band.c.popularity).where(Band.c.id.eq(b.id)).first()).popularity)',
        "",
      ].join("\n"),
    });
    expect(repl).to.contain("bands: 3").and.contain("top: 10000");
  });
});
