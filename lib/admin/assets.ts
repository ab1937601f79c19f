import { createHash } from "node:crypto";
import { adminCss } from "./assets/admin-css";
import { adminJs } from "./assets/admin-js";
import type { AdminResponse } from "./response";

/** One shipped asset: its content, type and content-hashed file name. */
interface Asset {
  readonly name: string;
  readonly type: string;
  readonly body: string;
}

function asset(base: string, ext: string, type: string, body: string): Asset {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { name: `${base}.${hash}.${ext}`, type, body };
}

/** The style sheet and the script, named by their content so they can be cached forever. */
export const assets = {
  css: asset("admin", "css", "text/css; charset=utf-8", adminCss),
  js: asset("admin", "js", "text/javascript; charset=utf-8", adminJs),
};

/** The asset of a file name under <prefix>/assets/, or undefined. */
export function serveAsset(name: string): AdminResponse | undefined {
  const found = Object.values(assets).find((a) => a.name === name);
  if (found === undefined) return undefined;
  return {
    status: 200,
    headers: { "content-type": found.type, "cache-control": "public, max-age=31536000, immutable" },
    body: found.body,
  };
}
