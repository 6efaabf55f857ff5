import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Decision, filePath, injectable, type SinkContribution, type SinkRequest, type SinkWriter, z } from '@handshake/sdk';

export const JsonlSinkOptions = z.strictObject({
  /** The file decisions are appended to, one JSON object per line. */
  path: filePath(),
});
export type JsonlSinkOptions = z.infer<typeof JsonlSinkOptions>;

/** Appends each changed decision as one JSON line, in DESIGN.md's decision shape. */
@injectable()
export class JsonlSink implements SinkContribution<JsonlSinkOptions> {
  readonly kind = 'jsonl';
  readonly options = JsonlSinkOptions;

  async open(request: SinkRequest<JsonlSinkOptions>): Promise<SinkWriter> {
    const { path } = request.options;
    await mkdir(dirname(path), { recursive: true });
    return {
      // One append per delivery: the lines of a delivery land together.
      write: async (decisions: readonly Decision[]) => {
        if (decisions.length === 0) return;
        await appendFile(path, decisions.map((decision) => `${JSON.stringify(decision)}\n`).join(''), 'utf8');
      },
    };
  }
}
