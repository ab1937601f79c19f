import { invalidRenameHint, renameNeedsHint } from "../errors/factories";
import type { RenameQuestion, RenameResolver } from "../migrations/differ";

function parseHints(renames: readonly string[]): Map<string, string> {
  const hints = new Map<string, string>();
  for (const hint of renames) {
    const [from, to, ...rest] = hint.split(":");
    if (!from || !to || rest.length > 0) throw invalidRenameHint(hint);
    hints.set(from, to);
  }
  return hints;
}

/**
 * Decides renames from `--rename old:new` and `--drop old` hints; what they do not settle is asked
 * on a terminal, and refused (with the hint to pass) when there is none to ask on.
 */
export function renameResolver(
  renames: readonly string[],
  drops: readonly string[],
  interactive: boolean,
): RenameResolver {
  const hints = parseHints(renames);
  const dropped = new Set(drops);
  return async (q: RenameQuestion) => {
    const from = q.kind === "table" ? q.from : `${q.table}.${q.from}`;
    const hinted = hints.get(from);
    if (hinted !== undefined) return hinted === q.to;
    if (dropped.has(from)) return false;
    const prefix = q.kind === "table" ? "" : `${q.table}.`;
    if ([...hints].some(([f, to]) => to === q.to && f.startsWith(prefix) && f.slice(prefix.length).indexOf(".") < 0))
      return false;
    if (!interactive) throw renameNeedsHint(q.kind, q.from, q.to, q.table);
    const confirm =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the prompt library loads only when a prompt is shown
      (require("@inquirer/confirm") as { default: (o: { message: string; default: boolean }) => Promise<boolean> })
        .default;
    const what = q.kind === "table" ? `table ${q.from} to ${q.to}` : `column ${q.table}.${q.from} to ${q.to}`;
    return confirm({
      message: `Did you rename ${what}? (no: drop ${q.from} and its data, add ${q.to})`,
      default: true,
    });
  };
}
