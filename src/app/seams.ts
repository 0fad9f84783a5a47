/**
 * Race seams: named points in the code where a test can hold one operation while another runs,
 * so "two accepts" or "accept vs hang-up" are reproduced in a chosen order. Production passes none.
 */
export interface Seams {
  hit(name: string, ctx: Record<string, unknown>): Promise<void>;
}

export const noSeams: Seams = { hit: async () => {} };
