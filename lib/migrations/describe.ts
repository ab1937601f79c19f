import type { Operation } from "./operations";

const words = (name: string) => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

/**
 * One migration step in words, as `backwards` lists it before asking and errors name a failing
 * step: "drop table band", "drop column band.popularity", "rename column band.name to title".
 */
export function describeOperation(op: Operation): string {
  if (op.op === "sql") return `sql ${short(op.sql.replace(/\s+/g, " ").trim())}`;
  if (op.op === "raw") return `raw step${op.description ? ` "${op.description}"` : ""}`;
  const table = `${op.schema ? `${op.schema}.` : ""}${op.table}`;
  const column =
    "column" in op ? (typeof op.column === "string" ? op.column : (op.column as { name: string }).name) : undefined;
  const target = column === undefined ? `${words(op.op)} ${table}` : `${words(op.op)} ${table}.${column}`;
  return "to" in op && typeof op.to === "string" ? `${target} to ${op.to}` : target;
}

/** Whether a step loses data when it runs: a dropped table or column (type changes and hand-written steps may too, but cannot be told). */
export function dropsData(op: Operation): boolean {
  return op.op === "dropTable" || op.op === "dropColumn";
}
