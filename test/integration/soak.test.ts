import { expect } from "chai";
import { describeEachEngine } from "../support/engines";
import { describeSoak, soak, sqliteEngines } from "../support/soak";
import { SQLiteEngine } from "../../lib";

// The 5-second version of `npm run soak` (2.5 s per engine): 50 tasks, SERIALIZABLE, retries.
describeEachEngine(
  "soak (5 s version of npm run soak)",
  (ctx) => {
    it("50 concurrent tasks of transfers with retries never change the total", async function () {
      this.timeout(60_000);
      const peers = ctx.engine instanceof SQLiteEngine ? sqliteEngines(ctx.engine.path, 3) : [];
      try {
        const result = await soak(ctx.name, ctx.engine, peers, 2500);
        console.log(`      ${describeSoak(result)}`);
        expect(result.totalAfter).to.equal(result.totalBefore);
        expect(result.operations).to.be.greaterThan(0);
        expect(result.errorSamples).to.deep.equal([]);
      } finally {
        for (const peer of peers) await peer.close();
      }
    });
  },
  { engines: ["sqlite", "postgres"] },
);
