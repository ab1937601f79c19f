/** transaction() options: only known names and isolation levels type-check (and are checked at run time). */
import { expectTypeOf } from "expect-type";
import type { Engine } from "../../lib";

declare const db: Engine;

export async function transactionTypes(): Promise<void> {
  expectTypeOf(await db.transaction(async () => 1, { isolationLevel: "serializable" })).toEqualTypeOf<number>();
  // @ts-expect-error the option is isolationLevel
  await db.transaction(async () => 1, { isolation: "serializable" });
  // @ts-expect-error not an isolation level
  await db.transaction(async () => 1, { isolationLevel: "snapshot" });
}
