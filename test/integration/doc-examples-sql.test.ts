/**
 * The `@example`s of lib/'s doc comments that run statements (instance methods: save, remove,
 * refresh, getRelated, …) and state their SQL: each runs on the sample data, and the statements
 * the engine logs must be exactly the `// postgres: …` / `// sqlite: …` lines, in order. Examples
 * that are one query expression are checked through toSQL() in test/unit/doc-examples.test.ts.
 */
import { expect } from "chai";
import { resolve } from "node:path";
import * as ts from "typescript";
import { libExamples, runsStatements, statedStatements } from "../support/doc-examples";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

// Compiled to build/test/integration/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
const running = libExamples(ROOT).filter(
  (e) => runsStatements(e.code) && statedStatements(e.code, "postgres").length > 0,
);

describeEachEngine("@example SQL of statements (instance methods)", (ctx) => {
  const f = useSampleData(ctx, { perTest: true });

  it(`${running.length} @examples run and state their statements on both dialects`, () => {
    expect(running.length).to.be.at.least(5);
    for (const e of running) {
      expect(statedStatements(e.code, "sqlite").length, `${e.file}:${e.line}`).to.equal(
        statedStatements(e.code, "postgres").length,
      );
    }
  });

  for (const e of running) {
    it(`${e.file}:${e.line}: ${e.code.split("\n")[0]}`, async () => {
      const band = await f.Band.objects().get(f.Band.c.name.eq("Pythonistas"));
      const manager = await f.Manager.objects().get(f.Manager.c.name.eq("Guido"));
      const concert = await f.Concert.objects().orderBy(f.Concert.c.id).first();
      const js = ts.transpile(`(async () => {\n${e.code}\n})()`, { target: ts.ScriptTarget.ES2022 });
      const run = new Function(
        "Manager",
        "Band",
        "Venue",
        "Concert",
        "Ticket",
        "band",
        "manager",
        "concert",
        `return ${js}`,
      );
      const logged: string[] = [];
      ctx.engine.setLog((entry) => logged.push(entry.sql));
      try {
        await run(f.Manager, f.Band, f.Venue, f.Concert, f.Ticket, band, manager, concert);
      } finally {
        ctx.engine.setLog(undefined);
      }
      expect(logged).to.deep.equal(statedStatements(e.code, ctx.family === "postgres" ? "postgres" : "sqlite"));
    });
  }
});
