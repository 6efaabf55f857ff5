import { filePath, inject, injectable, Logger, type SourceBatch, type SourceContribution, type SourceRequest, z } from '@handshake/sdk';
import { TwitterArchiveReader } from './twitter-archive-reader.js';

export const TwitterArchiveSourceOptions = z.strictObject({
  /** The archive as downloaded (`twitter-2023-08-20-....zip`) or unpacked into a folder. */
  path: filePath(),
  /** Group conversations with more participants are skipped: large groups are mostly spam. */
  maxGroupSize: z.number().int().min(2).default(10),
});
export type TwitterArchiveSourceOptions = z.infer<typeof TwitterArchiveSourceOptions>;

/**
 * Reads the archive Twitter/X gives its users (Settings → Your account → Download an archive of
 * your data): tweets, likes, follows, blocks, mutes and direct messages become signals, and the
 * account it belongs to is reported as the user's own.
 */
@injectable()
export class TwitterArchiveSource implements SourceContribution<TwitterArchiveSourceOptions> {
  readonly kind = 'twitter-archive';
  readonly options = TwitterArchiveSourceOptions;

  constructor(@inject(Logger) private readonly logger: Logger) {}

  read(request: SourceRequest<TwitterArchiveSourceOptions>): AsyncIterable<SourceBatch> {
    return new TwitterArchiveReader(request, this.logger).read();
  }
}
