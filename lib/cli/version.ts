import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findUp } from "../apps/module-loader";

/** The version in piccolo-orm's package.json. */
export function packageVersion(): string {
  const path = findUp(__dirname, "package.json") ?? join(__dirname, "package.json");
  return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
}
