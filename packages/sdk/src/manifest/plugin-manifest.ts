import { z } from 'zod';

const KIND_PATTERN = /^[a-z][a-z0-9-]*$/;

export const ContributedKind = z.object({
  kind: z.string().regex(KIND_PATTERN, 'expected a lower-case kind such as "mastodon-archive"'),
  title: z.string().min(1),
  description: z.string().optional(),
});
export type ContributedKind = z.infer<typeof ContributedKind>;

export const CONTRIBUTION_POINTS = ['sources', 'rules', 'sinks'] as const;
export type ContributionPoint = (typeof CONTRIBUTION_POINTS)[number];

/** The activation event that imports a plugin when the config uses one of its kinds. */
export function activationEvent(point: ContributionPoint, kind: string): string {
  const prefix = point === 'sources' ? 'onSource' : point === 'rules' ? 'onRule' : 'onSink';
  return `${prefix}:${kind}`;
}

const ActivationEvent = z
  .string()
  .regex(/^(\*|on(Source|Rule|Sink):[a-z][a-z0-9-]*)$/, 'expected "onSource:<kind>", "onRule:<kind>", "onSink:<kind>" or "*"');

/** The `handshake` field of a plugin's package.json: read as data, without running plugin code. */
export const HandshakeManifest = z.object({
  /** The entry module, relative to the package folder; it exports a `ContainerModule` as `module`. */
  main: z.string().min(1),
  contributes: z
    .object({
      sources: z.array(ContributedKind).default([]),
      rules: z.array(ContributedKind).default([]),
      sinks: z.array(ContributedKind).default([]),
    })
    .strict(),
  /** Defaults to one event per contributed kind. */
  activationEvents: z.array(ActivationEvent).optional(),
});
export type HandshakeManifest = z.infer<typeof HandshakeManifest>;

/** A plugin's package.json, as far as the host reads it. */
export const PluginManifest = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().optional(),
  engines: z.object({ handshake: z.string().min(1, 'expected a semver range such as "^0.1.0"') }),
  handshake: HandshakeManifest,
});
export type PluginManifest = z.infer<typeof PluginManifest>;
