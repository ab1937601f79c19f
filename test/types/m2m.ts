/** M2M fields: handles, arrays in select, instance methods, and M2M fields kept out of column types. */
import { expectTypeOf } from "expect-type";
import {
  BooleanColumn,
  type Engine,
  ForeignKey,
  Table,
  Upper,
  Varchar,
  column,
  m2m,
  table,
  type M2M,
  type Ref,
} from "../../lib";

declare const db: Engine;

@table({ db })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;
  @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
}

@table({ db })
export class Genre extends Table<Genre>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(BooleanColumn({ null: true })) mainstream!: boolean | null;
  /** No join table type: extraColumnValues is then any record. */
  @m2m(() => GenreToBand) bands!: M2M<Band>;
}

@table({ db })
export class GenreToBand extends Table<GenreToBand, null>() {
  @column(ForeignKey(() => Band, { primaryKey: true })) band!: Ref<Band>;
  @column(ForeignKey(() => Genre, { primaryKey: true })) genre!: Ref<Genre>;
  @column(Varchar({ null: true })) reason!: string | null;
}

export async function m2mTypes(band: Band, rock: Genre): Promise<void> {
  // Selecting M2M values: one array per row, of the column's type, under the field's name.
  expectTypeOf(await Band.select(Band.c.name, Band.m2m.genres(Genre.c.name))).toEqualTypeOf<
    { name: string; genres: string[] }[]
  >();
  expectTypeOf(await Band.select(Band.m2m.genres(Genre.c.id).as("ids"))).toEqualTypeOf<{ ids: number[] }[]>();
  expectTypeOf(await Band.select(Band.m2m.genres(Genre.c.mainstream))).toEqualTypeOf<
    { genres: (boolean | null)[] }[]
  >();
  expectTypeOf(await Band.select(Band.m2m.genres(Upper(Genre.c.name)).as("upper")).first()).toEqualTypeOf<{
    upper: string[];
  } | null>();
  expectTypeOf(await Genre.select(Genre.c.name, Genre.m2m.bands(Band.c.name))).toEqualTypeOf<
    { name: string; bands: string[] }[]
  >();
  // @ts-expect-error the element must be a column of the other table
  void Band.m2m.genres(Band.c.name);
  // @ts-expect-error an M2M array belongs to its own table's queries
  void Genre.select(Band.m2m.genres(Genre.c.name));

  // Several columns: an array of objects keyed by the columns' keys (aliases included).
  expectTypeOf(await Band.select(Band.c.name, Band.m2m.genres(Genre.c.name, Genre.c.mainstream))).toEqualTypeOf<
    { name: string; genres: { name: string; mainstream: boolean | null }[] }[]
  >();
  expectTypeOf(
    await Band.select(Band.m2m.genres(Genre.c.id.as("key"), Upper(Genre.c.name).as("upper")).as("tags")),
  ).toEqualTypeOf<{ tags: { key: number; upper: string }[] }[]>();
  // orderBy over the other table, for one column or several.
  expectTypeOf(await Band.select(Band.m2m.genres(Genre.c.name, { orderBy: Genre.c.name.desc() }))).toEqualTypeOf<
    { genres: string[] }[]
  >();
  expectTypeOf(
    await Band.select(
      Band.m2m.genres(Genre.c.name, Genre.c.id, { orderBy: [Genre.c.mainstream, Genre.c.name.desc()] }),
    ),
  ).toEqualTypeOf<{ genres: { name: string; id: number }[] }[]>();
  // @ts-expect-error orderBy takes columns of the other table
  void Band.m2m.genres(Genre.c.name, { orderBy: Band.c.name });
  // @ts-expect-error every column must belong to the other table
  void Band.m2m.genres(Genre.c.name, Band.c.name);
  // @ts-expect-error unknown option
  void Band.m2m.genres(Genre.c.name, { order: Genre.c.name });
  expectTypeOf(band.getM2M(Band.m2m.genres, { orderBy: Genre.c.name.desc() })).toEqualTypeOf<Promise<Genre[]>>();
  // @ts-expect-error getM2M's orderBy takes columns of the other table
  void band.getM2M(Band.m2m.genres, { orderBy: Band.c.name });

  // Instance methods: typed by the handle.
  expectTypeOf(band.getM2M(Band.m2m.genres)).toEqualTypeOf<Promise<Genre[]>>();
  expectTypeOf(rock.getM2M(Genre.m2m.bands)).toEqualTypeOf<Promise<Band[]>>();
  expectTypeOf(band.addM2M(Band.m2m.genres, rock)).toEqualTypeOf<Promise<Genre[]>>();
  await band.addM2M(Band.m2m.genres, [rock, new Genre({ name: "Punk" }), { name: "Jazz", mainstream: true }]);
  await band.addM2M(Band.m2m.genres, rock, { extraColumnValues: { reason: "roots" } });
  await rock.addM2M(Genre.m2m.bands, band, { extraColumnValues: { anything: 1 } });
  expectTypeOf(band.removeM2M(Band.m2m.genres, [rock])).toEqualTypeOf<Promise<number>>();
  // @ts-expect-error a handle of another table
  void band.getM2M(Genre.m2m.bands);
  // @ts-expect-error a column is not an M2M handle
  void band.getM2M(Band.c.name);
  // @ts-expect-error rows of the wrong table
  void band.addM2M(Band.m2m.genres, band);
  // @ts-expect-error Genre has no column "nme"
  void band.addM2M(Band.m2m.genres, { nme: "Punk" });
  // @ts-expect-error the join table has no column "reasn"
  void band.addM2M(Band.m2m.genres, rock, { extraColumnValues: { reasn: "roots" } });
  // @ts-expect-error removeM2M takes instances
  void band.removeM2M(Band.m2m.genres, { name: "Rock" });

  // M2M fields are not columns: not in Band.c, select(), insert(), new Band({...}), update() or save().
  expectTypeOf(await Band.select()).toEqualTypeOf<{ id: number; name: string }[]>();
  expectTypeOf(Band.m2m).toHaveProperty("genres");
  // @ts-expect-error no column accessor for an M2M field
  void Band.c.genres;
  // @ts-expect-error name is a column, not an M2M field
  void Band.m2m.name;
  // @ts-expect-error not accepted by new Band({...})
  new Band({ name: "x", genres: undefined });
  // @ts-expect-error not accepted by insert()
  void Band.insert({ name: "x", genres: undefined });
  // @ts-expect-error not accepted by update()
  void Band.update({ genres: undefined }, { force: true });
  // @ts-expect-error save() takes column names
  void band.save("genres");
}

/** @m2m() goes on fields typed M2M<…>. */
@table({ db })
export class Wrong extends Table<Wrong>() {
  // @ts-expect-error an M2M field must be typed M2M<Other>
  @m2m(() => GenreToBand) genres!: string[];
}
