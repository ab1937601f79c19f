/** Every relative link of README.md and docs/*.md points at a file that exists, and at a heading it has. */
import { expect } from "chai";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a markdown file's headings (outside code blocks). */
function anchors(path: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (m) out.add(slug(m[1]!));
  }
  return out;
}

describe("documentation links (README.md, docs/*.md)", () => {
  const pages = [
    join(ROOT, "README.md"),
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => join(ROOT, "docs", f)),
  ];

  it("every relative link resolves to a file and heading", () => {
    const broken: string[] = [];
    let count = 0;
    for (const page of pages) {
      const text = readFileSync(page, "utf8").replace(/```[\s\S]*?```/g, "");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue; // http(s), mailto
        count++;
        const [file, anchor] = target.split("#");
        const path = file ? resolve(dirname(page), file) : page;
        if (!existsSync(path)) broken.push(`${relative(ROOT, page)}: ${target} (no such file)`);
        else if (anchor && path.endsWith(".md") && !anchors(path).has(anchor))
          broken.push(`${relative(ROOT, page)}: ${target} (no such heading)`);
      }
    }
    expect(broken, broken.join("\n")).to.deep.equal([]);
    expect(count).to.be.greaterThan(20);
  });
});
