/** Column types: value types, secret fields left out of select(), enum choices, array and JSON operators. */
import { expectTypeOf } from "expect-type";
import {
  ArrayColumn,
  BigIntColumn,
  Bytea,
  type ColumnType,
  type Condition,
  Email,
  type Engine,
  Integer,
  Interval,
  JSONB,
  type Scalar,
  Secret,
  Table,
  Time,
  UUID,
  Varchar,
  column,
  table,
  uuid7,
} from "../../lib";

declare const db: Engine;

enum Genre {
  Rock = "rock",
  Jazz = "jazz",
}

enum Size {
  Small = 1,
  Large = 2,
}

@table({ db })
export class Track extends Table<Track>() {
  @column(Varchar()) title!: string;
  @column(Interval()) length!: number;
  @column(Time({ null: true })) startsAt!: string | null;
  @column(Bytea({ null: true })) artwork!: Uint8Array | null;
  @column(Email()) contact!: string;
  @column(Varchar({ choices: Genre, default: Genre.Rock })) genre!: Genre;
  @column(Integer({ choices: Size })) size!: Size;
  @column(ArrayColumn(Varchar())) tags!: string[];
  @column(ArrayColumn(Integer({ null: true }), { null: true })) scores!: (number | null)[] | null;
  @column(ArrayColumn(BigIntColumn())) counts!: bigint[];
  @column(JSONB({ null: true })) meta!: unknown;
  @column(Secret()) apiKey!: Secret<string>;
  @column(Integer({ secret: true })) pin!: Secret<number>;
}

@table({ db })
export class Key extends Table<Key, null>() {
  @column(UUID({ primaryKey: true, default: uuid7 })) id!: string;
}

export async function columnTypeTypes(): Promise<void> {
  // Factories give the value type their fields are declared with, and whether the column accepts NULL.
  expectTypeOf(Interval({ null: true })).toEqualTypeOf<ColumnType<number, true>>();
  expectTypeOf(Interval()).toEqualTypeOf<ColumnType<number, false>>();
  expectTypeOf(Time()).toEqualTypeOf<ColumnType<string, false>>();
  expectTypeOf(Bytea()).toEqualTypeOf<ColumnType<Uint8Array, false>>();
  expectTypeOf(Email()).toEqualTypeOf<ColumnType<string, false>>();
  // Elements are nullable only when the element type says { null: true }.
  expectTypeOf(ArrayColumn(Integer())).toEqualTypeOf<ColumnType<number[], false>>();
  expectTypeOf(ArrayColumn(Integer({ null: true }))).toEqualTypeOf<ColumnType<(number | null)[], false>>();
  expectTypeOf(uuid7()).toEqualTypeOf<string>();

  // choices from an enum make the value type the enum; lists and plain objects keep the base type.
  // (Compared through the phantom value type: expect-type tells ColumnType<Genre> from a union of Genre's members.)
  expectTypeOf(Varchar({ choices: Genre }).__value).toEqualTypeOf<Genre | undefined>();
  expectTypeOf(Integer({ choices: Size }).__value).toEqualTypeOf<Size | undefined>();
  expectTypeOf(Varchar({ choices: ["a", "b"] })).toEqualTypeOf<ColumnType<string, false>>();
  expectTypeOf(Varchar({ choices: ["a", "b"] as const })).toEqualTypeOf<ColumnType<"a" | "b", false>>();
  expectTypeOf(Integer({ choices: { Small: 1, Large: 2 } })).toEqualTypeOf<ColumnType<number, false>>();
  expectTypeOf(Varchar()).toEqualTypeOf<ColumnType<string, false>>();
  // @ts-expect-error a default must be one of the enum's values
  Varchar({ choices: Genre, default: "rock" });
  // @ts-expect-error an Integer's choices are numbers
  Integer({ choices: ["a"] });

  // Secret fields are left out of select() and included when named.
  const rows = await Track.select();
  expectTypeOf(rows[0]!).not.toHaveProperty("apiKey");
  expectTypeOf(rows[0]!).not.toHaveProperty("pin");
  expectTypeOf(rows[0]!.genre).toEqualTypeOf<Genre>();
  expectTypeOf(rows[0]!.tags).toEqualTypeOf<string[]>();
  expectTypeOf(await Track.select(Track.c.apiKey, Track.c.pin)).toEqualTypeOf<
    { apiKey: Secret<string>; pin: Secret<number> }[]
  >();
  const track = (await Track.objects().first())!;
  expectTypeOf(track.apiKey).toExtend<string>();
  await Track.insert({ title: "x", apiKey: "plain string", pin: 1234 });

  // Enum fields take only enum values.
  await Track.insert({ genre: Genre.Jazz, size: Size.Large });
  // @ts-expect-error "polka" is not a Genre
  await Track.insert({ genre: "polka" });
  Track.select().where(Track.c.genre.eq(Genre.Rock), Track.c.size.isIn([Size.Small]));

  // Array operators take elements of the array's type.
  expectTypeOf(Track.c.tags.any("rock")).toEqualTypeOf<Condition<Track>>();
  expectTypeOf(Track.c.scores.all(5)).toEqualTypeOf<Condition<Track>>();
  expectTypeOf(Track.c.counts.any(5n)).toEqualTypeOf<Condition<Track>>();
  expectTypeOf(Track.c.tags.contains(["rock", "jazz"])).toEqualTypeOf<Condition<Track>>();
  Track.c.scores.contains([1, null]);
  // @ts-expect-error tags are strings
  Track.c.tags.any(1);
  // @ts-expect-error any() takes one element, not a list
  Track.c.tags.any(["rock"]);
  // @ts-expect-error contains() takes a list of tags
  Track.c.tags.contains([1]);
  // @ts-expect-error any() is only for arrays
  Track.c.title.any("x");
  // @ts-expect-error null never equals an element
  Track.c.scores.any(null);

  // cat() is an array expression of the same type, for update() and select().
  const appended = Track.c.tags.cat("live");
  expectTypeOf(appended).toEqualTypeOf<Scalar<string[], "tags", Track>>();
  expectTypeOf(Track.c.tags.cat(["a", "b"])).toEqualTypeOf<Scalar<string[], "tags", Track>>();
  Track.c.tags.cat(Track.c.tags);
  await Track.update({ tags: appended, scores: Track.c.scores.cat([1, null]) }).where(Track.c.title.eq("x"));
  // @ts-expect-error tags are strings
  Track.c.tags.cat([1]);
  expectTypeOf(await Track.select(Track.c.tags.cat("x").as("more"))).toEqualTypeOf<{ more: string[] }[]>();

  // JSON access: keyed by its path unless renamed; -> is any JSON value, ->> text or null.
  expectTypeOf(Track.c.meta.arrow("genre")).toEqualTypeOf<Scalar<unknown, "meta->genre", Track>>();
  expectTypeOf(Track.c.meta.arrow("members", 0, "name").$key).toEqualTypeOf<"meta->members->0->name">();
  expectTypeOf(Track.c.meta.arrowText("members", 0, "name")).toEqualTypeOf<
    Scalar<string | null, "meta->members->0->>name", Track>
  >();
  expectTypeOf(await Track.select(Track.c.title, Track.c.meta.arrowText("genre").as("genre"))).toEqualTypeOf<
    { title: string; genre: string | null }[]
  >();
  expectTypeOf(await Track.select(Track.c.meta.arrow("genre"))).toEqualTypeOf<{ "meta->genre": unknown }[]>();
  Track.select().where(
    Track.c.meta.arrowText("genre").eq("rock"),
    Track.c.meta.arrowText("genre").like("r%"),
    Track.c.meta.contains({ genre: "rock" }),
  );
  // @ts-expect-error a path needs at least one key
  Track.c.meta.arrow();
  // @ts-expect-error ->> gives text
  Track.c.meta.arrowText("year").eq(1999);

  // UUID v7 keys are strings.
  expectTypeOf(new Key().id).toEqualTypeOf<string>();
}

/** A field whose type does not fit its column's is a compile error, also under experimentalDecorators. */
@table({ db })
export class Mistyped extends Table<Mistyped>() {
  // @ts-expect-error an enum column's field must be declared with the enum
  @column(Varchar({ choices: Genre })) genre!: string;
  // @ts-expect-error an Interval is a number of milliseconds
  @column(Interval()) length!: string;
  // @ts-expect-error an array column's field is an array
  @column(ArrayColumn(Integer())) scores!: number;
  @column(Time()) private startsAt!: string;
}
