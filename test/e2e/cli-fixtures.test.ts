import { expect } from "chai";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { piccolo, piccoloOk, piccoloOnTerminal } from "../support/cli";
import { describeEachEngine } from "../support/engines";
import { useFixtureProject } from "../support/fixture-project";

describeEachEngine("CLI: fixtures dump and load", (ctx) => {
  const project = useFixtureProject(ctx);
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    piccoloOk(project.dir, args, { env: { ...project.env, ...extra } });
  const counts = () => JSON.parse(run(["kitchen", "count"])) as { sink: number; person: number; line: number };

  it("round-trips every column type exactly, with a self reference and a cycle of foreign keys", function () {
    this.timeout(120_000);
    run(["kitchen", "seed"]);
    run(["fixtures", "dump", "--output", "first.json"]);
    const first = readFileSync(join(project.dir, "first.json"), "utf8");
    const header = JSON.parse(`${first.split("\n")[0]}]}`) as { order: string[]; dialect: string };
    expect(header.dialect).to.equal(ctx.family === "postgres" ? "postgres" : "sqlite");
    // The cycle's table with the nullable key comes first; its key is set after City is in.
    expect(header.order.indexOf("country")).to.be.lessThan(header.order.indexOf("city"));
    run(["kitchen", "create"]);
    expect(counts()).to.deep.equal({ sink: 0, person: 0, line: 0 });
    expect(run(["fixtures", "load", "first.json", "--chunk-size", "1"])).to.contain("Loaded 6 rows into 5 tables");
    run(["fixtures", "dump", "--output", "second.json"]);
    // Byte for byte: every value (PostgreSQL's text form, SQLite's stored value) came back as it was.
    expect(readFileSync(join(project.dir, "second.json"), "utf8")).to.equal(first);
    const checked = JSON.parse(run(["kitchen", "check"])) as { mentor: string; newId: number; capital: unknown };
    expect(checked.mentor).to.equal("Grace");
    expect(checked.newId).to.equal(3); // the key sequence moved past the loaded rows
    expect(checked.capital).to.deep.equal({ "capital.name": "Kathmandu" });
    if (ctx.family === "postgres") {
      expect(first)
        .to.match(/"2024-01-0[12] \d\d:\d\d:05\.123456\+/)
        .and.contain("1 year 2 mons 3 days 04:05:06.789");
      expect(first).to.contain('"NaN"').and.contain('"9223372036854775807"').and.contain("\\\\x00017f80ff");
    } else expect(first).to.contain('{"int":"9007199254740993"}').and.contain('{"real":"Infinity"}');
  });

  it("dumps the apps and tables named, to stdout, and refuses an unknown one", function () {
    this.timeout(60_000);
    const out = run(["fixtures", "dump", "kitchen.Person"]);
    expect(out.split("\n")).to.have.length(8); // header, table, 3 rows (one added by check), two closings, ""
    expect(out).to.contain('"table":"Person"').and.not.contain('"table":"Sink"');
    const wrong = piccolo(project.dir, ["fixtures", "dump", "kitchen.Nope"], { env: project.env });
    expect(wrong.status).to.equal(1);
    expect(wrong.stderr).to.contain('No app has a table "kitchen.Nope"').and.contain("kitchen.Person");
  });

  it("loads nothing when the file is cut short, from the other database, or clashes with rows there", function () {
    this.timeout(60_000);
    run(["kitchen", "seed"]);
    run(["fixtures", "dump", "--output", "all.json"]);
    run(["kitchen", "create"]);
    const text = readFileSync(join(project.dir, "all.json"), "utf8");
    writeFileSync(join(project.dir, "cut.json"), text.slice(0, text.lastIndexOf('"Person"')));
    const cut = piccolo(project.dir, ["fixtures", "load", "cut.json"], { env: project.env });
    expect(cut.status).to.equal(1);
    expect(cut.stderr).to.contain("cut short");
    expect(counts()).to.deep.equal({ sink: 0, person: 0, line: 0 });
    const other = ctx.family === "postgres" ? "sqlite" : "postgres";
    writeFileSync(join(project.dir, "other.json"), text.replace(`"dialect":"${header(text)}"`, `"dialect":"${other}"`));
    const mismatch = piccolo(project.dir, ["fixtures", "load", "other.json"], { env: project.env });
    expect(mismatch.stderr).to.contain(`was dumped from ${other}`);
    run(["fixtures", "load", "all.json"]);
    const twice = piccolo(project.dir, ["fixtures", "load", "all.json"], { env: project.env });
    expect(twice.status).to.equal(1);
    expect(counts()).to.deep.equal({ sink: 2, person: 2, line: 0 });
    const badChunk = piccolo(project.dir, ["fixtures", "load", "all.json", "--chunk-size", "0"], { env: project.env });
    expect(badChunk.stderr).to.contain("--chunk-size takes a whole number");
  });

  it("dump --output over an existing file: refused off a terminal without --yes, asked on one, written with --yes", async function () {
    this.timeout(120_000);
    run(["kitchen", "seed"]);
    const mine = join(project.dir, "mine.json");
    writeFileSync(mine, "my own notes\n");
    const refused = piccolo(project.dir, ["fixtures", "dump", "--output", "mine.json"], { env: project.env });
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.contain(
      "fixtures dump --output mine.json: the file exists and would be overwritten. Pass --yes",
    );
    expect(readFileSync(mine, "utf8")).to.equal("my own notes\n");
    const declined = await piccoloOnTerminal(project.dir, ["fixtures", "dump", "--output", "mine.json"], "n", {
      env: project.env,
    });
    expect(declined.stdout).to.contain("mine.json exists: overwrite it?").and.contain("Nothing was written.");
    expect(declined.status).to.equal(0);
    expect(readFileSync(mine, "utf8")).to.equal("my own notes\n");
    const accepted = await piccoloOnTerminal(project.dir, ["fixtures", "dump", "--output", "mine.json"], "y", {
      env: project.env,
    });
    expect(accepted.stdout).to.match(/Dumped \d+ rows of 5 tables to mine\.json/);
    const dumped = readFileSync(mine, "utf8");
    expect(dumped).to.contain('"table":"Person"');
    writeFileSync(mine, "my own notes\n");
    expect(run(["fixtures", "dump", "--output", "mine.json", "--yes"])).to.match(/Dumped \d+ rows of 5 tables/);
    expect(readFileSync(mine, "utf8")).to.equal(dumped);
    expect(readdirSync(project.dir).filter((name) => name.endsWith(".partial"))).to.deep.equal([]);
  });

  it("dumps and loads 100,000 rows (100 MB) in a heap too small to hold them", function () {
    this.timeout(600_000);
    run(["kitchen", "seed", "100000"]);
    // 64 MB of heap cannot hold the 100 MB file nor its rows: only streaming fits.
    const small = { NODE_OPTIONS: "--max-old-space-size=64" };
    run(["fixtures", "dump", "kitchen.Line", "--output", "lines.json"], small);
    expect(statSync(join(project.dir, "lines.json")).size).to.be.greaterThan(100_000_000);
    run(["kitchen", "create"]);
    expect(run(["fixtures", "load", "lines.json"], small)).to.contain("Loaded 100000 rows into 1 tables");
    expect(counts().line).to.equal(100_000);
  });
});

function header(text: string): string {
  return (JSON.parse(`${text.split("\n")[0]}]}`) as { dialect: string }).dialect;
}
