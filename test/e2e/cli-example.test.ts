import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Engine, PostgresEngine, SQLiteEngine } from "../../lib";
import { ROOT, piccoloOk, pgEnv, throwawayDatabase } from "../support/cli";
import { describeEachEngine, pgConfig } from "../support/engines";

const EXAMPLE = join(ROOT, "migrations-example");
const files = readdirSync(join(EXAMPLE, "music/migrations"))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => readFileSync(join(EXAMPLE, "music/migrations", f), "utf8"));
const ids = files.map((text) => /id: "([^"]+)"/.exec(text)![1]!);

/** migrations-example/ replayed forwards, backwards and forwards again, in place, with data checked at each step. */
describeEachEngine("CLI: migrations-example replays forwards, backwards, forwards", (ctx) => {
  let env: NodeJS.ProcessEnv;
  let db: Engine;
  let cleanup: () => Promise<void> = async () => undefined;
  const cli = (...args: string[]) => piccoloOk(EXAMPLE, args, { env });
  const q = (sql: string) => db.rawQuery(sql);

  before(async function () {
    this.timeout(30_000);
    void ctx.engine;
    if (ctx.family === "postgres") {
      const database = await throwawayDatabase();
      env = { PICCOLO_ENGINE: "postgres", ...pgEnv(database.name) };
      db = new PostgresEngine({ config: { ...pgConfig(), database: database.name } });
      cleanup = database.drop;
    } else {
      const path = join(tmpdir(), `piccolo-example-${randomBytes(4).toString("hex")}.sqlite`);
      env = { PICCOLO_SQLITE_PATH: path, PICCOLO_ENGINE: "sqlite" };
      db = new SQLiteEngine({ path });
      cleanup = async () => ["", "-wal", "-shm"].forEach((s) => rmSync(path + s, { force: true }));
    }
  });

  after(async function () {
    await db?.close();
    await cleanup();
  });

  it("has at least five migrations, with a rename, a type change and a foreign key", () => {
    expect(ids.length).to.be.at.least(5);
    const all = files.join("\n");
    for (const step of [
      'op: "renameColumn"',
      'op: "renameTable"',
      'type: "bigint"',
      "references: {",
      'op: "addColumn"',
      'op: "raw"',
    ])
      expect(all).to.contain(step);
  });

  it("keeps its data through every migration, back to the second and forwards again", async function () {
    this.timeout(60_000);
    const preview = cli("migrations", "forwards", "all", "--preview");
    for (const id of ids) expect(preview).to.contain(`-- music:${id} `);
    expect(preview).to.contain(
      '-- raw step "fill band.slug from band.title"\n--   JavaScript: runs in the transaction; its SQL is known only when it runs\n',
    );
    expect(preview).to.contain(`-- preview only: ${ids.length} migrations, nothing was run or recorded`);
    cli("migrations", "forwards", "music", "--migration-id", ids[1]!);
    await q("INSERT INTO manager (name) VALUES ('Guido'), ('Graydon')");
    await q("INSERT INTO band (name, popularity, manager) VALUES ('Pythonistas', 1000, 1), ('Rustaceans', 500, NULL)");
    await q("INSERT INTO concert (band, venue) VALUES (1, 'Arena'), (2, 'Garage')");
    const latest = async () => ({
      bands: await q("SELECT id, title, CAST(popularity AS TEXT) AS popularity, manager FROM band ORDER BY id"),
      gigs: await q("SELECT band, venue, capacity FROM gig ORDER BY id"),
      managers: await q("SELECT name FROM manager ORDER BY id"),
    });
    const expected = {
      bands: [
        { id: 1, title: "Pythonistas", popularity: "1000", manager: 1 },
        { id: 2, title: "Rustaceans", popularity: "500", manager: null },
      ],
      gigs: [
        { band: 1, venue: "Arena", capacity: 500 },
        { band: 2, venue: "Garage", capacity: 500 },
      ],
      managers: [{ name: "Guido" }, { name: "Graydon" }],
    };
    expect(cli("migrations", "forwards", "all")).to.contain(`${ids.length - 2} migrations ran`);
    expect(await latest()).to.deep.equal(expected);
    const slugs = [{ slug: "pythonistas" }, { slug: "rustaceans" }]; // filled by the raw step
    expect(await q("SELECT slug FROM band ORDER BY id")).to.deep.equal(slugs);
    expect(cli("migrations", "backwards", "music", "--migration-id", ids[2]!, "--yes")).to.contain(
      `${ids.length - 2} migrations reversed`,
    );
    expect(await q("SELECT id, name, popularity, manager FROM band ORDER BY id")).to.deep.equal([
      { id: 1, name: "Pythonistas", popularity: 1000, manager: 1 },
      { id: 2, name: "Rustaceans", popularity: 500, manager: null },
    ]);
    expect(await q("SELECT band, venue FROM concert ORDER BY id")).to.deep.equal([
      { band: 1, venue: "Arena" },
      { band: 2, venue: "Garage" },
    ]);
    cli("migrations", "forwards", "music");
    expect(await latest()).to.deep.equal(expected);
    expect(await q("SELECT slug FROM band ORDER BY id")).to.deep.equal(slugs);
    expect(cli("migrations", "forwards", "music")).to.contain("Nothing to run");
    expect(cli("migrations", "new", "music", "--auto")).to.contain("No changes detected");
  });
});
