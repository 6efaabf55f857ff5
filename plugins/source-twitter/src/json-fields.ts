/** The fields of a parsed JSON object. */
export type JsonFields = Readonly<Record<string, unknown>>;

/** A parsed JSON value as an object, or undefined when it is anything else. */
export function jsonObject(value: unknown): JsonFields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonFields) : undefined;
}

/** A parsed JSON value as an array; anything else reads as empty, as a missing list does. */
export function jsonArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
