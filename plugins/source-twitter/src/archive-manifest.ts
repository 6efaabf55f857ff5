import { z } from '@handshake/sdk';

const ManifestFile = z.looseObject({ fileName: z.string().min(1), globalName: z.string().optional(), count: z.string().optional() });

/**
 * `data/manifest.js` (`window.__THAR_CONFIG = {...}`): who the archive belongs to, when it was
 * made, and every file of every data type. Only the fields this plugin reads are checked; the rest
 * may be anything, as Twitter adds fields over the years.
 */
export const ArchiveManifest = z.looseObject({
  userInfo: z
    .looseObject({ accountId: z.string().optional(), userName: z.string().optional(), displayName: z.string().optional() })
    .optional(),
  archiveInfo: z.looseObject({ generationDate: z.string().optional() }).optional(),
  dataTypes: z.record(z.string(), z.looseObject({ files: z.array(ManifestFile).optional() })).optional(),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;

export type ManifestParse = { readonly ok: true; readonly manifest: ArchiveManifest } | { readonly ok: false; readonly reason: string };

/** Parses the manifest's text: the JavaScript assignment is cut at its first `=`, never evaluated. */
export function parseArchiveManifest(text: string): ManifestParse {
  const start = text.indexOf('=');
  const json = (start < 0 ? text : text.slice(start + 1)).trim().replace(/;$/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `expected window.__THAR_CONFIG = {...} with a JSON object (${(error as Error).message})` };
  }
  const parsed = ArchiveManifest.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'the manifest'}: ${issue?.message ?? 'unexpected shape'}` };
  }
  return { ok: true, manifest: parsed.data };
}
