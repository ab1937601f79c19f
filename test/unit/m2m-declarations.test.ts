import { expect } from "chai";
import { ForeignKey, OrmError, Table, Varchar, column, m2m, table, type Engine, type M2M, type Ref } from "../../lib";
import { tableMetaOf } from "../../lib/table/metadata";

describe("M2M declarations", () => {
  const db = undefined as unknown as Engine;

  it("finds the other key, or asks for sourceKey/targetKey when several fit", () => {
    @table({ db })
    class Person extends Table<Person>() {
      @column(Varchar()) name!: string;
      @m2m(() => Friendship) friends!: M2M<Person>;
      @m2m(() => Friendship, { sourceKey: "a", targetKey: "b" }) followers!: M2M<Person>;
    }
    @table({ db })
    class Friendship extends Table<Friendship>() {
      @column(ForeignKey(() => Person)) a!: Ref<Person> | null;
      @column(ForeignKey(() => Person)) b!: Ref<Person> | null;
    }
    const meta = tableMetaOf(Person);
    expect(() => meta.m2m[0]!.resolved).to.throw(
      OrmError,
      /The join table Friendship of Person\.friends has several foreign keys that fit \(a, b\): name the one to use, e\.g\. @m2m\(\(\) => Friendship, \{ sourceKey: "a" \}\)/,
    );
    const resolved = meta.m2m[1]!.resolved;
    expect([resolved.sourceKey.property, resolved.targetKey.property, resolved.target.className]).to.deep.equal([
      "a",
      "b",
      "Person",
    ]);
    expect(() => Person.m2m.followers(Person.c.name)).to.throw(
      /Selecting Person.followers as an array is not supported/,
    );
    expect(() => m2m(() => Friendship, { source: "a" } as never)).to.throw(/m2m\(\) has no option "source"/);
  });

  it("reserves the M2M method names", () => {
    expect(() => {
      @table({ db })
      class Odd extends Table<Odd>() {
        // @ts-expect-error the base class's method cannot be redeclared as a column
        @column(Varchar()) addM2M!: string;
      }
      return Odd;
    }).to.throw(/Odd.addM2M cannot be a column/);
  });
});
