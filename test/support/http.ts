/** Real HTTP for the web-layer tests: a server on a free port (listen(0)) and fetch. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A listening server and its base URL. */
export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on a free port with a Node listener (or an existing server, e.g. Express's `app.listen`). */
export async function listen(
  listener: ((req: IncomingMessage, res: ServerResponse) => void) | Server,
): Promise<Listening> {
  const server = typeof listener === "function" ? createServer(listener) : listener;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return fromServer(server);
}

/** The base URL and closer of a server that is already listening. */
export function fromServer(server: Server): Listening {
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A response as tests read it: the status, headers, raw text and JSON body (undefined when none). */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;

  readonly body: any;
}

/** Sends a request; a `body` that is not a string is sent as JSON. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    if (typeof body !== "string") (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}
