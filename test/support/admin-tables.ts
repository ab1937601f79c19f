/**
 * Tables of the admin tests: managers (with a secret), bands with a column of every widget kind
 * (and a secret token), genres related to bands through an M2M join table. Names start with adm_.
 */
import {
  ArrayColumn,
  BooleanColumn,
  DateColumn,
  ForeignKey,
  Integer,
  JSONColumn,
  Secret,
  Table,
  Text,
  Time,
  Timestamptz,
  Varchar,
  column,
  m2m,
  table,
  type Engine,
  type M2M,
  type Ref,
} from "../../lib";
import type { Secret as SecretValue } from "../../lib/columns/secret";
import type { EngineContext } from "./engines";

export const ADMIN_SECRET = "tok-never-shown-42";

export function adminTables(db: Engine) {
  @table({ db, tablename: "adm_manager" })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(Secret({ null: true })) password!: SecretValue<string> | null;
  }

  @table({ db, tablename: "adm_genre" })
  class Genre extends Table<Genre>() {
    @column(Varchar({ length: 30 })) name!: string;
    @m2m(() => GenreToBand) bands!: M2M<Band, GenreToBand>;
  }

  @table({ db, tablename: "adm_band" })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50, unique: true, helpText: "The band's stage name." })) name!: string;
    @column(ForeignKey(() => Manager, { null: true, onDelete: "set null" })) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
    @column(Varchar({ length: 10, choices: ["rock", "jazz", "pop"], default: "rock" })) genre!: string;
    @column(BooleanColumn({ default: true })) active!: boolean;
    @column(DateColumn({ null: true })) formed!: string | null;
    @column(Time({ null: true })) rehearsal!: string | null;
    @column(Timestamptz({ null: true })) signedAt!: Date | null;
    @column(Text({ null: true, helpText: "Anything worth knowing." })) notes!: string | null;
    @column(ArrayColumn(Varchar({ length: 40 }), { default: [] })) tags!: string[];
    @column(JSONColumn({ null: true })) meta!: unknown;
    @column(Secret({ null: true })) token!: SecretValue<string> | null;
    @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
  }

  @table({ db, tablename: "adm_genre_to_band", unique: [["band", "genreRef"]] })
  class GenreToBand extends Table<GenreToBand>() {
    @column(ForeignKey(() => Band, { null: false, onDelete: "cascade" })) band!: Ref<Band>;
    @column(ForeignKey(() => Genre, { null: false, onDelete: "cascade" })) genreRef!: Ref<Genre>;
  }

  return { Manager, Band, Genre, GenreToBand };
}

export type AdminTables = ReturnType<typeof adminTables>;

const names = ["adm_genre_to_band", "adm_band", "adm_genre", "adm_manager"];

/** Drops and recreates the tables with sample rows: 3 managers, 3 bands, 2 genres. */
export async function resetAdminTables(ctx: EngineContext): Promise<AdminTables> {
  const t = adminTables(ctx.engine);
  await ctx.dropTables(...names);
  for (const T of [t.Manager, t.Genre, t.Band, t.GenreToBand]) await T.createTable();
  await t.Manager.insert(
    { name: "Guido", password: ADMIN_SECRET },
    { name: "Graydon", password: ADMIN_SECRET },
    { name: "Mads", password: null },
  );
  await t.Genre.insert({ name: "Rock" }, { name: "Jazz" });
  await t.Band.insert(
    { name: "Pythonistas", manager: 1, popularity: 1000, genre: "rock", tags: ["snakes"], token: ADMIN_SECRET },
    { name: "Rustaceans", manager: 2, popularity: 2000, genre: "jazz", active: false, token: ADMIN_SECRET },
    { name: "C-Sharps", manager: 3, popularity: 10, genre: "pop", token: ADMIN_SECRET },
  );
  return t;
}

export function dropAdminTables(ctx: EngineContext): Promise<void> {
  return ctx.dropTables(...names);
}
