import type { z } from 'zod';
import type { ConfigIssue, ConfigPath } from './config-issue.js';
import type { YamlSource } from './yaml-source.js';

type ZodIssue = z.core.$ZodIssue;

/** Turns zod's issues into config issues at their place in the YAML, under `prefix`. */
export function zodIssuesToConfigIssues(source: YamlSource, issues: readonly ZodIssue[], prefix: ConfigPath = []): ConfigIssue[] {
  return issues.flatMap((issue) => convert(source, issue, prefix));
}

function convert(source: YamlSource, issue: ZodIssue, prefix: ConfigPath): ConfigIssue[] {
  const path: ConfigPath = [...prefix, ...(issue.path as (string | number)[])];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => source.issueAt([...path, key], `unknown field "${key}"`, 'key'));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The first alternative is the one the schema documents; its issues say what was expected.
    return (issue.errors[0] ?? []).flatMap((inner) => convert(source, inner, path));
  }
  return [source.issueAt(path, messageOf(issue))];
}

function messageOf(issue: ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && /received undefined$/.test(message)) {
    return `required field is missing (${message.replace(/, received undefined$/, '')})`;
  }
  return message;
}
