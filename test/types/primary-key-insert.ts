/** insert() of a table with its own primary key returns that key, typed, when Table<T, key>() names it. */
import { expectTypeOf } from "expect-type";
import { type Engine, ForeignKey, Integer, Table, UUID, Varchar, column, table, type Ref } from "../../lib";

declare const db: Engine;

@table({ db })
class Country extends Table<Country, "code">() {
  @column(Varchar({ length: 2, primaryKey: true })) code!: string;
  @column(Varchar()) name!: string;
}

@table({ db })
class Seat extends Table<Seat, ["country", "number"]>() {
  @column(ForeignKey(() => Country, { primaryKey: true })) country!: Ref<Country, string>;
  @column(Integer({ primaryKey: true })) number!: number;
}

@table({ db })
class Token extends Table<Token, null>() {
  @column(UUID({ primaryKey: true })) id!: string;
}

@table({ db })
class Typo extends Table<Typo, "cod">() {
  @column(Varchar({ primaryKey: true })) code!: string;
}

@table({ db })
class Plain extends Table<Plain>() {
  @column(Varchar()) name!: string;
}

export async function insertReturnsTheKey(): Promise<void> {
  expectTypeOf(await Country.insert({ code: "NP", name: "Nepal" })).toEqualTypeOf<{ code: string }[]>();
  expectTypeOf(await Seat.insert({ country: "NP", number: 1 })).toEqualTypeOf<
    { country: Ref<Country, string>; number: number }[]
  >();
  expectTypeOf(await Token.insert({ id: "x" })).toEqualTypeOf<{ id: string }[]>();
  expectTypeOf(await Plain.insert({ name: "a" })).toEqualTypeOf<{ id: number }[]>();
  // A key name that is no column shows up in the result type instead of a silent `{}`.
  const typo = await Typo.insert({ code: "x" });
  // @ts-expect-error the key is misnamed in Table<Typo, "cod">()
  void typo[0]!.code;
  // No default id on a table that names its key.
  // @ts-expect-error Country has no id
  void new Country().id;
}
