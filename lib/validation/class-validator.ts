import type { ValidationError as ClassValidatorError, ValidatorOptions } from "class-validator";
import type { FieldFailure } from "../errors/factories";
import type { TableMeta } from "../table/metadata";
import type { WriteCheck } from "../table/write-validation";
import { applyPendingRules } from "./tc39-rules";

type ClassValidator = typeof import("class-validator");
type Row = Record<string, unknown>;

/** class-validator's global store (`getMetadataStorage()`), read without loading the package. */
interface MetadataStorage {
  validationMetadatas?: Map<unknown, unknown[]> | { target: unknown }[];
}

const storageKey = "classValidatorMetadataStorage";
const cacheKey = "validation.classValidatorRules";

function metadataStorage(): MetadataStorage | undefined {
  return (globalThis as Record<string, unknown>)[storageKey] as MetadataStorage | undefined;
}

/** The classes a table class stands for: the decorated one, the user's, and what they extend. */
function classChain(meta: TableMeta): object[] {
  const chain: object[] = [];
  for (let c: object | null = meta.cls; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c))
    chain.push(c);
  return chain;
}

/**
 * Whether class-validator holds rules for the table's class (or a class it extends). class-validator
 * keeps its rules on globalThis, so a table is checked without loading the package: when no
 * class-validator decorator ever ran, there is no store at all. The answer is kept per table until
 * the store gains rules for another class.
 */
export function hasClassValidatorRules(meta: TableMeta): boolean {
  const cached = meta.cache.get(cacheKey) as { all: unknown; size: number; has: boolean } | undefined;
  if (cached !== undefined) {
    const all = metadataStorage()?.validationMetadatas;
    if (cached.all === all && cached.size === sizeOf(all)) return cached.has;
  } else applyPendingRules(meta);
  const all = metadataStorage()?.validationMetadatas;
  const chain = classChain(meta);
  const has =
    all === undefined
      ? false
      : all instanceof Map
        ? chain.some((c) => (all.get(c)?.length ?? 0) > 0)
        : all.some((rule) => chain.includes(rule.target as object));
  meta.cache.set(cacheKey, { all, size: sizeOf(all), has });
  return has;
}

function sizeOf(all: MetadataStorage["validationMetadatas"]): number {
  return all === undefined ? -1 : all instanceof Map ? all.size : all.length;
}

let loaded: ClassValidator | undefined;

/** class-validator, required on first use only (tables without its decorators never load it). */
function classValidator(): ClassValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for tables that use its decorators
  return (loaded ??= require("class-validator") as ClassValidator);
}

/**
 * The object class-validator checks for one row: the instance itself, or for plain values a new
 * instance (which takes the defaults an insert gives); for a partial write, only the fields set,
 * so that rules on the others do not run.
 */
function subject(meta: TableMeta, row: object, fields: readonly string[] | undefined): object {
  const cls = meta.cls as unknown as new (values?: unknown) => object;
  if (fields === undefined) return row instanceof cls ? row : new cls(row);
  const picked = Object.create(cls.prototype) as Row;
  for (const field of fields) picked[field] = (row as Row)[field];
  return picked;
}

/** The class-validator failures of a write's rows, messages free of the values checked. */
export async function classValidatorFailures(check: WriteCheck): Promise<FieldFailure[]> {
  const { validate } = classValidator();
  const { meta, rows, fields } = check;
  const options: ValidatorOptions = {
    validationError: { target: false, value: false },
    forbidUnknownValues: false,
    skipUndefinedProperties: fields !== undefined,
  };
  const subjects = rows.map((row) => subject(meta, row, fields));
  const results = await Promise.all(subjects.map((s) => validate(s, options)));
  const failures: FieldFailure[] = [];
  results.forEach((errors, index) => {
    for (const failure of flatten(meta, errors, subjects[index] as Row, "")) {
      if (fields !== undefined && !fields.includes(failure.field.split(".")[0]!)) continue;
      failures.push(rows.length > 1 ? { ...failure, row: index } : failure);
    }
  });
  return failures;
}

/**
 * Whether a rule's message may hold the value checked: its template has `$value`, or a function
 * writes it (a `message` function, or a custom constraint whose default message says `$value`).
 * class-validator's own default messages never do. Kept per table, property and rule.
 */
function mayEcho(meta: TableMeta, property: string, rule: string): boolean {
  const key = `validation.echo.${property}.${rule}`;
  const cached = meta.cache.get(key) as boolean | undefined;
  if (cached !== undefined) return cached;
  const storage = classValidator().getMetadataStorage();
  const target = meta.cls as unknown as new () => object;
  let echo = false;
  for (const rule_ of storage.getTargetValidationMetadatas(target, "", false, false, undefined)) {
    if (rule_.propertyName !== property) continue;
    const constraint = storage.getTargetValidatorConstraints(rule_.constraintCls)[0];
    if ((constraint?.name ?? rule_.name ?? rule_.type) !== rule) continue;
    const message = rule_.message ?? templateOf(constraint);
    echo ||= typeof message !== "string" || message.includes("$value");
  }
  meta.cache.set(key, echo);
  return echo;
}

/** A custom constraint's default message template, or undefined when it cannot be known without a value. */
function templateOf(constraint: { instance: { defaultMessage?: (args?: never) => string } } | undefined): unknown {
  const defaultMessage = constraint?.instance.defaultMessage;
  if (defaultMessage === undefined) return "";
  try {
    return defaultMessage.call(constraint!.instance);
  } catch {
    return undefined;
  }
}

/** class-validator's error tree as one failure per field; nested fields are named by their path ("address.city"). */
function flatten(meta: TableMeta, errors: readonly ClassValidatorError[], values: Row, prefix: string): FieldFailure[] {
  const out: FieldFailure[] = [];
  for (const error of errors) {
    const field = `${prefix}${error.property}`;
    const value = values?.[error.property];
    const secret = prefix === "" && meta.byProperty.get(error.property)?.type.secret === true;
    if (error.constraints !== undefined) {
      const constraints = Object.fromEntries(
        Object.entries(error.constraints).map(([rule, message]) => [
          rule,
          secret || prefix !== "" || mayEcho(meta, error.property, rule) ? redact(message, value, secret) : message,
        ]),
      );
      const detail = `Invalid value for ${meta.tableName}.${field}: ${Object.values(constraints).join("; ")}.`;
      out.push({ field, constraints, detail });
    }
    if (error.children?.length) out.push(...flatten(meta, error.children, value as Row, `${field}.`));
  }
  return out;
}

/**
 * A message without the value it was about: class-validator puts a string, number or boolean in
 * place of `$value`, and a message function may write it in. A secret column's value is removed
 * wherever it appears; another value only where it stands as a whole word, so that "3" is not cut
 * out of "13".
 */
export function redact(message: string, value: unknown, secret: boolean): string {
  if (!["string", "number", "boolean", "bigint"].includes(typeof value)) return message;
  const text = String(value);
  if (text === "") return message;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = secret ? new RegExp(escaped, "g") : new RegExp(`(?<![\\w])${escaped}(?![\\w])`, "g");
  return message.replace(pattern, "[value hidden]");
}
