import { z } from 'zod';
import { DURATION_HINT, isDuration, parseDuration } from '../time/duration.js';

/**
 * The metadata key the host reads to treat an option specially. Kept in zod's global registry,
 * so it also appears in the JSON Schema that `handshake schema` prints.
 */
export const OPTION_ROLE = 'x-handshake-role';

export type OptionRole = 'secret' | 'path';

/** An option whose value is a secret: redacted wherever config, logs or errors could print it. */
export function secret(schema: z.ZodString = z.string().min(1)) {
  return schema.meta({ [OPTION_ROLE]: 'secret', writeOnly: true });
}

/** A file or folder path; the host resolves a relative one against the pipeline YAML's folder. */
export function filePath() {
  return z
    .string()
    .min(1, 'expected a path')
    .meta({ [OPTION_ROLE]: 'path' });
}

/** A duration written `90s`, `30m`, `12h` or `180d`, parsed into milliseconds. */
export function duration() {
  return z
    .string()
    .refine(isDuration, { message: `expected ${DURATION_HINT}` })
    .transform((text) => parseDuration(text))
    .meta({ description: DURATION_HINT, examples: ['90s', '30m', '12h', '180d'] });
}

/** The role an option schema was marked with, if any. */
export function optionRole(schema: z.ZodType): OptionRole | undefined {
  const role = z.globalRegistry.get(schema)?.[OPTION_ROLE];
  return role === 'secret' || role === 'path' ? role : undefined;
}
