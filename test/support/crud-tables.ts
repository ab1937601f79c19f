/**
 * Tables of the CRUD tests: managers with a secret password, bands with most column kinds and a
 * secret token, and members keyed by (team, login). Declared per engine; table names start with
 * crud_ so that the suites never touch the playground's.
 */
import {
  BooleanColumn,
  ForeignKey,
  Integer,
  Numeric,
  Secret,
  Table,
  Timestamptz,
  Varchar,
  column,
  table,
  type Engine,
  type Ref,
} from "../../lib";
import type { Secret as SecretValue } from "../../lib/columns/secret";
import type { EngineContext } from "./engines";
import { jsonKey, keysByName } from "./keys";

export const secrets = { password: "pw-hunter2", token: "tok-very-secret" };

export function crudTables(db: Engine) {
  @table({ db, tablename: "crud_manager" })
  class Manager extends Table<Manager>() {
    static readable = "name";
    @column(Varchar({ length: 50 })) name!: string;
    @column(Secret({ null: true })) password!: SecretValue<string> | null;
  }

  @table({ db, tablename: "crud_band" })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50, unique: true })) name!: string;
    @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
    @column(Numeric({ digits: [6, 2], null: true })) rating!: string | null;
    @column(BooleanColumn({ default: true })) active!: boolean;
    @column(Timestamptz({ null: true })) formedAt!: Date | null;
    @column(Secret({ null: true })) token!: SecretValue<string> | null;
  }

  @table({ db, tablename: "crud_member" })
  class Member extends Table<Member, null>() {
    @column(Integer({ primaryKey: true })) team!: number;
    @column(Varchar({ length: 20, primaryKey: true })) login!: string;
    @column(Integer({ default: 0 })) score!: number;
  }

  return { Manager, Band, Member };
}

export type CrudTables = ReturnType<typeof crudTables>;

/** Drops and recreates the tables with their sample rows: 3 managers, 4 bands, 3 members. */
export async function resetCrudTables(ctx: EngineContext): Promise<CrudTables> {
  const t = crudTables(ctx.engine);
  await ctx.dropTables("crud_band", "crud_manager", "crud_member");
  for (const T of [t.Manager, t.Band, t.Member]) await T.createTable();
  // The managers' keys as inserted: 1, 2, 3 where keys are sequential, unique_rowid() values on CockroachDB.
  const [guido, graydon, mads] = await t.Manager.insert(
    { name: "Guido", password: secrets.password },
    { name: "Graydon", password: secrets.password },
    { name: "Mads", password: null },
  );
  await t.Band.insert(
    {
      name: "Pythonistas",
      manager: guido!.id,
      popularity: 1000,
      rating: "4.50",
      formedAt: new Date("1991-02-20T00:00:00Z"),
      token: secrets.token,
    },
    {
      name: "Rustaceans",
      manager: graydon!.id,
      popularity: 2000,
      rating: "4.90",
      formedAt: new Date("2010-07-07T00:00:00Z"),
      token: secrets.token,
    },
    { name: "C-Sharps", manager: mads!.id, popularity: 10, rating: null, active: false, formedAt: null, token: null },
    {
      name: "Gophers_100%",
      manager: null,
      popularity: 500,
      rating: "3.25",
      formedAt: new Date("2009-11-10T00:00:00Z"),
    },
  );
  await t.Member.insert(
    { team: 1, login: "ann", score: 1 },
    { team: 1, login: "bob", score: 2 },
    { team: 2, login: "ann", score: 3 },
  );
  return t;
}

/** Drops the tables. */
export const dropCrudTables = (ctx: EngineContext) => ctx.dropTables("crud_band", "crud_manager", "crud_member");

/**
 * The sample rows' keys by name as the CRUD JSON carries them (numbers, or a bigint's digits), each
 * checked by `keysByName`: 1, 2, 3… where keys are sequential.
 */
export async function crudKeys(ctx: EngineContext, t: CrudTables) {
  const { Band, Manager } = t;
  const asJson = <TName extends string>(keys: Record<TName, unknown>) =>
    Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, jsonKey(key) as number | string])) as Record<
      TName,
      number | string
    >;
  const bands = await Band.select(Band.c.id, Band.c.name).orderBy(Band.c.id);
  const managers = await Manager.select(Manager.c.id, Manager.c.name).orderBy(Manager.c.id);
  return {
    band: asJson(keysByName(ctx, bands, ["Pythonistas", "Rustaceans", "C-Sharps", "Gophers_100%"])),
    manager: asJson(keysByName(ctx, managers, ["Guido", "Graydon", "Mads"])),
  };
}
