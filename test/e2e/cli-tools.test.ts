import { expect } from "chai";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { ROOT, piccolo, piccoloOk } from "../support/cli";
import { describeEachEngine, pgConfig } from "../support/engines";
import { useFixtureProject } from "../support/fixture-project";

const BIN = join(ROOT, "build/lib/cli/bin.js");

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client(pgConfig());
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describeEachEngine("CLI: app list, migrations progress, shell, sql-shell and tester", (ctx) => {
  const project = useFixtureProject(ctx);
  const run = (args: string[], input?: string) =>
    piccoloOk(project.dir, args, { env: project.env, ...(input === undefined ? {} : { input }) });

  it("migrations report each migration with its time; app list shows tables and migration counts", function () {
    this.timeout(120_000);
    run(["migrations", "new", "kitchen", "--auto"]);
    expect(run(["migrations", "forwards", "all"])).to.match(/^ran +kitchen \S+ \(\d+ ms\)$/m);
    const list = run(["app", "list"]);
    expect(list).to.match(/^kitchen \(1 migration\)$/m);
    expect(list)
      .to.match(/^ {2}Sink sink$/m)
      .and.match(/^ {2}Country country$/m);
    expect(run(["app", "--help"])).to.contain("list");
  });

  it("shell run: the tables by class name and DB, with top-level await, fed from stdin", function () {
    this.timeout(60_000);
    const out = run(
      ["shell", "run"],
      'await Person.insert(new Person({ name: "Ada" }))\n' +
        'console.log("people:", await Person.count(), DB.dialect.name)\n' +
        'console.log("where:", typeof Where, typeof Sink.select)\n',
    );
    expect(out).to.contain("kitchen: Sink, Person, City, Country, Line");
    expect(out).to.contain(`people: 1 ${ctx.family === "postgres" ? "postgres" : "sqlite"}`);
    expect(out).to.contain("where: undefined function");
  });

  it("sql-shell run: the database's own client with the config's connection, SQL piped in", function () {
    this.timeout(60_000);
    const out = run(["sql-shell", "run"], "SELECT name FROM person;\n");
    expect(out).to.contain("Ada");
    const missing = piccolo(project.dir, ["sql-shell", "run"], { env: { ...project.env, PATH: "/nonexistent" } });
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.contain(ctx.family === "postgres" ? "psql was not found" : "sqlite3 was not found");
  });

  it("tester run: the test command on a throwaway database, removed after, with the tests' exit code", async function () {
    this.timeout(120_000);
    const command = `node ${BIN} kitchen seed && node ${BIN} kitchen count && node -e "console.log('DB=' + process.env.PICCOLO_TEST_DATABASE)"`;
    const out = run(["tester", "run", "--command", command]);
    expect(out).to.contain('{"sink":2,"person":2,"line":0}');
    const used = /DB=(\S+)/.exec(out)![1]!;
    expect(used).to.match(/piccolo_test_[0-9a-f]{10}/);
    if (ctx.family === "postgres") expect(await databaseExists(used)).to.equal(false);
    else expect(existsSync(used)).to.equal(false);
    // The project's own database was not touched: it still has the one person the shell test added.
    expect(run(["kitchen", "count"])).to.contain('"person":1');
    const failing = piccolo(project.dir, ["tester", "run", "--command", 'node -e "process.exit(3)"'], {
      env: project.env,
    });
    expect(failing.status).to.equal(3);
    expect(run(["tester", "--help"])).to.contain("run");
  });
});
