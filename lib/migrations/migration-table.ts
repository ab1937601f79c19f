import { Timestamptz } from "../columns/timestamptz";
import { Varchar } from "../columns/varchar";
import type { Engine } from "../engine/engine";
import { column, table } from "../table/decorators";
import { Table, type TableClass, type TableInstance } from "../table/table";

/** The name of the table that records which migrations ran. */
export const migrationTableName = "piccolo_migration";

/** Defines the `piccolo_migration` table on an engine: one row per migration that ran (name = migration id). */
export function migrationTable(db: Engine): MigrationTable {
  @table({ db, tablename: migrationTableName })
  class PiccoloMigration extends Table<PiccoloMigration>() {
    @column(Varchar({ length: 200 })) name!: string;
    @column(Varchar({ length: 200, dbColumnName: "app_name" })) appName!: string;
    @column(Timestamptz({ dbColumnName: "ran_on" })) ranOn!: Date;
  }
  // The class's own type has an anonymous base, which declaration files would elide to `any`.
  return PiccoloMigration as unknown as MigrationTable;
}

/** A row of the migration table (named, so that declarations spell it out instead of eliding it). */
export interface MigrationRecord extends TableInstance {
  id: number;
  name: string;
  appName: string;
  ranOn: Date;
}

/** The migration table class bound to an engine. */
export type MigrationTable = TableClass<MigrationRecord, number>;
