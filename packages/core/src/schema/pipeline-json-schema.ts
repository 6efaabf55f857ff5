import type { ContributionPoint } from '@handshake/sdk';
import { z } from 'zod';
import { PipelineConfig } from '../config/pipeline-config.js';
import type { PluginCatalog } from '../plugins/plugin-catalog.js';
import type { PluginHost } from '../plugins/plugin-host.js';

type JsonSchema = Record<string, unknown>;

const SECTIONS = [
  ['sources', 'sources'],
  ['rules', 'rules'],
  ['sinks', 'sinks'],
] as const;

function toJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as JsonSchema;
  delete json.$schema;
  return json;
}

export interface PipelineSchemaResult {
  readonly schema: JsonSchema;
  /** Plugins whose options could not be included, and why. */
  readonly skipped: readonly string[];
}

/**
 * The JSON Schema of the pipeline YAML with each installed plugin's options, so an editor's YAML
 * extension can complete and check `use:` and `with:`. Imports every compatible plugin (never
 * activates it) to read its option schemas.
 */
export async function pipelineJsonSchema(catalog: PluginCatalog, host: PluginHost): Promise<PipelineSchemaResult> {
  const skipped: string[] = [];
  for (const plugin of catalog.plugins) {
    if (!plugin.compatible) {
      skipped.push(`${plugin.name}: ${plugin.unusableBecause}`);
      continue;
    }
    try {
      await host.load([plugin]);
    } catch (error) {
      skipped.push((error as Error).message);
    }
  }
  const schema = toJsonSchema(PipelineConfig);
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  schema.$id = 'https://handshake.dev/schema/pipeline.json';
  schema.title = 'handshake pipeline';
  schema.description =
    'A handshake pipeline: who you are, whom you want to meet, where the data comes from, how to judge it, where decisions go.';
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const [section, point] of SECTIONS) {
    const items = (properties[section] as JsonSchema).items as JsonSchema;
    properties[section] = { ...properties[section], items: withPluginOptions(items, point, catalog, host) };
  }
  return { schema, skipped };
}

function withPluginOptions(items: JsonSchema, point: ContributionPoint, catalog: PluginCatalog, host: PluginHost): JsonSchema {
  const kinds = catalog.kinds(point).filter((kind) => host.pluginOf(point, kind) !== undefined);
  const itemProperties = items.properties as Record<string, JsonSchema>;
  itemProperties.use = { ...itemProperties.use, enum: kinds };
  const branches = kinds.map((kind) => {
    const contribution = point === 'sources' ? host.source(kind) : point === 'rules' ? host.rule(kind) : host.sink(kind);
    const title = catalog.provider(point, kind)?.manifest?.handshake.contributes[point].find((entry) => entry.kind === kind)?.title;
    return {
      if: { properties: { use: { const: kind } }, required: ['use'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable.
      then: { properties: { with: { ...toJsonSchema(contribution.options), ...(title ? { title } : {}) } } },
    };
  });
  return branches.length > 0 ? { ...items, allOf: branches } : items;
}
