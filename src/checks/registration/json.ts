// Small readers shared by the registration checks.
export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
export const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));
