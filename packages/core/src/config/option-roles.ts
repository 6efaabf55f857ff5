import { type OptionRole, optionRole } from '@handshake/sdk';
import type { z } from 'zod';
import type { ConfigPath } from './config-issue.js';

/** Called for each value whose schema has a role; returns the value to keep in its place. */
export type RoleVisitor = (role: OptionRole, value: unknown, path: ConfigPath) => unknown;

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/**
 * Walks an options value along its plugin's zod schema and lets the visitor replace every value
 * marked `secret` or `path`. Returns a new value; the input is not changed. Parts of the value
 * the schema does not describe are kept as they are: the schema's own check reports them.
 */
export function mapOptionRoles(schema: z.ZodType, value: unknown, visit: RoleVisitor, path: ConfigPath = []): unknown {
  const role = optionRole(schema);
  if (role !== undefined && value !== undefined) return visit(role, value, path);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !def.shape) return value;
      const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [key, child] of Object.entries(def.shape)) {
        if (key in result) result[key] = mapOptionRoles(child, result[key], visit, [...path, key]);
      }
      return result;
    }
    case 'array':
      return Array.isArray(value) && def.element
        ? value.map((item, index) => mapOptionRoles(def.element as z.ZodType, item, visit, [...path, index]))
        : value;
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !def.valueType) return value;
      const entries = Object.entries(value as Record<string, unknown>);
      return Object.fromEntries(
        entries.map(([key, item]) => [key, mapOptionRoles(def.valueType as z.ZodType, item, visit, [...path, key])]),
      );
    }
    case 'union':
      return (def.options ?? []).reduce<unknown>((current, option) => mapOptionRoles(option, current, visit, path), value);
    case 'lazy':
      return def.getter ? mapOptionRoles(def.getter(), value, visit, path) : value;
    case 'pipe':
      return def.in ? mapOptionRoles(def.in, value, visit, path) : value;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType ? mapOptionRoles(def.innerType, value, visit, path) : value;
    default:
      return value;
  }
}
