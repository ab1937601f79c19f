/**
 * Validation of writes: column rules and class-validator decorators, checked together before
 * insert, update and save, every failing field in one ValidationError, nothing written.
 */
import { expect } from "chai";
import {
  IsEmail,
  Length,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  registerDecorator,
  type ValidatorConstraintInterface,
} from "class-validator";
import {
  BigIntColumn,
  Email,
  type Engine,
  Integer,
  Numeric,
  Secret,
  SmallInt,
  Table,
  ValidationError,
  Varchar,
  column,
  table,
  validate,
} from "../../lib";
import { caught } from "../support/assertions";
import { describeEachEngine } from "../support/engines";

/** An async rule, as a uniqueness check against a service would be. */
@ValidatorConstraint({ name: "notTaken", async: true })
class NotTaken implements ValidatorConstraintInterface {
  async validate(value: unknown): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return value !== "taken";
  }
  defaultMessage(): string {
    return "$property is already taken";
  }
}

/** A custom decorator made with registerDecorator. */
function IsSlug() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: "isSlug",
      target: object.constructor,
      propertyName,
      validator: { validate: (value: unknown) => typeof value === "string" && /^[a-z0-9-]+$/.test(value) },
      options: { message: "$property must be a slug such as my-band (got $value)" },
    });
}

function makeTables(db: Engine) {
  @table({ db, tablename: "val_member" })
  class Member extends Table<Member>() {
    @IsEmail() @column(Varchar({ length: 100 })) email!: string;
    @Length(2, 20) @column(Varchar({ length: 20 })) handle!: string;
    @Min(0) @Max(150) @column(SmallInt({ default: 0 })) age!: number;
    @column(Varchar({ length: 10, choices: ["free", "pro"], default: "free" })) plan!: string;
    @column(Email({ null: true })) backup!: string | null;
    @column(Numeric({ digits: [5, 2], default: "0" })) balance!: string;
    @Validate(NotTaken) @column(Varchar({ length: 50, default: "ok" })) nickname!: string;
    @IsSlug() @column(Varchar({ length: 50, default: "member" })) slug!: string;
    @MinLength(8, { message: "$property $value is too short" })
    @column(Secret({ length: 100, default: "changeme!" }))
    password!: Secret<string>;
  }

  /** No class-validator decorator: only the column rules apply. */
  @table({ db, tablename: "val_plain" })
  class Plain extends Table<Plain>() {
    @column(Varchar({ length: 5 })) code!: string;
    @column(Integer()) qty!: number;
    @column(BigIntColumn({ default: 0n })) big!: bigint;
    @column(Integer({ choices: [1, 2, 3], default: 1 })) level!: number;
  }

  return { Member, Plain };
}

const good = { email: "ann@example.com", handle: "ann", age: 30 };

describeEachEngine("validation of writes", (ctx) => {
  let t: ReturnType<typeof makeTables>;
  const rows = async () => ({
    members: await t.Member.select(t.Member.c.email, t.Member.c.handle, t.Member.c.age).orderBy(t.Member.c.id),
    plain: await t.Plain.select(t.Plain.c.code, t.Plain.c.qty).orderBy(t.Plain.c.id),
  });

  before(async () => {
    await ctx.dropTables("val_member", "val_plain");
    t = makeTables(ctx.engine);
    await t.Member.createTable().run();
    await t.Plain.createTable().run();
  });
  beforeEach(async () => {
    await t.Member.delete({ force: true });
    await t.Plain.delete({ force: true });
    await t.Member.insert(good);
    await t.Plain.insert({ code: "a1", qty: 1 });
  });
  after(() => ctx.dropTables("val_member", "val_plain"));

  /** The ValidationError a write rejects with, after checking that the tables did not change. */
  async function refused(write: () => PromiseLike<unknown>): Promise<ValidationError> {
    const before = await rows();
    const error = await caught(write);
    expect(error, error.message).to.be.instanceOf(ValidationError);
    expect(await rows()).to.deep.equal(before);
    return error as ValidationError;
  }

  it("each column rule kind: not null, length, range, choices, e-mail, digits, 64-bit range, type", async () => {
    const { Plain, Member } = t;
    const cases: [() => PromiseLike<unknown>, string, string][] = [
      [() => Plain.insert({ code: null as never, qty: 1 }), "code", "notNull"],
      [() => Plain.insert({ code: "toolong", qty: 1 }), "code", "maxLength"],
      [() => Plain.insert({ code: 5 as never, qty: 1 }), "code", "isString"],
      [() => Plain.insert({ code: "a", qty: 2 ** 31 }), "qty", "range"],
      [() => Plain.insert({ code: "a", qty: 1.5 }), "qty", "isInt"],
      [() => Plain.insert({ code: "a", qty: 1, big: 2n ** 63n }), "big", "range"],
      [() => Plain.insert({ code: "a", qty: 1, level: 4 }), "level", "isIn"],
      [() => Member.insert({ ...good, age: 40000 }), "age", "range"],
      [() => Member.insert({ ...good, plan: "gold" }), "plan", "isIn"],
      [() => Member.insert({ ...good, backup: "not an address" }), "backup", "isEmail"],
      [() => Member.insert({ ...good, balance: "1234.5" }), "balance", "digits"],
    ];
    for (const [write, field, rule] of cases) {
      const error = await refused(write);
      expect(error.code).to.equal("PICCOLO_VALIDATION_FAILED");
      expect(
        error.fields.map((f) => f.field),
        error.message,
      ).to.deep.equal([field]);
      expect(Object.keys(error.fields[0]!.constraints)).to.include(rule);
      expect(error.column).to.equal(field);
    }
  });

  it("several failing fields at once, column rules and class-validator rules in one error", async () => {
    const error = await refused(() =>
      t.Member.insert({ email: "nope", handle: "x".repeat(21), age: -1, plan: "gold", slug: "Not A Slug" }),
    );
    expect(error.code).to.equal("PICCOLO_VALIDATION_FAILED");
    expect(error.table).to.equal("val_member");
    expect(error.fields).to.deep.equal([
      { field: "email", constraints: { isEmail: "email must be an email" } },
      {
        field: "handle",
        constraints: {
          maxLength: "handle must be a string of at most 20 characters",
          isLength: "handle must be shorter than or equal to 20 characters",
        },
      },
      { field: "age", constraints: { min: "age must not be less than 0" } },
      { field: "plan", constraints: { isIn: 'plan must be one of "free", "pro"' } },
      { field: "slug", constraints: { isSlug: "slug must be a slug such as my-band (got [value hidden])" } },
    ]);
    expect(error.message).to.match(/^5 invalid field\(s\) in a write to val_member; nothing was written\. /);
  });

  it("a table without class-validator metadata is still validated by its column rules, every field", async () => {
    const error = await refused(() => t.Plain.insert({ code: "toolong", qty: "3" as never, level: 9 }));
    expect(error.fields.map((f) => [f.field, Object.keys(f.constraints)])).to.deep.equal([
      ["code", ["maxLength"]],
      ["qty", ["isInt"]],
      ["level", ["isIn"]],
    ]);
  });

  it("rows of a multi-row insert are told apart by `row`", async () => {
    const error = await refused(() => t.Plain.insert({ code: "ok", qty: 1 }, { code: "toolong", qty: 1 }));
    expect(error.fields).to.deep.equal([
      { field: "code", constraints: { maxLength: "code must be a string of at most 5 characters" }, row: 1 },
    ]);
  });

  it("values never appear in constraint messages, and a secret column's value appears nowhere", async () => {
    const error = await refused(() => t.Member.insert({ ...good, password: "hunter2" }));
    expect(error.fields).to.deep.equal([
      { field: "password", constraints: { minLength: "password [value hidden] is too short" } },
    ]);
    expect(JSON.stringify(error.fields) + error.message).not.to.contain("hunter2");
    const columnRule = await refused(() => t.Member.insert({ ...good, password: "p".repeat(101) }));
    expect(columnRule.message).to.contain("not shown (the column is secret)").and.not.contain("ppppp");
    const echoed = await refused(() => t.Member.insert({ ...good, slug: "Bad Slug" }));
    expect(JSON.stringify(echoed.fields)).not.to.contain("Bad Slug");
  });

  it("an async class-validator rule is awaited", async () => {
    const error = await refused(() => t.Member.insert({ ...good, nickname: "taken" }));
    expect(error.fields).to.deep.equal([{ field: "nickname", constraints: { notTaken: "nickname is already taken" } }]);
    await t.Member.insert({ ...good, nickname: "free" });
    expect(await t.Member.count().where(t.Member.c.nickname.eq("free"))).to.equal(1);
  });

  it("instances: insert, save of a new row, save of a loaded row, save of named columns", async () => {
    const { Member } = t;
    const bad = new Member({ ...good, email: "nope", age: 200 });
    const fields = (e: ValidationError) => e.fields.map((f) => f.field);
    expect(fields(await refused(() => Member.insert(bad)))).to.deep.equal(["email", "age"]);
    expect(fields(await refused(() => bad.save()))).to.deep.equal(["email", "age"]);
    expect(bad.id).to.equal(null);

    const ann = (await Member.objects().first())!;
    ann.handle = "a";
    ann.age = -5;
    expect(fields(await refused(() => ann.save()))).to.deep.equal(["handle", "age"]);
    // Only the named column is validated (and written).
    expect(fields(await refused(() => ann.save("age")))).to.deep.equal(["age"]);
    ann.age = 31;
    await ann.save("age");
    expect(await Member.select(Member.c.handle, Member.c.age)).to.deep.equal([{ handle: "ann", age: 31 }]);
  });

  it("a partial update validates only the fields it sets", async () => {
    const { Member } = t;
    const where = Member.c.handle.eq("ann");
    // email has @IsEmail() and no value here: its rule must not fire.
    const error = await refused(() => Member.update({ age: -1 }).where(where));
    expect(error.fields).to.deep.equal([{ field: "age", constraints: { min: "age must not be less than 0" } }]);
    const both = await refused(() => Member.update({ age: 1000, handle: "x" }).where(where));
    expect(both.fields.map((f) => [f.field, Object.keys(f.constraints)])).to.deep.equal([
      ["handle", ["isLength"]],
      ["age", ["max"]],
    ]);
    expect(await Member.update({ age: 44 }).where(where)).to.equal(1);
    // An expression is computed by the database: not validated here.
    expect(await Member.update({ age: Member.c.age.plus(1) }).where(where)).to.equal(1);
    expect(await Member.select(Member.c.age)).to.deep.equal([{ age: 45 }]);
  });

  it("per-call opt-out skips class-validator; column types still refuse what they cannot store", async () => {
    const { Member } = t;
    await Member.insert({ ...good, email: "not-checked", nickname: "taken" }).validate(false);
    await Member.update({ age: -3 }).where(Member.c.email.eq("not-checked")).validate(false);
    const loaded = (await Member.objects().where(Member.c.email.eq("not-checked")).first())!;
    expect(loaded.age).to.equal(-3);
    loaded.handle = "z";
    await loaded.save({ validate: false });
    await loaded.save("handle", { validate: false });
    const fresh = new Member({ ...good, email: "also-not-checked" });
    await fresh.save({ validate: false });
    const stored = await Member.select(Member.c.id).where(Member.c.email.eq("also-not-checked")).first();
    expect(fresh.id).to.not.equal(null);
    expect(fresh.id).to.equal(stored!.id);

    const error = await refused(() => Member.insert({ ...good, age: 1e6, handle: "y".repeat(30) }).validate(false));
    expect(error.code).to.equal("PICCOLO_INVALID_VALUE");
    expect(error.fields.map((f) => f.field)).to.deep.equal(["handle"]);
    expect(await caught(() => loaded.save({ validat: false } as never))).to.match(/has no option "validat"/);
  });

  it("validate() reports the failing fields without writing", async () => {
    const { Member, Plain } = t;
    expect(await validate({ email: "nope", handle: "ann" }, Member)).to.deep.equal([
      { field: "email", constraints: { isEmail: "email must be an email" } },
    ]);
    expect(await validate({ age: 10 }, Member, { partial: true })).to.deep.equal([]);
    expect(await validate({ age: -10 }, Member, { partial: true })).to.deep.equal([
      { field: "age", constraints: { min: "age must not be less than 0" } },
    ]);
    expect(await validate(new Member(good), Member)).to.deep.equal([]);
    expect(await validate({ code: "abcdef" }, Plain)).to.deep.equal([
      { field: "code", constraints: { maxLength: "code must be a string of at most 5 characters" } },
    ]);
    expect(await caught(() => validate({ cod: "x" } as never, Plain))).to.match(/has no column "cod"/);
    expect((await rows()).members).to.have.length(1);
  });
});
