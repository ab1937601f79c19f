/**
 * piccolo-orm through its public API only, as its README shows: one engine per database
 * (PostgresEngine with a pool of 10; SQLiteEngine on better-sqlite3, or `driver: "sqlite3"`),
 * tables declared with @table/@column, queries awaited directly.
 */
import * as piccoloOrm from "../../lib";
import type { Engine, Ref } from "../../lib";
import { BAND_TABLE, Inputs, MANAGER_TABLE, POOL_SIZE, THOUSAND_ROWS, type AdapterFactory } from "../common";

type Library = typeof piccoloOrm;

/** Declares the two tables on an engine (tables are bound to their engine by @table). */
function declareTables(lib: Library, db: Engine) {
  const { ForeignKey, Integer, Table, Varchar, column, table } = lib;
  @table({ db, tablename: MANAGER_TABLE })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db, tablename: BAND_TABLE })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 100 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer()) popularity!: number;
  }

  return { Manager, Band };
}

/**
 * The adapter on a given build of piccolo-orm: `piccolo-base` (BENCH_PICCOLO_BASE=path/to/build/lib)
 * runs an older build beside this one, for same-run A/B comparisons.
 */
export const piccoloFrom =
  (lib: Library): AdapterFactory =>
  async (engine, env) => {
    const { PostgresEngine, SQLiteEngine } = lib;
    const db: Engine =
      engine === "postgres"
        ? new PostgresEngine({ config: { ...env.pg, max: POOL_SIZE } })
        : new SQLiteEngine({
            path: env.sqlitePath[engine],
            driver: engine === "sqlite3" ? "sqlite3" : "better-sqlite3",
          });
    if (db instanceof PostgresEngine) await db.startPool();
    const { Band } = declareTables(lib, db);
    const inputs = new Inputs();
    const thousand = THOUSAND_ROWS.map((row) => ({ ...row }));

    const pkGet = () => Band.select().where(Band.c.id.eq(inputs.bandId())).first();
    return {
      ops: {
        "pk-get": pkGet,
        ...(engine === "postgres" ? { "pk-get-concurrent": pkGet } : {}),
        "select-1000": () => Band.select().limit(1000),
        "select-1000-objects": () => Band.objects().limit(1000),
        "join-100": () => Band.select(Band.c.name, Band.c.manager.name).limit(100),
        "insert-one": () => Band.insert(inputs.band()),
        "insert-1000": () => Band.insert(...thousand).returning(),
        "update-one": () => Band.update({ popularity: inputs.popularity() }).where(Band.c.id.eq(inputs.bandId())),
        "tx-2i1u": () =>
          db.transaction(async () => {
            await Band.insert(inputs.band());
            await Band.insert(inputs.band());
            await Band.update({ popularity: inputs.popularity() }).where(Band.c.id.eq(inputs.bandId()));
          }),
      },
      close: () => db.close(),
    };
  };

export const piccolo: AdapterFactory = piccoloFrom(piccoloOrm);
