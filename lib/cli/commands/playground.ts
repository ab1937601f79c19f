import { invalidEngineFlag } from "../../errors/factories";
import type { Command } from "commander";
import { inspect } from "node:util";
import type { Engine } from "../../engine/engine";
import { PostgresEngine } from "../../engine/postgres/postgres-engine";
import { SQLiteEngine } from "../../engine/sqlite/sqlite-engine";
import { colors, say } from "../output";
import { describeTable } from "../../table/describe";
import { openRepl } from "../repl";
import { playgroundTables, populate, type PlaygroundTables } from "../playground/tables";

interface PlaygroundOptions {
  engine: string;
  repl: boolean;
  host?: string;
  port?: string;
  user?: string;
  password?: string;
  database: string;
}

function engineFor(options: PlaygroundOptions): Engine {
  if (options.engine === "sqlite") return new SQLiteEngine({ path: ":memory:" });
  if (options.engine !== "postgres") throw invalidEngineFlag(options.engine);
  const config = {
    database: options.database,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: Number(options.port) } : {}),
    ...(options.user ? { user: options.user } : {}),
    ...(options.password ? { password: options.password } : {}),
  };
  return new PostgresEngine({ config });
}

/** Each table with its columns and M2M fields: `Band(id, name, manager → Manager, popularity, genres ⇄ Genre)`. */
function tableList(t: PlaygroundTables): string {
  return Object.values(t)
    .map((cls) => {
      const { className, columns, m2m } = describeTable(cls);
      const shown = columns.map((c) => (c.references ? `${c.property} → ${c.references.className}` : c.property));
      const related = m2m.map((r) => `${r.field} ⇄ ${r.otherTable.className}`);
      return `  ${className}(${[...shown, ...related].join(", ")})`;
    })
    .join("\n");
}

/** Piccolo's first queries, and a few more, shown with their results. */
async function examples(t: PlaygroundTables): Promise<void> {
  const { Band, Concert } = t;
  const shown: [string, () => PromiseLike<unknown>][] = [
    ["await Band.select()", () => Band.select()],
    ["await Band.select(Band.c.name)", () => Band.select(Band.c.name)],
    ["await Band.select(Band.c.name, Band.c.manager.name)", () => Band.select(Band.c.name, Band.c.manager.name)],
    [
      "await Band.select(Band.c.name, Band.c.popularity).orderBy(Band.c.popularity.desc())",
      () => Band.select(Band.c.name, Band.c.popularity).orderBy(Band.c.popularity.desc()),
    ],
    [
      "await Concert.select(Concert.c.band1.name, Concert.c.band2.name, Concert.c.venue.name)",
      () => Concert.select(Concert.c.band1.name, Concert.c.band2.name, Concert.c.venue.name),
    ],
    [
      'await Band.objects().get(Band.c.name.eq("Rustaceans"))',
      async () => (await Band.objects().get(Band.c.name.eq("Rustaceans")))?.toDict(),
    ],
    ["await Band.count().where(Band.c.popularity.gt(100))", () => Band.count().where(Band.c.popularity.gt(100))],
  ];
  say(colors.bold("\nTry it as a query builder:"));
  for (const [code, run] of shown) {
    say(colors.cyan(`> ${code}`));
    say(inspect(await run(), { colors: colors.isColorSupported, depth: 4 }));
  }
  say(colors.bold("\nTry it as an ORM:"));
  say('const b = await Band.objects().where(Band.c.name.eq("Pythonistas")).first()');
  say("b.popularity = 10000");
  say("await b.save()");
}

/** `piccolo playground run`. */
export function playgroundCommands(program: Command): void {
  program
    .command("playground")
    .description("Try piccolo on sample data")
    .command("run")
    .description("Create Piccolo's twelve sample tables with sample data, show example queries, then open a REPL")
    .option("--engine <engine>", "sqlite (in memory, the default) or postgres", "sqlite")
    .option("--no-repl", "print the examples and exit")
    .option("--host <host>", "PostgreSQL host (default PGHOST or 127.0.0.1)")
    .option("--port <port>", "PostgreSQL port")
    .option("--user <user>", "PostgreSQL user")
    .option("--password <password>", "PostgreSQL password")
    .option("--database <name>", "PostgreSQL database (its playground tables are replaced)", "piccolo_playground")
    .action(async (options: PlaygroundOptions) => {
      const db = engineFor(options);
      const tables = playgroundTables(db);
      try {
        await populate(tables);
        const where = options.engine === "sqlite" ? "SQLite (in memory)" : `PostgreSQL database ${options.database}`;
        say(colors.bold(`Playground on ${where}: Piccolo's tables and sample rows\n\nTables:`));
        say(tableList(tables));
        await examples(tables);
      } catch (error) {
        await db.close();
        throw error;
      }
      if (!options.repl) return db.close();
      say(
        colors.dim("\nThe tables, DB and the piccolo-orm exports are in scope; top-level await works. .exit to leave."),
      );
      await openRepl({ ...tables, DB: db });
      await db.close();
    });
}
