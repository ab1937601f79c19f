/** `insert().returning()` with no columns: no RETURNING clause, resolves to an empty list. */
import { expectTypeOf } from "expect-type";
import { type Engine, Integer, Table, Varchar, column, table } from "../../lib";

declare const db: Engine;

@table({ db })
export class Gig extends Table<Gig>() {
  @column(Varchar()) name!: string;
  @column(Integer()) fee!: number;
}

export async function insertReturningNothingTypes(): Promise<void> {
  expectTypeOf(await Gig.insert({ name: "a", fee: 1 }).returning()).toEqualTypeOf<never[]>();
  expectTypeOf(await Gig.insert({ name: "a", fee: 1 })).toEqualTypeOf<{ id: number }[]>();
  expectTypeOf(await Gig.insert({ name: "a", fee: 1 }).returning(Gig.c.name)).toEqualTypeOf<{ name: string }[]>();
  // @ts-expect-error only this table's columns
  void Gig.insert({ name: "a", fee: 1 }).returning("name");
}
