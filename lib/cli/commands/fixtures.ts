import type { Command } from "commander";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import { basename, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { invalidChunkSize } from "../../errors/factories";
import { mayWriteOutput } from "../ask";
import { withProject } from "../context";
import { dumpFixtures } from "../fixtures/dump";
import { loadFixtures } from "../fixtures/load";
import { colors, ok, say } from "../output";

/**
 * Runs `dump` into a temporary file beside `file`, then renames it over `file`: a dump that fails
 * half way leaves an existing file as it was.
 */
async function dumpToFile<TRoot>(file: string, dump: (out: Writable) => Promise<TRoot>): Promise<TRoot> {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const out = createWriteStream(partial);
  try {
    const result = await dump(out);
    out.end();
    await once(out, "finish");
    renameSync(partial, file);
    return result;
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

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
    .option("-y, --yes", "overwrite an existing --output file without asking (for scripts)")
    .option("--chunk-size <n>", "rows read per round trip", chunkSize, 1000)
    .action((tables: string[], options: { output?: string; yes?: boolean; chunkSize: number }) => {
      // The path is taken relative to where the command was typed (the CLI then moves to the config's folder).
      const file = options.output === undefined ? undefined : resolve(options.output);
      return withProject(async (project) => {
        if (file === undefined) {
          await dumpFixtures(project, tables, process.stdout, options.chunkSize);
          return;
        }
        const output = options.output!;
        if (!(await mayWriteOutput("fixtures dump", file, options.yes === true, output)))
          return say("Nothing was written.");
        const done = await dumpToFile(file, (out) => dumpFixtures(project, tables, out, options.chunkSize));
        ok(`Dumped ${done.rows} rows of ${done.tables} tables to ${colors.bold(output)}`);
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
