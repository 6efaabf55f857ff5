import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Decision, filePath, injectable, type SinkContribution, type SinkRequest, type SinkWriter, z } from '@handshake/sdk';
import { renderDigest } from './render-digest.js';

export const MarkdownSinkOptions = z.strictObject({
  /** The digest file; rewritten after each evaluation. */
  path: filePath(),
  title: z.string().min(1).default('Warm introductions'),
});
export type MarkdownSinkOptions = z.infer<typeof MarkdownSinkOptions>;

/** Keeps a Markdown digest of every target's current decision. */
@injectable()
export class MarkdownSink implements SinkContribution<MarkdownSinkOptions> {
  readonly kind = 'markdown';
  readonly options = MarkdownSinkOptions;

  async open(request: SinkRequest<MarkdownSinkOptions>): Promise<SinkWriter> {
    const { path, title } = request.options;
    await mkdir(dirname(path), { recursive: true });
    return {
      write: () => undefined,
      // Written beside and renamed over, so a reader never sees half a digest.
      digest: async (decisions: readonly Decision[]) => {
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, renderDigest(decisions, title), 'utf8');
        await rename(temporary, path);
      },
    };
  }
}
