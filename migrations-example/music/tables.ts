import { Table, table, column, Varchar, Integer, BigIntColumn, ForeignKey, Timestamptz, type Ref } from "piccolo-orm";
import { DB } from "../piccolo.config";

@table({ db: DB })
export class Manager extends Table<Manager>() {
  @column(Varchar({ length: 200, unique: true })) name!: string;
}

@table({ db: DB })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50, index: true })) title!: string;
  @column(BigIntColumn({ default: 0n })) popularity!: bigint;
  @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
  // Filled from the title by a raw (JavaScript) step of the migration that adds it.
  @column(Varchar({ length: 60, null: true })) slug!: string | null;
}

@table({ db: DB, tablename: "gig" })
export class Concert extends Table<Concert>() {
  @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
  @column(Varchar({ length: 100 })) venue!: string;
  @column(Timestamptz({ null: true })) startsAt!: Date | null;
  @column(Integer({ default: 500 })) capacity!: number;
}
