// SQLite's lower() and LIKE fold ASCII letters only, so `lower(a) LIKE lower(b)` misses "ÜBER" for
// "über". ILIKE is emulated instead with GLOB, which is case-sensitive but has character classes:
// each letter of the pattern becomes the class of every character with the same lower case
// ("ü" → "[üÜ]", "k" → "[kKK]" with the Kelvin sign), matching what PostgreSQL's lower()-based
// ILIKE matches. This is plain SQL, so both drivers (sqlite3 cannot register functions) agree.

let inverse: Map<string, string[]> | undefined;

/** Characters by their lower case, for every character whose lower case differs from it. */
function lowerCaseInverse(): Map<string, string[]> {
  if (inverse !== undefined) return inverse;
  inverse = new Map();
  // Cased letters all live in the first two planes; surrogate code points are not characters.
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    const lower = char.toLowerCase();
    if (lower === char) continue;
    const chars = inverse.get(lower);
    if (chars === undefined) inverse.set(lower, [char]);
    else chars.push(char);
  }
  return inverse;
}

const globSpecial = new Set(["*", "?", "["]);

/** One literal pattern character as GLOB: a class of its case variants, or itself (bracketed if special). */
function globChar(char: string): string {
  const lower = char.toLowerCase();
  // A class holds single characters: "İ" lowers to two ("i" and a combining dot) and stays alone.
  const variants = new Set([char, lower, ...(lowerCaseInverse().get(lower) ?? [])].filter((v) => [...v].length === 1));
  if (variants.size > 1) return `[${[...variants].join("")}]`;
  return globSpecial.has(char) ? `[${char}]` : char;
}

/**
 * A LIKE pattern (`%` any run, `_` one character, `\` escaping the next character as on
 * PostgreSQL) as a case-insensitive GLOB pattern.
 */
export function ilikeToGlob(pattern: string): string {
  let glob = "";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === "\\" && i + 1 < chars.length) glob += globChar(chars[++i]!);
    else if (char === "%") glob += "*";
    else if (char === "_") glob += "?";
    else glob += globChar(char);
  }
  return glob;
}
