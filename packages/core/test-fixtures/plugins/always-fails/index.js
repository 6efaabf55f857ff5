// A broken plugin for the daemon's failure-containment tests: every poll throws, or never ends.
import { ContainerModule, SourceContribution, z } from '@handshake/sdk';

export default new ContainerModule(({ bind }) => {
  bind(SourceContribution).toConstantValue({
    kind: 'always-fails',
    options: z.strictObject({ hang: z.boolean().default(false), rateLimitedForMs: z.number().optional() }),
    async *read(request) {
      if (request.options.hang) await new Promise(() => undefined);
      if (request.options.rateLimitedForMs !== undefined) {
        // As the SDK's HttpError does when a platform says when its limit resets.
        throw Object.assign(new Error('rate limited'), { retryAt: Date.now() + request.options.rateLimitedForMs });
      }
      throw new Error('the upstream API answered 500 again');
    },
  });
});
