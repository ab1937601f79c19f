import { badLoginBody } from "../../errors/auth-factories";

/** A request whose body can be read: Node's IncomingMessage. */
export interface ReadableRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

const LIMIT = 16 * 1024;

/** Reads a small JSON or form body (at most 16 KiB) as an object of fields. */
export async function readFields(req: ReadableRequest): Promise<Record<string, unknown>> {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
  if (type !== "application/json" && type !== "application/x-www-form-urlencoded")
    throw badLoginBody(`the content type is ${JSON.stringify(type || "(none)")}`, 415);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > LIMIT) throw badLoginBody(`the body is larger than ${LIMIT} bytes`, 413);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw badLoginBody("the body is not a JSON object");
}
