/** Results whose hover text test/unit/hover-types.test.ts checks: plain object types, no helper names. */
import { Count, DerivedTable } from "../../lib";
import { Band, Manager } from "./schema";

export async function hovers(): Promise<unknown[]> {
  const joined = await Band.select(Band.c.name, Band.c.manager.name);
  const everything = await Band.select();
  const counted = await Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager);
  const unioned = await Manager.select(Manager.c.name).union(Band.select(Band.c.manager.name.as("name")));
  const top = DerivedTable("top", Band.select(Band.c.name, Count().as("n")).groupBy(Band.c.name));
  const derived = await top.select(top.c.name, top.c.n.as("count"));
  return [joined, everything, counted, unioned, derived];
}
