import { expect } from "chai";
import { Count } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

// A select that may read a large list (no limit, or one above 10,000) takes the driver's row
// objects as they are when no value needs decoding; a shorter one maps arrays. Both must agree.
describeEachEngine("select lists read as the driver's objects or as mapped arrays", (ctx) => {
  const f = useSampleData(ctx);

  it("gives the same rows either way: plain columns, a joined column, aliases and decoded values", async () => {
    const { Band, Concert, Ticket, RecordingStudio } = f;
    const both = async <R>(query: { limit(n: number): PromiseLike<R> } & PromiseLike<R>) => {
      const [list, limited] = [await query, await query.limit(50)];
      expect(list).to.deep.equal(limited);
      return list;
    };
    const { band, manager } = await sampleKeys(ctx, f);
    const bands = await both(Band.select().orderBy(Band.c.id));
    expect(bands).to.deep.equal([
      { id: band.Pythonistas, name: "Pythonistas", manager: manager.Guido, popularity: 1000 },
      { id: band.Rustaceans, name: "Rustaceans", manager: manager.Graydon, popularity: 2000 },
      { id: band["C-Sharps"], name: "C-Sharps", manager: manager.Mads, popularity: 10 },
    ]);
    const named = await both(Band.select(Band.c.name.as("title"), Band.c.manager.name).orderBy(Band.c.id));
    expect(named[0]).to.deep.equal({ title: "Pythonistas", "manager.name": "Guido" });
    const counted = await both(Band.select(Band.c.manager, Count()).groupBy(Band.c.manager).orderBy(Band.c.manager));
    expect(counted).to.have.length(3);
    expect(Object.keys(counted[0]!)).to.deep.equal(["manager", "count"]);
    const concerts = await both(Concert.select().orderBy(Concert.c.id));
    expect(concerts[0]!.startsAt).to.be.instanceOf(Date);
    await both(Ticket.select().orderBy(Ticket.c.id));
    await both(RecordingStudio.select().orderBy(RecordingStudio.c.id));
  });
});
