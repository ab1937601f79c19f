/**
 * Validation under TC39 standard decorators: column rules need nothing; class-validator's legacy
 * decorators are applied through rules(...), which keeps them in the class metadata.
 */
import { expect } from "chai";
import { IsEmail, Min } from "class-validator";
import { Integer, Table, ValidationError, Varchar, column, rules, table, validate } from "../../lib";
import { caught } from "../support/assertions";
import { describeEachEngine } from "../support/engines";

describeEachEngine("validation under TC39 decorators", (ctx) => {
  before(() => ctx.dropTables("tc39_val_member"));
  after(() => ctx.dropTables("tc39_val_member"));

  it("rules(...) applies class-validator decorators; column rules apply too; nothing is written", async () => {
    @table({ db: ctx.engine, tablename: "tc39_val_member" })
    class Member extends Table<Member>() {
      @rules(IsEmail()) @column(Varchar({ length: 50 })) email!: string;
      @rules(Min(0)) @column(Integer({ default: 0 })) age!: number;
      @column(Varchar({ length: 3, default: "abc" })) code!: string;
    }
    await Member.createTable().run();
    const error = await caught(() => Member.insert({ email: "nope", age: -1, code: "toolong" }));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => [f.field, Object.keys(f.constraints)])).to.deep.equal([
      ["email", ["isEmail"]],
      ["age", ["min"]],
      ["code", ["maxLength"]],
    ]);
    expect(await Member.count()).to.equal(0);
    expect(await validate({ age: 3 }, Member, { partial: true })).to.deep.equal([]);
    await Member.insert({ email: "ann@example.com", age: 3 });
    expect(await Member.count()).to.equal(1);
  });
});
