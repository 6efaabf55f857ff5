import { ContainerModule, SinkContribution } from '@handshake/sdk';
import { MarkdownSink } from './markdown-sink.js';

export { MarkdownSink, MarkdownSinkOptions } from './markdown-sink.js';
export { renderDigest } from './render-digest.js';

export const markdownSinkModule = new ContainerModule(({ bind }) => {
  bind(MarkdownSink).toSelf().inSingletonScope();
  bind(SinkContribution).toService(MarkdownSink);
});
