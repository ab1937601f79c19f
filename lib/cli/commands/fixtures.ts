import type { Command } from "commander";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { resolve } from "node:path";
import { invalidChunkSize } from "../../errors/factories";
import { withProject } from "../context";
import { dumpFixtures } from "../fixtures/dump";
import { loadFixtures } from "../fixtures/load";
import { colors, ok } from "../output";

const chunkSize = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw invalidChunkSize(value);
  return n;
};

/** `piccolo fixtures dump|load`. */
export function fixturesCommands(program: Command): void {
  const fixtures = program.command("fixtures").description("Dump tables to a JSON file and load them back");
  fixtures
    .command("dump [tables...]")
    .description(
      'Write the rows of every table, or of the apps and tables named ("music", "music.Band"), as JSON in foreign-key order',
    )
    .option("--output <file>", "write to this file instead of stdout")
    .option("--chunk-size <n>", "rows read per round trip", chunkSize, 1000)
    .action((tables: string[], options: { output?: string; chunkSize: number }) => {
      // The path is taken relative to where the command was typed (the CLI then moves to the config's folder).
      const file = options.output === undefined ? undefined : resolve(options.output);
      return withProject(async (project) => {
        const out = file === undefined ? process.stdout : createWriteStream(file);
        const done = await dumpFixtures(project, tables, out, options.chunkSize);
        if (file !== undefined) {
          out.end();
          await once(out, "finish");
          ok(`Dumped ${done.rows} rows of ${done.tables} tables to ${colors.bold(options.output)}`);
        }
      });
    });
  fixtures
    .command("load <file>")
    .description(
      "Insert the rows of a dump in one transaction, in chunks (foreign keys in cycles set after); any error loads nothing",
    )
    .option("--chunk-size <n>", "rows per INSERT", chunkSize, 1000)
    .action((file: string, options: { chunkSize: number }) => {
      const path = resolve(file);
      return withProject(async (project) => {
        const done = await loadFixtures(project, path, options.chunkSize);
        ok(`Loaded ${done.rows} rows into ${done.tables} tables`);
      });
    });
}
