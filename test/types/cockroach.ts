/** CockroachEngine: bigint keys (unique_rowid() exceeds 2^53), asOfSystemTime()'s accepted forms, the engine options. */
import { expectTypeOf } from "expect-type";
import {
  type AsOfSystemTime,
  BigSerial,
  CockroachEngine,
  ForeignKey,
  type PostgresEngine,
  type Ref,
  Table,
  Varchar,
  column,
  table,
} from "../../lib";

const DB = new CockroachEngine({ config: { connectionString: "postgresql://root@localhost:26257/app" }, retries: 3 });

@table({ db: DB })
export class Artist extends Table<Artist, bigint>() {
  @column(Varchar()) name!: string;
}

@table({ db: DB })
export class Song extends Table<Song, null>() {
  @column(BigSerial({ primaryKey: true })) id!: bigint;
  @column(ForeignKey(() => Artist)) artist!: Ref<Artist, bigint> | null;
}

export async function cockroachTypes(): Promise<void> {
  // A default-id table on CockroachDB declares its key as bigint; rows and instances carry it.
  expectTypeOf(new Artist().id).toEqualTypeOf<bigint>();
  expectTypeOf(await Artist.select(Artist.c.id)).toEqualTypeOf<{ id: bigint }[]>();
  expectTypeOf(await Song.select(Song.c.id, Song.c.artist)).toEqualTypeOf<
    { id: bigint; artist: Ref<Artist, bigint> | null }[]
  >();
  Artist.select().where(Artist.c.id.eq(123n));
  // @ts-expect-error a bigint key is compared with a bigint
  Artist.select().where(Artist.c.id.eq(123));
  // @ts-expect-error Table's key is a number, a bigint or null
  Table<Artist, string>();

  // asOfSystemTime(): a Date, a negative interval, or follower_read_timestamp().
  expectTypeOf(await Artist.select(Artist.c.name).asOfSystemTime("-10s")).toEqualTypeOf<{ name: string }[]>();
  Artist.select().asOfSystemTime(new Date());
  Artist.select().asOfSystemTime("-1m30s");
  Artist.select().asOfSystemTime("-250ms");
  Artist.select().asOfSystemTime("follower_read_timestamp()");
  // @ts-expect-error the interval must be negative (a time in the past)
  Artist.select().asOfSystemTime("10s");
  // @ts-expect-error units are us, ms, s, m, h
  Artist.select().asOfSystemTime("-10 seconds");
  // @ts-expect-error not a timestamp CockroachDB reads
  Artist.select().asOfSystemTime(1700000000);
  expectTypeOf<"-5s">().toMatchTypeOf<AsOfSystemTime>();

  // The engine is a PostgresEngine with two more options, both checked.
  expectTypeOf(DB).toMatchTypeOf<PostgresEngine>();
  new CockroachEngine({ autocommitBeforeDdl: true, routeReads: false });
  // @ts-expect-error the option is retries
  new CockroachEngine({ retry: 3 });
}
