import type { ColumnType } from "../../../columns/column-type";
import type { DatabaseErrorKind } from "../../../errors/database-error";
import type { ClassifiedError, Decoder, Dialect } from "../dialect";
import { arrayDecoder } from "./codecs";
import { SQLiteCompiler } from "./compiler";

const toBoolean: Decoder = (v) => (v === null ? null : v !== 0 && v !== 0n);
const toBigInt: Decoder = (v) => (v === null ? null : BigInt(v as string));
const toDate: Decoder = (v) => (v === null ? null : new Date(v as string));
const parseJson: Decoder = (v) => (v === null ? null : JSON.parse(v as string));
const toText: Decoder = (v) => (v === null || typeof v === "string" ? v : String(v));

const constraintKinds: Array<[RegExp, DatabaseErrorKind]> = [
  [/UNIQUE constraint failed|PRIMARYKEY|CONSTRAINT_UNIQUE/, "unique"],
  [/FOREIGN KEY constraint failed|CONSTRAINT_FOREIGNKEY/, "foreignKey"],
  [/NOT NULL constraint failed|CONSTRAINT_NOTNULL/, "notNull"],
  [/CHECK constraint failed|CONSTRAINT_CHECK/, "check"],
];

// CHAR(n) pads with blanks; piccolo returns its values without them on every engine.
const unpad: Decoder = (v) => (typeof v === "string" ? v.replace(/ +$/, "") : v);

/** The SQLite dialect, shared by the better-sqlite3 and sqlite3 drivers. */
export class SQLiteDialect implements Dialect {
  readonly name = "sqlite" as const;
  readonly capabilities = { alterColumn: false, addConstrainedColumn: false, dropConstrainedColumn: false, foreignKeysPragma: true, forwardReferences: true };
  readonly compiler = new SQLiteCompiler();

  decoder(type: ColumnType<unknown>): Decoder | undefined {
    switch (type.valueKind) {
      case "boolean":
        return toBoolean;
      case "bigint":
        return toBigInt;
      case "timestamp":
      case "timestamptz":
        return toDate;
      case "json":
      case "jsonb":
        return parseJson;
      case "numeric":
        return toText;
      case "char":
        return unpad;
      case "array":
        return arrayDecoder(type.params.element!);
      default:
        return undefined;
    }
  }

  classifyError(error: unknown): ClassifiedError {
    const e = error as { code?: string; message?: string };
    const text = `${e.code ?? ""} ${e.message ?? ""}`;
    const match = constraintKinds.find(([pattern]) => pattern.test(text));
    const column = /constraint failed: ([\w$.]+)/.exec(e.message ?? "")?.[1];
    return {
      kind: match ? match[1] : "other",
      fields: { code: e.code, detail: e.message, table: column?.split(".")[0], column: column?.split(".")[1] },
    };
  }
}
