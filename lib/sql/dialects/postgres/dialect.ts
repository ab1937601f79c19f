import type { ColumnType } from "../../../columns/column-type";
import type { DatabaseErrorKind } from "../../../errors/database-error";
import type { ClassifiedError, Decoder, Dialect } from "../dialect";
import { intervalToMs } from "./codecs";
import { PostgresCompiler } from "./compiler";

const toBigInt: Decoder = (v) => (v === null ? null : BigInt(v as string));
// `timestamp` arrives as the server's text (see the pool's type parsers) and means UTC.
const naiveUtcToDate: Decoder = (v) => (v === null ? null : new Date(`${(v as string).replace(" ", "T")}Z`));
const toMs: Decoder = intervalToMs;

// One array decoder per element decoder, so that row mappers see the same function every query.
const arrayDecoders = new WeakMap<Decoder, Decoder>();
function arrayOf(element: Decoder): Decoder {
  let decoder = arrayDecoders.get(element);
  if (decoder === undefined) {
    decoder = (v) => (v === null ? null : (v as unknown[]).map((e) => (e === null ? null : element(e))));
    arrayDecoders.set(element, decoder);
  }
  return decoder;
}

const errorKinds: Record<string, DatabaseErrorKind> = {
  "23505": "unique",
  "23503": "foreignKey",
  "23502": "notNull",
  "23514": "check",
  "40001": "serialization",
  "40P01": "deadlock",
};

// CHAR(n) pads with blanks; piccolo returns its values without them on every engine.
const unpad: Decoder = (v) => (typeof v === "string" ? v.replace(/ +$/, "") : v);

/** The PostgreSQL dialect. */
export class PostgresDialect implements Dialect {
  readonly name = "postgres" as const;
  readonly capabilities = { alterColumn: true, addConstrainedColumn: true, dropConstrainedColumn: true, foreignKeysPragma: false, forwardReferences: false };
  readonly compiler = new PostgresCompiler();

  decoder(type: ColumnType<unknown>): Decoder | undefined {
    switch (type.valueKind) {
      case "bigint":
        return toBigInt;
      case "timestamp":
        return naiveUtcToDate;
      case "interval":
        return toMs;
      case "char":
        return unpad;
      case "array": {
        const element = this.decoder(type.params.element!);
        return element && arrayOf(element);
      }
      default:
        return undefined;
    }
  }

  classifyError(error: unknown): ClassifiedError {
    const e = error as { code?: string; detail?: string; constraint?: string; table?: string; column?: string };
    return {
      kind: (e.code && errorKinds[e.code]) || "other",
      fields: { code: e.code, detail: e.detail, constraint: e.constraint, table: e.table, column: e.column },
    };
  }
}
