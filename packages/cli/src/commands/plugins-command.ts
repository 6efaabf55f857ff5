import { resolve } from 'node:path';
import { type CatalogPlugin, readCatalog } from '@handshake/core';
import type { Command } from 'commander';
import { renderTable } from '../output/table.js';

function kindsOf(plugin: CatalogPlugin): { sources: string[]; rules: string[]; sinks: string[] } {
  const contributes = plugin.manifest?.handshake.contributes;
  return {
    sources: contributes?.sources.map((entry) => entry.kind) ?? [],
    rules: contributes?.rules.map((entry) => entry.kind) ?? [],
    sinks: contributes?.sinks.map((entry) => entry.kind) ?? [],
  };
}

export function registerPluginsCommand(program: Command): void {
  program
    .command('plugins')
    .description('list installed plugins, their versions, contributed kinds and whether each is compatible')
    .option('--json', 'print JSON instead of a table')
    .option('-p, --path <folder...>', 'also look in these folders (as plugins.paths in a config does)')
    .addHelpText('after', '\nExamples:\n  $ handshake plugins\n  $ handshake plugins --json --path ./my-plugins')
    .action((options: { json?: boolean; path?: string[] }) => {
      const catalog = readCatalog(
        process.cwd(),
        (options.path ?? []).map((path) => resolve(path)),
      );
      if (options.json) {
        const list = catalog.plugins.map((plugin) => ({
          name: plugin.name,
          version: plugin.version,
          dir: plugin.dir,
          origin: plugin.origin,
          compatible: plugin.compatible,
          engines: plugin.manifest?.engines.handshake ?? null,
          ...(plugin.unusableBecause ? { problem: plugin.unusableBecause } : {}),
          contributes: kindsOf(plugin),
        }));
        process.stdout.write(`${JSON.stringify({ handshake: catalog.hostVersion, plugins: list }, null, 2)}\n`);
        return;
      }
      const rows = catalog.plugins.map((plugin) => {
        const kinds = kindsOf(plugin);
        const contributed = [
          ...kinds.sources.map((kind) => `source:${kind}`),
          ...kinds.rules.map((kind) => `rule:${kind}`),
          ...kinds.sinks.map((kind) => `sink:${kind}`),
        ].join(', ');
        return [plugin.name, plugin.version, plugin.compatible ? 'yes' : `no: ${plugin.unusableBecause}`, contributed];
      });
      process.stdout.write(
        `handshake ${catalog.hostVersion}: ${catalog.plugins.length} plugin${catalog.plugins.length === 1 ? '' : 's'}\n\n`,
      );
      process.stdout.write(`${renderTable(['plugin', 'version', 'compatible', 'contributes'], rows)}\n`);
      for (const conflict of catalog.conflicts) process.stdout.write(`\nnote: ${conflict}\n`);
    });
}
