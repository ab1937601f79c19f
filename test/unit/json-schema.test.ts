import { expect } from "chai";
import {
  ArrayColumn,
  BigIntColumn,
  BooleanColumn,
  Bytea,
  DateColumn,
  Email,
  Integer,
  JSONB,
  Numeric,
  Secret,
  SmallInt,
  Table,
  Text,
  Timestamptz,
  UUID,
  Varchar,
  column,
  table,
} from "../../lib";
import { tableJsonSchema } from "../../lib/crud";
import { checkObject } from "../../lib/crud/schema-check";

@table({ tablename: "js_everything" })
class Everything extends Table<Everything>() {
  @column(Varchar({ length: 10 })) code!: string;
  @column(Text({ null: true, helpText: "Free text" })) notes!: string | null;
  @column(Email()) email!: string;
  @column(UUID({ null: true })) ref!: string | null;
  @column(SmallInt({ default: 1 })) rank!: number;
  @column(BigIntColumn({ null: true })) big!: bigint | null;
  @column(Numeric({ digits: [5, 2], null: true })) price!: string | null;
  @column(BooleanColumn({ default: false })) done!: boolean;
  @column(DateColumn({ null: true })) day!: string | null;
  @column(Timestamptz({ null: true })) at!: Date | null;
  @column(JSONB({ null: true })) data!: unknown;
  @column(Bytea({ null: true })) blob!: Uint8Array | null;
  @column(ArrayColumn(Integer(), { null: true })) tags!: number[] | null;
  @column(Varchar({ length: 5, choices: ["a", "b"], null: true })) kind!: "a" | "b" | null;
  @column(Secret()) token!: Secret<string>;
}

describe("tableJsonSchema (JSON Schema of a table, from describeTable)", () => {
  it("describes a row as read: every visible column required, secret ones left out", () => {
    const schema = tableJsonSchema(Everything);
    expect(schema).to.include({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "Everything",
      type: "object",
      additionalProperties: false,
    });
    const properties = schema.properties as Record<string, unknown>;
    expect(Object.keys(properties)).not.to.include("token");
    expect(schema.required).to.deep.equal(Object.keys(properties));
    expect(properties).to.deep.include({
      id: { type: "integer", minimum: -2147483648, maximum: 2147483647, readOnly: true },
      code: { type: "string", maxLength: 10 },
      notes: { type: ["string", "null"], description: "Free text" },
      email: { type: "string", format: "email", maxLength: 255 },
      ref: { type: ["string", "null"], format: "uuid" },
      rank: { type: "integer", minimum: -32768, maximum: 32767 },
      big: { type: ["string", "null"], pattern: "^-?\\d+$" },
      done: { type: "boolean" },
      day: { type: ["string", "null"], format: "date" },
      at: { type: ["string", "null"], format: "date-time" },
      data: {},
      blob: { type: ["string", "null"], contentEncoding: "base64" },
      tags: { type: ["array", "null"], items: { type: "integer", minimum: -2147483648, maximum: 2147483647 } },
      kind: { type: ["string", "null"], maxLength: 5, enum: ["a", "b", null] },
    });
  });

  it("describes a new row (required: no default, not null, not generated) and a patch (nothing required)", () => {
    const create = tableJsonSchema(Everything, { variant: "create" });
    expect(create.title).to.equal("EverythingCreate");
    expect(create.required).to.deep.equal(["code", "email"]);
    const properties = create.properties as Record<string, Record<string, unknown>>;
    expect(properties).not.to.have.property("id");
    expect(properties.rank).to.include({ default: 1 });
    expect(properties.big).to.deep.equal({
      anyOf: [{ type: "string", pattern: "^-?\\d+$" }, { type: "integer" }, { type: "null" }],
    });
    expect(tableJsonSchema(Everything, { variant: "update" }).required).to.deep.equal([]);
  });

  it("restricts to named columns (a secret one only when named), and checks names and options", () => {
    const schema = tableJsonSchema(Everything, { variant: "create", columns: ["code", "token"], omitDialect: true });
    expect(schema).not.to.have.property("$schema");
    expect(Object.keys(schema.properties as object)).to.deep.equal(["code", "token"]);
    expect(() => tableJsonSchema(Everything, { columns: ["cod"] })).to.throw(/has no column "cod"/);
    expect(() => tableJsonSchema(Everything, { varient: "read" } as never)).to.throw(/no option "varient"/);
  });

  it("is what bodies are checked against: each failing field with its rules", () => {
    const schema = tableJsonSchema(Everything, { variant: "create" });
    const known = Object.keys(tableJsonSchema(Everything).properties as object);
    const errors = checkObject(
      {
        code: "x".repeat(11),
        email: "nope",
        big: "12",
        price: 1.5,
        tags: [1, "2"],
        kind: "c",
        ref: "not-a-uuid",
        id: 3,
        zz: 1,
      },
      schema,
      known,
    );
    expect(Object.fromEntries(errors.map((e) => [e.field, Object.keys(e.constraints)]))).to.deep.equal({
      code: ["maxLength"],
      email: ["format"],
      tags: ["items.type"],
      kind: ["enum"],
      ref: ["format"],
      id: ["readOnly"],
      zz: ["unknown"],
    });
    expect(checkObject({ code: "ok", email: "a@b.c", price: "12.50", big: 12 }, schema, known)).to.deep.equal([]);
  });
});
