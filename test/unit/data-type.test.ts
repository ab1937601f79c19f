import { expect } from "chai";
import {
  ArrayColumn,
  ForeignKey,
  Numeric,
  Secret,
  SQLiteEngine,
  Table,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";

// No database is touched: the query tree is built, not run.
const db = new SQLiteEngine({ path: ":memory:" });

@table({ db, tablename: "dt_owner" })
class Owner extends Table<Owner>() {
  @column(Varchar({ length: 40 })) name!: string;
}

@table({ db, tablename: "dt_item" })
class Item extends Table<Item>() {
  @column(ForeignKey(() => Owner)) owner!: Ref<Owner> | null;
  @column(Numeric({ digits: [10, 2] })) price!: string;
  @column(ArrayColumn(Varchar({ length: 20 }))) tags!: string[];
  @column(Secret({ null: true })) token!: Secret<string> | null;
}

describe("DataType: the query tree's plain type description", () => {
  it("describes a column's type as plain data, computed once per column", () => {
    const price = Item.c.price.$column.type;
    expect(price.dataType).to.equal(price.dataType);
    expect(structuredClone(price.dataType)).to.deep.equal(price.dataType);
    expect(price.dataType).to.include({ kind: "numeric", precision: 10, scale: 2 });
    const tags = Item.c.tags.$column.type.dataType;
    expect(tags.kind).to.equal("array");
    expect(tags.element).to.include({ kind: "varchar", length: 20 });
  });

  it("gives a foreign key its target's type (a serial's as a plain integer) and names the target", () => {
    const owner = Item.c.owner.$column.type.dataType;
    expect(structuredClone(owner)).to.deep.equal(owner);
    expect(owner.kind).to.equal("integer");
    expect(owner.references).to.deep.equal({ table: "dt_owner", schema: undefined, column: "id" });
  });

  it("puts the DataType on column and value nodes, and marks values of secret columns", () => {
    const node = Item.c.token.eq("x").$node;
    expect(node).to.deep.include({ kind: "binary", op: "=" });
    const { left, right } = node as { left: unknown; right: unknown };
    const type = Item.c.token.$column.type.dataType;
    expect(left).to.deep.equal({ kind: "column", table: "dt_item", name: "token", type });
    expect(right).to.deep.equal({ kind: "value", value: "x", type, secret: true });
    expect((Item.c.price.eq("1.5").$node as { right: unknown }).right).to.deep.include({ secret: false });
  });
});
