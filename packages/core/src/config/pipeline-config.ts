import { DURATION_HINT, isDuration, parseDuration } from '@handshake/sdk';
import { Cron } from 'croner';
import { z } from 'zod';

const NETWORK = /^[a-z][a-z0-9-]*$/;
const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const IdentityId = z.unknown().transform((value, context) => {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  context.addIssue({
    code: 'custom',
    message:
      typeof value === 'number'
        ? `expected a string: quote ids ("${value}") so that large numbers keep every digit`
        : 'expected a non-empty string id',
  });
  return z.NEVER;
});

/** `network: id` or `network: [id, id]`. Ids are the platform's stable keys, never handles. */
export const IdentityMap = z
  .record(
    z.string().regex(NETWORK, 'expected a lower-case network name such as "mastodon"'),
    z.union([IdentityId, z.array(IdentityId).min(1)]).transform((ids) => (Array.isArray(ids) ? ids : [ids]) as string[]),
  )
  .refine((map) => Object.keys(map).length > 0, 'expected at least one identity');
export type IdentityMap = z.infer<typeof IdentityMap>;

export const PersonConfig = z.strictObject({
  name: z.string().trim().min(1, 'expected a name'),
  identities: IdentityMap,
});
export type PersonConfig = z.infer<typeof PersonConfig>;

const Duration = z
  .string()
  .refine(isDuration, { message: `expected ${DURATION_HINT}` })
  .transform((text) => parseDuration(text));

const CronExpression = z.string().refine(
  (text) => {
    try {
      new Cron(text, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a cron expression such as "*/30 * * * *"' },
);

const EntryId = z.string().regex(ENTRY_ID, 'expected letters, digits, ".", "_" or "-"');
const Kind = z.string().min(1, 'expected a contributed kind');

export const SourceEntry = z
  .strictObject({
    use: Kind,
    id: EntryId.optional(),
    with: z.unknown().optional(),
    every: Duration.optional(),
    cron: CronExpression.optional(),
  })
  .refine((entry) => entry.every === undefined || entry.cron === undefined, {
    message: 'give either "every" or "cron", not both',
    path: ['cron'],
  });
export type SourceEntry = z.infer<typeof SourceEntry>;

export const RuleEntry = z.strictObject({
  use: Kind,
  id: EntryId.optional(),
  weight: z.number().min(0, 'expected a weight of 0 or more').default(1),
  with: z.unknown().optional(),
});
export type RuleEntry = z.infer<typeof RuleEntry>;

export const SinkEntry = z.strictObject({
  use: Kind,
  id: EntryId.optional(),
  with: z.unknown().optional(),
});
export type SinkEntry = z.infer<typeof SinkEntry>;

const Readiness = z.number().min(0, 'expected a readiness between 0 and 1').max(1, 'expected a readiness between 0 and 1');

export const DecideConfig = z
  .strictObject({
    'ask-at': Readiness.default(0.7),
    'warm-up-at': Readiness.default(0.4),
    /** Readiness needed to ask without an introducer: higher, since nobody vouches for the user. */
    'direct-ask-at': Readiness.default(0.85),
    /** How many candidate introducers to judge per target, strongest first. */
    introducers: z.number().int().min(1).max(1000).default(10),
  })
  .refine((decide) => decide['warm-up-at'] <= decide['ask-at'], {
    message: 'expected warm-up-at to be at most ask-at',
    path: ['warm-up-at'],
  })
  .refine((decide) => decide['direct-ask-at'] >= decide['ask-at'], {
    message: 'expected direct-ask-at to be at least ask-at',
    path: ['direct-ask-at'],
  });
export type DecideConfig = z.infer<typeof DecideConfig>;

/** How the daemon treats sources that fail: backoff, timeouts and quarantine. */
export const DaemonConfig = z.strictObject({
  /** A poll running longer than this is cut off and counts as a failure. */
  'poll-timeout': Duration.prefault('10m'),
  /** The first retry after a failure; it doubles with each failure in a row. */
  backoff: Duration.prefault('30s'),
  'max-backoff': Duration.prefault('30m'),
  /** This many failures within quarantine-window quarantine a source until the next reload. */
  'quarantine-after': z.number().int().min(1).default(5),
  'quarantine-window': Duration.prefault('10m'),
});
export type DaemonConfig = z.infer<typeof DaemonConfig>;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LogLevel = z.enum(LOG_LEVELS);

/** An ISO-8601 instant with a zone. */
export const Instant = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)), {
    message: 'expected an ISO-8601 instant with a zone, such as 2026-11-20T12:00:00Z',
  });

/** The pipeline YAML, as DESIGN.md fixes it. Plugin options (`with:`) are checked by each plugin's schema. */
export const PipelineConfig = z.strictObject({
  version: z.literal(1, 'expected version: 1'),
  /** Judge as of this instant instead of the clock: for demos and reproducible reports. */
  now: Instant.optional(),
  me: PersonConfig,
  targets: z.array(PersonConfig).default([]),
  sources: z.array(SourceEntry).default([]),
  rules: z.array(RuleEntry).default([]),
  sinks: z.array(SinkEntry).default([]),
  decide: DecideConfig.default({ 'ask-at': 0.7, 'warm-up-at': 0.4, 'direct-ask-at': 0.85, introducers: 10 }),
  store: z.strictObject({ path: z.string().min(1).optional() }).default({}),
  log: z.strictObject({ level: LogLevel.default('info') }).default({ level: 'info' }),
  plugins: z.strictObject({ paths: z.array(z.string().min(1)).default([]) }).default({ paths: [] }),
  daemon: DaemonConfig.prefault({}),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;
