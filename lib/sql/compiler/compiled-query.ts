/** SQL text with its bound parameters, ready for a driver. */
export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}
