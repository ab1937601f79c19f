/** Results whose hover text test/unit/hover-types.test.ts checks: plain object types, no helper names. */
import { Count } from "../../lib";
import { Band } from "./schema";

export async function hovers(): Promise<unknown[]> {
  const joined = await Band.select(Band.c.name, Band.c.manager.name);
  const everything = await Band.select();
  const counted = await Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager);
  return [joined, everything, counted];
}
