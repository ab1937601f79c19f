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

/** Retries, savepoints, atomic(), transaction types and timeouts are typed. */
export async function transactionApiTypes(band: import("../../lib").Query<unknown>): Promise<void> {
  const n = await db.transaction(
    async (tx) => {
      expectTypeOf(tx).toEqualTypeOf<import("../../lib").Transaction>();
      const sp = await tx.savepoint("name");
      expectTypeOf(sp.rollbackTo()).toEqualTypeOf<Promise<void>>();
      expectTypeOf(sp.name).toEqualTypeOf<string>();
      return 1;
    },
    {
      retries: 3,
      retryBaseDelay: 5,
      onRetry: (error, retry) => {
        expectTypeOf(error).toMatchTypeOf<import("../../lib").DatabaseError>();
        expectTypeOf(retry).toEqualTypeOf<number>();
      },
      statementTimeout: 1000,
      type: "deferred",
    },
  );
  expectTypeOf(n).toEqualTypeOf<number>();
  // @ts-expect-error not a SQLite transaction type
  await db.transaction(async () => 1, { type: "lazy" });
  // @ts-expect-error retries is a number
  await db.transaction(async () => 1, { retries: true });
  expectTypeOf(db.transactionExists()).toEqualTypeOf<boolean>();
  expectTypeOf(db.atomic().add(band).run()).toEqualTypeOf<Promise<unknown[]>>();
  // @ts-expect-error an awaited query (a result) is not a query
  db.atomic().add(await band);
  await band.run({ timeout: 100 });
  // @ts-expect-error the option is timeout
  await band.run({ timout: 100 });
}
