/** Composite primary keys: several primaryKey columns, a table without the default id. */
import { expectTypeOf } from "expect-type";
import { type Engine, ForeignKey, Integer, Table, Varchar, column, table, type Ref } from "../../lib";

declare const db: Engine;

@table({ db })
export class Team extends Table<Team>() {
  @column(Varchar()) name!: string;
}

/** Keyed by (team, login); `null` says the table has no default id. */
@table({ db })
export class Member extends Table<Member, null>() {
  @column(ForeignKey(() => Team, { primaryKey: true })) team!: Ref<Team>;
  @column(Varchar({ primaryKey: true })) login!: string;
  @column(Integer()) score!: number;
}

export async function compositeKeyTypes(member: Member): Promise<void> {
  // No id: neither a column nor an instance property.
  // @ts-expect-error a table with its own key has no id
  void Member.c.id;
  // @ts-expect-error nor do its instances
  void member.id;
  expectTypeOf(await Member.select()).toEqualTypeOf<{ team: Ref<Team>; login: string; score: number }[]>();
  // get() by the full key gives one instance or null.
  expectTypeOf(
    await Member.objects().get(Member.c.team.eq(1).and(Member.c.login.eq("ann"))),
  ).toEqualTypeOf<Member | null>();
  // insert() returns the key columns (not known to the types without returning()); returning() narrows.
  expectTypeOf(await Member.insert({ team: 1, login: "ann" })).toEqualTypeOf<Record<string, unknown>[]>();
  expectTypeOf(await Member.insert({ team: 1, login: "ann" }).returning(Member.c.team, Member.c.login)).toEqualTypeOf<
    { team: Ref<Team>; login: string }[]
  >();
  // Upserts target the key's columns.
  void Member.insert({ team: 1, login: "ann", score: 2 }).onConflict({
    target: [Member.c.team, Member.c.login],
    action: "doUpdate",
    values: [Member.c.score],
  });
  // The foreign key that is part of the key is typed as any other.
  // A key column is never null, so neither is its row.
  expectTypeOf(member.getRelated(Member.c.team)).toEqualTypeOf<Promise<Team>>();
  expectTypeOf(await Member.select(Member.c.team.name)).toEqualTypeOf<{ "team.name": string }[]>();
  expectTypeOf(member.save()).toEqualTypeOf<Promise<Member>>();
  expectTypeOf(member.refresh()).toEqualTypeOf<Promise<Member>>();
  expectTypeOf(member.remove()).toEqualTypeOf<Promise<void>>();
}
