/** Close codes the provider sees (the same as @hocuspocus/common's Unauthorized and Forbidden). */
export const closeCodes = { unauthorized: 4401, forbidden: 4403, internal: 1011 } as const;

/**
 * Why a connection or message was refused. Its message is empty on purpose: Hocuspocus prints
 * every hook error that has a message, and a refusal is an expected answer, not a fault.
 */
export class Refusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super('');
    this.name = 'Refusal';
  }
}
