import type { Command } from "commander";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mayWriteOutput } from "../ask";
import type { Project } from "../../apps/project";
import { graphvizMissing, invalidGraphFormat, noTablesFound } from "../../errors/factories";
import { tableSchemaOf } from "../../migrations/from-tables";
import type { TableSchema } from "../../migrations/schema";
import { tableMetaOf } from "../../table/metadata";
import { withProject } from "../context";
import { colors, ok, say, warn } from "../output";
import { dotGraph, mermaidGraph } from "../schema/graph";
import type { ReadDatabase } from "../schema/model";
import { readPostgres } from "../schema/read-postgres";
import { readSqlite } from "../schema/read-sqlite";
import { renderTables } from "../schema/render-tables";

/** Reads the config's database: one schema on PostgreSQL, the whole file on SQLite. */
export async function readDatabase(project: Project, schemaName: string): Promise<ReadDatabase> {
  // CockroachDB speaks PostgreSQL's catalog.
  return project.db.dialect.name === "sqlite" ? readSqlite(project.db) : readPostgres(project.db, schemaName);
}

/** Writes text to a file (saying so) or to stdout; an existing file is overwritten only with --yes or a yes on the terminal. */
async function output(
  command: string,
  text: string,
  path: string | undefined,
  what: string,
  yes = false,
): Promise<void> {
  if (path === undefined) process.stdout.write(text);
  else {
    if (!(await mayWriteOutput(command, path, yes))) return say("Nothing was written.");
    writeFileSync(path, text);
    ok(`Wrote ${what} to ${colors.bold(path)}`);
  }
}

/** Graphviz's `dot` rendering DOT text as SVG. */
function renderSvg(dot: string): string {
  const result = spawnSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") throw graphvizMissing();
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`dot -Tsvg failed: ${result.stderr}`);
  return result.stdout;
}

/** `piccolo schema generate` and `piccolo schema graph`. */
export function schemaCommands(program: Command): void {
  const schema = program.command("schema").description("Read the database into table classes, or draw the tables");
  schema
    .command("generate")
    .description(
      "Write table classes for the tables of the config's database (what cannot be modelled is listed on stderr)",
    )
    .option("--schema-name <name>", "the PostgreSQL schema to read", "public")
    .option("--output <file>", "write the classes to this file instead of stdout")
    .option("-y, --yes", "overwrite an existing --output file without asking (for scripts)")
    .action(async (options: { schemaName: string; output?: string; yes?: boolean }) => {
      await withProject(async (project) => {
        const db = await readDatabase(project, options.schemaName);
        if (db.tables.length === 0) throw noTablesFound(db.source);
        await output(
          "schema generate",
          renderTables(db),
          options.output,
          `${db.tables.length} table classes`,
          options.yes,
        );
        for (const note of db.notes) warn(`not modelled: ${note}`);
        if (db.notes.length > 0)
          warn(
            `${db.notes.length} thing${db.notes.length === 1 ? "" : "s"} not modelled, listed above and at the top of the file`,
          );
      });
    });
  schema
    .command("graph")
    .description(
      "Draw the project's tables and foreign keys as Mermaid, Graphviz DOT or SVG (SVG needs Graphviz's dot)",
    )
    .option("--format <format>", "mermaid, dot or svg", "mermaid")
    .option("--output <file>", "write to this file instead of stdout")
    .option("-y, --yes", "overwrite an existing --output file without asking (for scripts)")
    .option("--from-database", "draw the tables of the config's database instead of the apps' table classes")
    .option("--schema-name <name>", "with --from-database: the PostgreSQL schema to read", "public")
    .action(
      async (options: {
        format: string;
        output?: string;
        fromDatabase?: boolean;
        schemaName: string;
        yes?: boolean;
      }) => {
        if (!["mermaid", "dot", "svg"].includes(options.format)) throw invalidGraphFormat(options.format);
        await withProject(async (project) => {
          const tables: TableSchema[] = options.fromDatabase
            ? (await readDatabase(project, options.schemaName)).tables.map((t) => t.table)
            : project.apps.flatMap((app) => app.tables.map((t) => tableSchemaOf(tableMetaOf(t))));
          const text =
            options.format === "mermaid"
              ? mermaidGraph(tables)
              : options.format === "dot"
                ? dotGraph(tables)
                : renderSvg(dotGraph(tables));
          await output(
            "schema graph",
            text,
            options.output,
            `a ${options.format} graph of ${tables.length} tables`,
            options.yes,
          );
          if (options.output === undefined && process.stdout.isTTY && tables.length === 0)
            say(colors.dim("(no tables)"));
        });
      },
    );
}
