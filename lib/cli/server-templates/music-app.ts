import { lines } from "./options";

/**
 * The example app of every template: Manager and Band (a foreign key, a unique column, a default,
 * a boolean, a nullable timestamp), its piccolo_app file and its first migration, which is what
 * `piccolo migrations new music --auto` writes for these tables (the e2e test checks that a new
 * auto migration then finds nothing to do).
 */
export const musicTables = lines(
  'import { BooleanColumn, ForeignKey, Integer, Table, Timestamptz, Varchar, column, table, type Ref } from "piccolo-orm";',
  'import { DB } from "../piccolo.config";',
  "",
  "@table({ db: DB })",
  "export class Manager extends Table<Manager>() {",
  "  // Shown beside a band's manager key with ?__readable=true.",
  '  static readable = "name";',
  "  @column(Varchar({ length: 100, unique: true })) name!: string;",
  "}",
  "",
  "@table({ db: DB })",
  "export class Band extends Table<Band>() {",
  "  @column(Varchar({ length: 100 })) name!: string;",
  '  @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;',
  "  @column(Integer({ default: 0 })) popularity!: number;",
  "  @column(BooleanColumn({ default: true })) active!: boolean;",
  "  @column(Timestamptz({ null: true })) formedAt!: Date | null;",
  "}",
);

export const musicApp = lines(
  'import { AppConfig, tableFinder } from "piccolo-orm";',
  'import * as tables from "./tables";',
  "",
  "export const APP_CONFIG = new AppConfig({",
  '  name: "music",',
  "  // Every table class exported by tables.ts; its migrations manage their schema.",
  "  tables: tableFinder(tables),",
  '  migrationsFolder: "migrations",',
  "});",
);

/** The file name of the first migration (its id, as the migration writer spells it). */
export const firstMigrationFile = "music_2026_01_01t00_00_00_000000.ts";

export const firstMigration = lines(
  'import { defineMigration } from "piccolo-orm";',
  "",
  "// The first migration of the music app: the tables of music/tables.ts as `piccolo migrations new music --auto`",
  "// writes them. Change a table, then run `npx piccolo migrations new music --auto` for the next one.",
  "export default defineMigration({",
  '  id: "2026-01-01T00:00:00:000000",',
  '  app: "music",',
  '  description: "Manager and Band",',
  "  dependencies: [],",
  "  forwards: [",
  "    {",
  '      op: "createTable",',
  '      table: "manager",',
  "      columns: [",
  '        { name: "id", type: "serial", null: false, primaryKey: true },',
  '        { name: "name", type: "varchar", length: 100, null: false, unique: true },',
  "      ],",
  "    },",
  "    {",
  '      op: "createTable",',
  '      table: "band",',
  "      columns: [",
  '        { name: "id", type: "serial", null: false, primaryKey: true },',
  '        { name: "name", type: "varchar", length: 100, null: false },',
  "        {",
  '          name: "manager",',
  '          type: "integer",',
  "          null: true,",
  '          references: { table: "manager", column: "id", onDelete: "set null", onUpdate: "cascade" },',
  "        },",
  '        { name: "popularity", type: "integer", null: false, default: 0 },',
  '        { name: "active", type: "boolean", null: false, default: true },',
  '        { name: "formedAt", type: "timestamptz", null: true },',
  "      ],",
  "    },",
  "  ],",
  "  backwards: [",
  '    { op: "dropTable", table: "band" },',
  '    { op: "dropTable", table: "manager" },',
  "  ],",
  "});",
);
