import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeRequest, type FastifyLike } from "../../crud";
import type { Admin } from "../admin";
import { writeAdminResponse } from "../node";

interface FastifyRequestLike {
  raw: IncomingMessage;
  body?: unknown;
}
interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): void;
}

/**
 * A Fastify 5 plugin serving the admin under its prefix: `await app.register(fastifyAdmin(admin))`.
 * Encapsulated: its body parser (forms as text) applies to the admin's routes only.
 */
export function fastifyAdmin(admin: Admin) {
  const plugin = async (fastify: FastifyLike): Promise<void> => {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", { parseAs: "string", bodyLimit: 2 * 1024 * 1024 }, (_, body, done) =>
      done(null, body),
    );
    const handler = async (request: FastifyRequestLike, reply: FastifyReplyLike) => {
      const text = typeof request.body === "string" ? request.body : "";
      const response = await admin.handle({ ...nodeRequest(request.raw), readBody: async () => ({ text }) });
      // The admin writes its own response (streamed CSV included).
      reply.hijack();
      if (response === undefined) {
        reply.raw.statusCode = 404;
        reply.raw.end();
        return;
      }
      await writeAdminResponse(reply.raw, response);
    };
    for (const url of [admin.prefix, `${admin.prefix}/*`])
      fastify.route({ method: ["GET", "HEAD", "POST"], url, handler: handler as never });
  };
  return plugin;
}
