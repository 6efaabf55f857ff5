/** A path inside the config, as zod and the YAML document see it. */
export type ConfigPath = readonly (string | number)[];

/** One problem in a pipeline config, with where it is. */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: ConfigPath;
  readonly message: string;
}

/** `sources[1].with.path` */
export function formatConfigPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `configs/demo.yaml:14:9 sources[1].with.path: expected string, received number` */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const path = formatConfigPath(issue.path);
  return path === '' ? `${where} ${issue.message}` : `${where} ${path}: ${issue.message}`;
}

/** Every problem found in a config, thrown at once before anything runs. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly issues: readonly ConfigIssue[],
    options?: ErrorOptions,
  ) {
    const lines = issues.map(formatConfigIssue);
    super(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the config:\n${lines.join('\n')}`, options);
  }
}
