/**
 * MikroORM 6 on PostgreSQL, as its docs set it up: `MikroORM.init()` from @mikro-orm/postgresql
 * with decorated entities (reflect-metadata), a pool of 10, a forked EntityManager per operation
 * (as per request), the query builder's execute() for plain-object reads, `em.find()` for
 * select-1000-objects, `em.insert` / `insertMany` / `nativeUpdate` for writes and
 * `em.transactional()`. Reported as `@mikro-orm/core`. Not on SQLite: @mikro-orm/better-sqlite
 * and @mikro-orm/sqlite pin their own better-sqlite3 11 / sqlite3 5, native builds that cannot be
 * installed here.
 */
import "reflect-metadata";
import { Entity, ManyToOne, MikroORM, PrimaryKey, Property } from "@mikro-orm/postgresql";
import { BAND_TABLE, Inputs, MANAGER_TABLE, POOL_SIZE, THOUSAND_ROWS, type AdapterFactory } from "../common";

@Entity({ tableName: MANAGER_TABLE })
class MikroManager {
  @PrimaryKey({ type: "integer" }) id!: number;
  @Property({ type: "string", length: 50 }) name!: string;
}

@Entity({ tableName: BAND_TABLE })
class MikroBand {
  @PrimaryKey({ type: "integer" }) id!: number;
  @Property({ type: "string", length: 100 }) name!: string;
  @ManyToOne(() => MikroManager, { fieldName: "manager", nullable: true, deleteRule: "cascade", updateRule: "cascade" })
  manager!: MikroManager | null;
  @Property({ type: "integer" }) popularity!: number;
}

export const mikroOrm: AdapterFactory = async (engine, env) => {
  if (engine !== "postgres") {
    return {
      unsupported:
        "@mikro-orm/better-sqlite and @mikro-orm/sqlite pin their own native better-sqlite3 11 / sqlite3 5, not installable here",
    };
  }
  const orm = await MikroORM.init({
    entities: [MikroManager, MikroBand],
    dbName: env.pg.database,
    host: env.pg.host,
    port: env.pg.port,
    user: env.pg.user,
    ...(env.pg.password ? { password: env.pg.password } : {}),
    pool: { min: 0, max: POOL_SIZE },
    debug: false,
  });
  const inputs = new Inputs();
  const thousand = () => THOUSAND_ROWS.map((row) => ({ ...row }));
  const plain = () => orm.em.fork().createQueryBuilder(MikroBand).select(["id", "name", "manager", "popularity"]);
  const pkGet = () => plain().where({ id: inputs.bandId() }).execute("get");
  return {
    ops: {
      "pk-get": pkGet,
      "pk-get-concurrent": pkGet,
      "select-1000": () => plain().limit(1000).execute("all"),
      "select-1000-objects": () => orm.em.fork().find(MikroBand, {}, { limit: 1000 }),
      "join-100": () =>
        orm.em
          .fork()
          .createQueryBuilder(MikroBand, "b")
          .select(["b.name", "m.name as managerName"])
          .leftJoin("b.manager", "m")
          .limit(100)
          .execute("all"),
      "insert-one": () => orm.em.fork().insert(MikroBand, inputs.band()),
      "insert-1000": () => orm.em.fork().insertMany(MikroBand, thousand()),
      "update-one": () => {
        const popularity = inputs.popularity();
        return orm.em.fork().nativeUpdate(MikroBand, { id: inputs.bandId() }, { popularity });
      },
      "tx-2i1u": () =>
        orm.em.fork().transactional(async (em) => {
          await em.insert(MikroBand, inputs.band());
          await em.insert(MikroBand, inputs.band());
          const popularity = inputs.popularity();
          await em.nativeUpdate(MikroBand, { id: inputs.bandId() }, { popularity });
        }),
    },
    close: () => orm.close(true),
  };
};
