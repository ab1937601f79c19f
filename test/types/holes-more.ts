/** Issue 10's remaining type holes: duplicate keys, asList, joined columns in writes, shapes kept. */
import { expectTypeOf } from "expect-type";
import { Count, type Ref } from "../../lib";
import { Band, Concert, Manager, Ticket, Token, Venue } from "./schema";

export async function duplicateKeysRefused(): Promise<void> {
  // @ts-expect-error two columns under the output key "name"
  void Band.select(Band.c.name, Band.c.manager.name.as("name"));
  // @ts-expect-error the same column twice
  void Band.select(Band.c.popularity, Band.c.popularity);
  // @ts-expect-error an alias that repeats a column's key
  void Band.select(Band.c.name, Count().as("name")).groupBy(Band.c.name);
  expectTypeOf(await Band.select(Band.c.name, Band.c.manager.name.as("boss"))).toEqualTypeOf<
    { name: string; boss: string | null }[]
  >();
}

export async function asListNeedsOneColumn(): Promise<void> {
  // @ts-expect-error asList with two columns
  void Band.select(Band.c.name, Band.c.popularity).output({ asList: true });
  // @ts-expect-error asList of every column
  void Band.select().output({ asList: true });
  expectTypeOf(await Band.select(Band.c.name).output({ asList: true })).toEqualTypeOf<string[]>();
}

export async function shapesKept(): Promise<void> {
  // output() then first(): the shaped row, or null.
  expectTypeOf(await Band.select(Band.c.name).output({ asList: true }).first()).toEqualTypeOf<string | null>();
  expectTypeOf(await Band.select(Band.c.manager.name).output({ nested: true }).first()).toEqualTypeOf<{
    manager: { name: string | null };
  } | null>();
  // first() then output(): the same.
  expectTypeOf(await Band.select(Band.c.name).first().output({ asList: true })).toEqualTypeOf<string | null>();
  // batch() yields shaped rows too.
  for await (const names of Band.select(Band.c.name).output({ asList: true }).batch()) {
    expectTypeOf(names).toEqualTypeOf<string[]>();
  }
  for await (const rows of Band.select(Band.c.manager.name).output({ nested: true }).batch()) {
    expectTypeOf(rows).toEqualTypeOf<{ manager: { name: string | null } }[]>();
  }
  for await (const rows of Band.select(Band.c.name).batch()) {
    expectTypeOf(rows).toEqualTypeOf<{ name: string }[]>();
  }
}

export async function joinedColumnsNotWritten(): Promise<void> {
  // @ts-expect-error RETURNING cannot join: a column of the manager
  void Band.insert({ name: "A" }).returning(Band.c.manager.name);
  // @ts-expect-error renamed, it is still the manager's column
  void Band.insert({ name: "A" }).returning(Band.c.manager.name.as("boss"));
  // @ts-expect-error nor in update()'s returning
  void Band.update({ popularity: 1 }, { force: true }).returning(Band.c.manager.name);
  // @ts-expect-error nor in delete()'s returning
  void Band.delete({ force: true }).returning(Band.c.manager.name);
  // @ts-expect-error UPDATE cannot join: a joined column as a value
  void Band.update({ name: Band.c.manager.name }, { force: true });
  // @ts-expect-error a joined key as a value
  void Concert.update({ band2: Concert.c.band1.manager }, { force: true });
  // @ts-expect-error a joined column whose type fits: still no joins in UPDATE
  void Concert.update({ venue: Concert.c.venue.id }, { force: true });
  expectTypeOf(await Band.insert({ name: "A" }).returning(Band.c.name, Band.c.manager)).toEqualTypeOf<
    { name: string; manager: Ref<Manager> | null }[]
  >();
  void Band.update({ name: Band.c.name.concat("!") }, { force: true });
  void Concert.update({ band2: Concert.c.band1 }, { force: true });
}

export async function subqueryKeysMatch(): Promise<void> {
  // @ts-expect-error Venue keys are no Manager keys
  void Band.c.manager.isIn(Concert.select(Concert.c.venue));
  // @ts-expect-error Token's keys are strings
  void Band.c.manager.isIn(Token.select(Token.c.id));
  // @ts-expect-error not in notIn() either
  void Band.c.manager.notIn(Concert.select(Concert.c.venue));
  void Band.c.manager.isIn(Manager.select(Manager.c.id));
  void Concert.c.band1.isIn(Concert.select(Concert.c.band2));
  void Ticket.c.concert.isIn(Concert.select(Concert.c.id).where(Concert.c.venue.isIn(Venue.select(Venue.c.id))));
}
