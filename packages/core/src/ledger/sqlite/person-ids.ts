import type { PersonId } from '@handshake/sdk';

/** `p_12` for row 12: person ids as users and decisions see them. */
export function formatPersonId(row: number): PersonId {
  return `p_${row}`;
}

/** The row of a person id, or undefined when the text is not one. */
export function parsePersonId(id: string): number | undefined {
  const match = /^p_(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
