// SQLite keeps no catalogue of checks or index conditions: they are read from the CREATE
// statements sqlite_master holds (for `schema generate` and the alter() rebuild), skipping quoted text so
// that a "check" inside a string is not one.

/** The end of the parenthesised text that starts at `open` (a "("), or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === "`" || ch === "[") {
      const end = text.indexOf(ch === "[" ? "]" : ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** The start of every word `word` outside quotes, case-insensitive. */
function wordsAt(text: string, word: RegExp): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"' || ch === "`" || ch === "[") {
      const end = text.indexOf(ch === "[" ? "]" : ch, i + 1);
      i = end < 0 ? text.length : end;
    } else if (/[A-Za-z]/.test(ch) && (i === 0 || !/\w/.test(text[i - 1]!))) {
      const m = word.exec(text.slice(i));
      if (m) found.push(i);
    }
  }
  return found;
}

/** The text without one pair of parentheses around all of it (piccolo adds one when it writes a check). */
function unwrap(text: string): string {
  return text.startsWith("(") && closing(text, 0) === text.length - 1 ? text.slice(1, -1).trim() : text;
}

const unquote = (name: string) => name.replace(/^["[`](.*)["\]`]$/s, "$1");

/** The CHECK constraints of a CREATE TABLE statement, with their names when given. */
export function sqliteChecks(createSql: string): { name?: string; sql: string }[] {
  const out: { name?: string; sql: string }[] = [];
  for (const at of wordsAt(createSql, /^CHECK\s*\(/i)) {
    const open = createSql.indexOf("(", at);
    const end = closing(createSql, open);
    if (end < 0) continue;
    const named = /CONSTRAINT\s+("(?:[^"]|"")*"|\[[^\]]*\]|`[^`]*`|\w+)\s*$/i.exec(createSql.slice(0, at));
    out.push({ ...(named ? { name: unquote(named[1]!) } : {}), sql: unwrap(createSql.slice(open + 1, end).trim()) });
  }
  return out;
}

/** A partial index's condition: the text after its top-level WHERE. */
export function sqliteIndexWhere(indexSql: string): string | undefined {
  const at = wordsAt(indexSql, /^WHERE\b/i).at(-1);
  return at === undefined ? undefined : unwrap(indexSql.slice(at + "WHERE".length).trim());
}

/** The table-level UNIQUE constraints of a CREATE TABLE statement (columns unquoted), with their names when given. */
export function sqliteUniques(createSql: string): { name?: string; columns: string[] }[] {
  const out: { name?: string; columns: string[] }[] = [];
  for (const at of wordsAt(createSql, /^UNIQUE\s*\(/i)) {
    const open = createSql.indexOf("(", at);
    const end = closing(createSql, open);
    if (end < 0) continue;
    const named = /CONSTRAINT\s+("(?:[^"]|"")*"|\[[^\]]*\]|`[^`]*`|\w+)\s*$/i.exec(createSql.slice(0, at));
    const columns = createSql
      .slice(open + 1, end)
      .split(",")
      .map((c) => unquote(c.trim()));
    out.push({ ...(named ? { name: unquote(named[1]!) } : {}), columns });
  }
  return out;
}

/** True when `word` (a regular expression anchored at its start) occurs outside quoted text and names. */
export function sqliteHasWord(sql: string, word: RegExp): boolean {
  return wordsAt(sql, word).length > 0;
}
