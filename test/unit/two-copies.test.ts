import { expect } from "chai";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as piccolo from "../../lib";
import { tableMetaOf } from "../../lib/table/metadata";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");

type Piccolo = typeof piccolo;
type MetadataModule = typeof import("../../lib/table/metadata");

describe("two installed copies of piccolo-orm", () => {
  let dir: string;
  let other: Piccolo;
  let otherMetadata: MetadataModule;

  before(() => {
    // A second copy of the built package, as npm installs one under another package's node_modules.
    dir = mkdtempSync(join(tmpdir(), "piccolo-copy-"));
    cpSync(join(ROOT, "build/lib"), join(dir, "piccolo-orm/build/lib"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    other = require(join(dir, "piccolo-orm/build/lib/index.js")) as Piccolo;
    otherMetadata = require(join(dir, "piccolo-orm/build/lib/table/metadata.js")) as MetadataModule;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("are separate copies (their classes differ)", () => {
    expect(other.Table).to.not.equal(piccolo.Table);
    expect(other.describeTable).to.not.equal(piccolo.describeTable);
  });

  it("agree that a table declared with one is a table to the other", () => {
    const { makeFixtures } = require("../support/fixtures") as typeof import("../support/fixtures");
    const { Band } = makeFixtures(undefined as unknown as piccolo.Engine);
    expect(otherMetadata.tableMetaOf(Band)).to.equal(tableMetaOf(Band));
    expect(other.describeTable(Band)).to.deep.equal(piccolo.describeTable(Band));
    expect(other.describeTable(Band).columns.find((c) => c.property === "manager")!.references).to.include({
      className: "Manager",
      dbName: "id",
    });
  });

  it("resolve foreign keys, constraints and columns across copies", () => {
    const db = undefined as unknown as piccolo.Engine;
    @piccolo.table({ db })
    class Owner extends piccolo.Table<Owner>() {
      @piccolo.column(piccolo.Varchar({ length: 10, unique: true })) code!: string;
    }
    // Declared with the other copy, pointing at a table of this one; its @column from this copy.
    @other.table({ db, unique: [["owner", "name"]], checks: [{ check: () => Pet.c.legs.gte(0) }] })
    class Pet extends other.Table<Pet>() {
      @other.column(other.ForeignKey(() => Owner, { targetColumn: "code" })) owner!: piccolo.Ref<Owner, string> | null;
      @other.column(other.Varchar()) name!: string;
      @piccolo.column(piccolo.Integer({ default: 4, autoUpdate: () => 4 })) legs!: number;
      @other.column(other.Timestamptz({ default: other.now })) born!: Date;
    }
    const description = piccolo.describeTable(Pet);
    expect(tableMetaOf(Pet)).to.equal(otherMetadata.tableMetaOf(Pet));
    expect(description.columns.map((c) => c.property)).to.deep.equal(["id", "owner", "name", "legs", "born"]);
    expect(description.columns[1]!.references).to.include({ className: "Owner", property: "code", dbName: "code" });
    expect(description.columns[1]!.dataType).to.include({ kind: "varchar", length: 10 });
    expect(description.columns[3]).to.deep.include({
      default: { kind: "constant", value: 4 },
      autoUpdate: { kind: "function" },
    });
    expect(description.columns[4]!.default).to.deep.equal({ kind: "now" });
    expect(description.unique).to.deep.equal([{ name: "pet_owner_name_key", columns: ["owner", "name"] }]);
    expect(description.checks).to.deep.equal([{ name: "pet_legs_check", check: '"legs" >= 0' }]);
    expect(other.describeTable(Pet)).to.deep.equal(description);
  });
});
