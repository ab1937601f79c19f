/**
 * What the `@example`s in lib/'s doc comments and the pages of docs/ (through ./fixture.ts) assume:
 * Piccolo's twelve playground tables, as the suites' test/support/sample-tables.ts declares them
 * (`Band` is table "band"; it also has the `formedAt` column some pages show), and a saved instance of each
 * as `band`, `manager`, `concert`, `rock`. Only type-checked by test/unit/doc-examples.test.ts; its SQL
 * checks run the examples on the playground tables of test/support/fixtures.ts.
 */
import {
  ArrayColumn,
  BooleanColumn,
  DateColumn,
  ForeignKey,
  JSONColumn,
  Text,
  Time,
  UUID,
  Integer,
  Numeric,
  SQLiteEngine,
  Table,
  Timestamptz,
  Varchar,
  column,
  m2m,
  table,
  type M2M,
  type Ref,
} from "piccolo-orm";

export const DB = new SQLiteEngine({ path: ":memory:" });

@table({ db: DB })
export class Manager extends Table<Manager>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db: DB })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
  @column(Integer({ default: 0 })) popularity!: number;
  @column(Timestamptz({ null: true })) formedAt!: Date | null;
  @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
}

@table({ db: DB })
export class Venue extends Table<Venue>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ null: true })) capacity!: number | null;
}

@table({ db: DB })
export class Concert extends Table<Concert>() {
  @column(ForeignKey(() => Band)) band1!: Ref<Band> | null;
  @column(ForeignKey(() => Band)) band2!: Ref<Band> | null;
  @column(ForeignKey(() => Venue)) venue!: Ref<Venue> | null;
  @column(Timestamptz()) startsAt!: Date;
}

@table({ db: DB })
export class Ticket extends Table<Ticket>() {
  @column(ForeignKey(() => Concert)) concert!: Ref<Concert> | null;
  @column(Numeric({ digits: [5, 2] })) price!: Numeric;
}

@table({ db: DB })
export class Genre extends Table<Genre>() {
  @column(Varchar({ length: 50 })) name!: string;
  @m2m(() => GenreToBand) bands!: M2M<Band>;
}

@table({ db: DB })
export class GenreToBand extends Table<GenreToBand, null>() {
  @column(ForeignKey(() => Band, { primaryKey: true })) band!: Ref<Band>;
  @column(ForeignKey(() => Genre, { primaryKey: true })) genre!: Ref<Genre>;
}

@table({ db: DB })
export class FanClub extends Table<FanClub>() {
  @column(Text()) address!: string;
  @column(ForeignKey(() => Band, { unique: true })) band!: Ref<Band> | null;
}

@table({ db: DB })
export class DiscountCode extends Table<DiscountCode>() {
  @column(UUID()) code!: string;
  @column(BooleanColumn({ default: true, null: true })) active!: boolean | null;
}

@table({ db: DB })
export class RecordingStudio extends Table<RecordingStudio>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(JSONColumn({ null: true })) facilities!: unknown;
  @column(Time()) opensAt!: string;
  @column(Time()) closesAt!: string;
}

@table({ db: DB })
export class Album extends Table<Album>() {
  @column(Varchar()) name!: string;
  @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
  @column(DateColumn({ null: true, default: null })) releaseDate!: string | null;
  @column(ForeignKey(() => RecordingStudio)) recordedAt!: Ref<RecordingStudio> | null;
  @column(ArrayColumn(Varchar())) awards!: string[];
}

@table({ db: DB })
export class Signing extends Table<Signing>() {
  @column(Text()) address!: string;
  @column(ForeignKey(() => Band, { dbColumnName: "with" })) with!: Ref<Band> | null;
  @column(Timestamptz()) starts!: Date;
}

/** Saved instances. */
export declare const band: Band;
export declare const manager: Manager;
export declare const concert: Concert;
export declare const rock: Genre;
