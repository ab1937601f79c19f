import type { IncomingMessage, ServerResponse } from "node:http";
import type { Endpoint } from "../action";
import { nodeRequest } from "../node";

/** What the adapter uses of a Fastify instance (no import of fastify, which stays optional). */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    options: { parseAs: "string"; bodyLimit?: number },
    parser: (request: unknown, body: string, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>;
  }): void;
}
interface FastifyRequestLike {
  raw: IncomingMessage;
  body?: unknown;
}
interface FastifyReplyLike {
  raw: ServerResponse;
  code(status: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
}

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/**
 * A Fastify 5 plugin answering under the endpoint's prefix: `app.register(fastifyCrud(crud(Band)))`.
 * Bodies reach the endpoint as text (its own JSON parsing, errors and size limit apply).
 */
export function fastifyCrud(endpoint: Endpoint) {
  return async (fastify: FastifyLike): Promise<void> => {
    fastify.removeAllContentTypeParsers();
    // Every body as text, with room above the endpoint's own limit so that its 413 is the one sent.
    fastify.addContentTypeParser("*", { parseAs: "string", bodyLimit: 64 * 1024 * 1024 }, (_, body, done) =>
      done(null, body),
    );
    const handler = async (request: FastifyRequestLike, reply: FastifyReplyLike) => {
      const text = typeof request.body === "string" ? request.body : "";
      const response = await endpoint.handle({
        ...nodeRequest(request.raw),
        readBody: async () => ({ text }),
      });
      if (response === undefined) return reply.code(404).send();
      reply.code(response.status).headers({ ...response.headers });
      if (response.body === undefined) return reply.send();
      return reply.headers({ "content-type": "application/json; charset=utf-8" }).send(JSON.stringify(response.body));
    };
    for (const url of [endpoint.prefix, `${endpoint.prefix}/*`]) fastify.route({ method: methods, url, handler });
  };
}
