// Preloaded into the benchmarked process: reports its peak resident memory when it exits.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nBENCH ${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
});
