/** `@column(...)` checks the field it decorates under TC39 decorators too (a compile-time check; the classes also load). */
import { expect } from "chai";
import { ForeignKey, Integer, Secret, Table, UUID, Varchar, column, table, type Ref } from "../../lib";

describe("TC39 decorators: @column checks the field's type", () => {
  it("accepts fitting fields (the mismatches below are compile errors)", () => {
    @table({ tablename: "tc39_fc_manager" })
    class Manager extends Table<Manager>() {
      @column(Varchar()) name!: string;
    }
    @table({ tablename: "tc39_fc_token" })
    class Token extends Table<Token, null>() {
      @column(UUID({ primaryKey: true })) id!: string;
    }
    @table({ tablename: "tc39_fc_checked" })
    class Checked extends Table<Checked>() {
      @column(Varchar({ null: true })) nickname!: string | null;
      @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
      @column(ForeignKey(() => Token, { null: false })) token!: Ref<Token, string>;
      @column(Secret()) password!: Secret<string>;
    }
    abstract class Wrong extends Table<Wrong>() {
      // @ts-expect-error a nullable column on a field without `| null`
      @column(Varchar({ null: true })) a!: string;
      // @ts-expect-error a NOT NULL column on a field typed `| null`
      @column(Integer()) b!: number | null;
      // @ts-expect-error a foreign key to Manager typed as a key of Token
      @column(ForeignKey(() => Manager)) c!: Ref<Token> | null;
      // @ts-expect-error Token's key is a string
      @column(ForeignKey(() => Token)) d!: Ref<Token> | null;
      // @ts-expect-error Secret() without the Secret<> brand
      @column(Secret()) e!: string;
    }
    // @ts-expect-error Table<T>() must name the class being declared
    @table({ tablename: "tc39_fc_copy" })
    class Copy extends Table<Manager>() {
      @column(Varchar()) label!: string;
    }
    expect([Checked.tableName, Copy.tableName, typeof Wrong]).to.deep.equal([
      "tc39_fc_checked",
      "tc39_fc_copy",
      "function",
    ]);
  });
});
