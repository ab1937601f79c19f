import { and, type Condition } from "../index";
import { listColumns, readableAlias } from "./list-query";
import type { AdminTable } from "./model";
import { displayText } from "./values";

/** Rows read per query while exporting. */
const BATCH = 1000;

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The rows the condition matches as CSV, in key order, read in batches after the last key seen (so
 * a big table streams in constant memory and every batch is an index range scan).
 */
export async function* csvRows(
  admin: AdminTable,
  where: Condition<unknown> | undefined,
  readable: ReadonlyMap<string, string>,
): AsyncIterable<string> {
  const columns = admin.visible;
  const names = columns.flatMap((c) =>
    readable.has(c.property) ? [c.property, readableAlias(c.property)] : [c.property],
  );
  yield `${names.map(csvField).join(",")}\r\n`;
  const keyRef = admin.statics.c[admin.key.property];
  let after: unknown;
  for (;;) {
    const conditions = [where, after === undefined ? undefined : keyRef.gt(after)].filter(
      (c): c is Condition<unknown> => c !== undefined,
    );
    let query = admin.statics
      .select(...listColumns(admin, readable))
      .orderBy(keyRef.asc())
      .limit(BATCH);
    if (conditions.length > 0)
      query = query.where(
        conditions.length === 1 ? conditions[0] : and(...(conditions as [Condition<unknown>, Condition<unknown>])),
      );
    const rows = (await query) as Record<string, unknown>[];
    if (rows.length === 0) return;
    let chunk = "";
    for (const row of rows) {
      const cells = columns.flatMap((c) => {
        const text = csvField(displayText(row[c.property], c.dataType));
        return readable.has(c.property)
          ? [text, csvField(displayText(row[readableAlias(c.property)], c.dataType))]
          : [text];
      });
      chunk += `${cells.join(",")}\r\n`;
    }
    yield chunk;
    if (rows.length < BATCH) return;
    after = rows.at(-1)![admin.key.property];
  }
}
