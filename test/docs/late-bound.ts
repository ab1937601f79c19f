/** Tables declared without `db`, for the examples of docs/engines.md and docs/nestjs.md (type-checked only). */
import { Integer, Table, Varchar, column, table } from "piccolo-orm";

@table()
export class Song extends Table<Song>() {
  @column(Varchar({ length: 50 })) title!: string;
}

@table()
export class Album extends Table<Album>() {
  @column(Varchar({ length: 50, unique: true })) name!: string;
  @column(Integer({ default: 0 })) sales!: number;
}
