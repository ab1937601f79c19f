/**
 * `@column(...)` checks the field it decorates: nullability, the value type, a foreign key's
 * target and key type, the Secret brand. `Table<T>()` must name the class itself.
 */
import {
  type Engine,
  ForeignKey,
  Integer,
  Secret,
  Table,
  UUID,
  Varchar,
  column,
  table,
  type Ref,
  type Secret as SecretField,
} from "../../lib";
import { Manager, Token, type Venue } from "./schema";

declare const db: Engine;

@table({ db })
export class Checked extends Table<Checked>() {
  @column(Varchar({ null: true })) nickname!: string | null;
  @column(Varchar()) name!: string;
  @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
  @column(ForeignKey(() => Manager, { null: false })) owner!: Ref<Manager>;
  @column(ForeignKey(() => Token)) token!: Ref<Token, string> | null;
  @column(Secret()) password!: SecretField<string>;
  @column(Integer({ secret: true, null: true })) pin!: SecretField<number> | null;

  // @ts-expect-error a nullable column ({ null: true }) on a field without `| null`
  @column(Varchar({ null: true })) a!: string;
  // @ts-expect-error a NOT NULL column on a field typed `| null`
  @column(Varchar()) b!: string | null;
  // @ts-expect-error the column holds numbers, the field strings
  @column(Integer()) c!: string;
  // @ts-expect-error a foreign key to Manager typed as a key of Venue
  @column(ForeignKey(() => Manager)) d!: Ref<Venue> | null;
  // @ts-expect-error a foreign key typed as a plain string
  @column(ForeignKey(() => Manager)) e!: string | null;
  // @ts-expect-error a nullable foreign key (the default) typed without `| null`
  @column(ForeignKey(() => Manager)) f!: Ref<Manager>;
  // @ts-expect-error Token's key is a UUID string, not a number
  @column(ForeignKey(() => Token)) g!: Ref<Token> | null;
  // @ts-expect-error Secret() on a field without the Secret<> brand
  @column(Secret()) h!: string;
  // @ts-expect-error the Secret<> brand on a column that is not secret
  @column(Varchar()) i!: SecretField<string>;
  // @ts-expect-error a UUID column is a string
  @column(UUID()) j!: number;
}

// @ts-expect-error Table<T>() must name the class being declared
@table({ db })
export class Copy extends Table<Venue>() {
  @column(Varchar()) label!: string;
}
