import { Timestamptz } from "../columns/timestamptz";
import { Varchar } from "../columns/varchar";
import type { Engine } from "../engine/engine";
import { column, table } from "../table/decorators";
import { Table } from "../table/table";

/** The name of the table that records which migrations ran. */
export const migrationTableName = "piccolo_migration";

/** Defines the `piccolo_migration` table on an engine: one row per migration that ran (name = migration id). */
export function migrationTable(db: Engine) {
  @table({ db, tablename: migrationTableName })
  class PiccoloMigration extends Table<PiccoloMigration>() {
    @column(Varchar({ length: 200 })) name!: string;
    @column(Varchar({ length: 200, dbColumnName: "app_name" })) appName!: string;
    @column(Timestamptz({ dbColumnName: "ran_on" })) ranOn!: Date;
  }
  return PiccoloMigration;
}

/** The migration table class bound to an engine. */
export type MigrationTable = ReturnType<typeof migrationTable>;
