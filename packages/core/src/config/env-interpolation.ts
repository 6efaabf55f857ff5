import { isPair, isScalar, isSeq, parse as parseYamlScalar, Scalar, visit } from 'yaml';
import type { ConfigIssue, ConfigPath } from './config-issue.js';
import type { YamlSource } from './yaml-source.js';

const PLACEHOLDER = /\$\$|\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const MALFORMED = /\$\{(?!env:[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\})[^}]*\}?/;

/**
 * Replaces `${env:NAME}` and `${env:NAME:-default}` in every string value of the document, in
 * place. `$$` stands for a literal `$`. As in a shell, the default applies when the variable is
 * unset or empty; an unset variable without a default is an issue at the scalar's position. An
 * unquoted value that was wholly a placeholder is read again as YAML, so `${env:PORT}` can be a number.
 */
export function interpolateEnv(source: YamlSource, env: NodeJS.ProcessEnv): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(source.document, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('$')) return;
      const text = node.value;
      const configPath = pathOf(path, key);
      const bad = MALFORMED.exec(text);
      if (bad) {
        issues.push(issueAt(source, node, configPath, `malformed placeholder "${bad[0]}": expected \${env:NAME} or \${env:NAME:-default}`));
        return;
      }
      let wholePlaceholder = false;
      const replaced = text.replace(PLACEHOLDER, (match, name: string | undefined, fallback: string | undefined, offset: number) => {
        if (match === '$$') return '$';
        wholePlaceholder = offset === 0 && match.length === text.length;
        const value = env[name as string];
        if (fallback !== undefined) return value === undefined || value === '' ? fallback : value;
        if (value === undefined) {
          issues.push(
            issueAt(
              source,
              node,
              configPath,
              `environment variable ${name} is not set; set it, or give a default with \${env:${name}:-default}`,
            ),
          );
          return '';
        }
        return value;
      });
      if (replaced === text) return;
      node.value = wholePlaceholder && node.type === Scalar.PLAIN ? readPlainScalar(replaced) : replaced;
    },
  });
  return issues;
}

function readPlainScalar(text: string): unknown {
  try {
    const value = parseYamlScalar(text);
    return typeof value === 'number' || typeof value === 'boolean' || value === null ? value : text;
  } catch {
    return text;
  }
}

function issueAt(source: YamlSource, node: Scalar, path: ConfigPath, message: string): ConfigIssue {
  const position = node.range ? source.positionAt(node.range[0]) : source.positionOf(path);
  return { file: source.displayName, ...position, path, message };
}

/** Rebuilds the config path of a visited node from the ancestors yaml's visitor passes. */
function pathOf(ancestors: readonly unknown[], key: number | 'key' | 'value' | null): ConfigPath {
  const path: (string | number)[] = [];
  ancestors.forEach((ancestor, i) => {
    if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
    const child = ancestors[i + 1];
    if (isSeq(ancestor) && child !== undefined) path.push(ancestor.items.indexOf(child as never));
  });
  if (typeof key === 'number') path.push(key);
  return path;
}
