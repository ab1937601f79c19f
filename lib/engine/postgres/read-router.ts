/** Driver error codes that mean a node cannot be reached, as opposed to a query that failed on it. */
const unreachable = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, or recovering)
]);

/** Whether an error says the node is down (so a routed read may fall back to the primary). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && unreachable.has(code)) return true;
  // node-postgres reports a connection that dropped mid-handshake with only a message.
  return (
    error instanceof Error &&
    /Connection terminated|connection error|timeout exceeded when trying to connect/i.test(error.message)
  );
}

/** How long a node that could not be reached is skipped before it is tried again. */
const RETRY_DOWN_NODE_MS = 5_000;

/**
 * Picks the node for each plain read: the replicas in turn, skipping one that was found down in
 * the last few seconds, and none (the primary) for a while after a write when read-your-writes is on.
 */
export class ReadRouter<Node> {
  private next = 0;
  private lastWriteAt = -Infinity;
  private readonly downUntil = new Map<Node, number>();

  constructor(
    private readonly nodes: readonly Node[],
    private readonly readYourWritesMs: number,
  ) {}

  /** The replica for the next read, or undefined to read on the primary. */
  pick(now = Date.now()): Node | undefined {
    if (this.nodes.length === 0 || now - this.lastWriteAt < this.readYourWritesMs) return undefined;
    for (let tried = 0; tried < this.nodes.length; tried++) {
      const node = this.nodes[this.next]!;
      this.next = (this.next + 1) % this.nodes.length;
      const down = this.downUntil.get(node);
      if (down === undefined || down <= now) return node;
    }
    return undefined;
  }

  /** Notes a write on the primary (reads stay there for readYourWritesMs). */
  wrote(now = Date.now()): void {
    this.lastWriteAt = now;
  }

  /** Notes that a node could not be reached: it is skipped for a few seconds. */
  down(node: Node, now = Date.now()): void {
    this.downUntil.set(node, now + RETRY_DOWN_NODE_MS);
  }
}
