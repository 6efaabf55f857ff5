import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ConfigIssue, ConfigPath } from './config-issue.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A parsed YAML file that can say where any config path sits in it. */
export class YamlSource {
  private constructor(
    /** The file name as it appears in messages (relative to the working folder when inside it). */
    readonly displayName: string,
    readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  static parse(displayName: string, text: string): { source: YamlSource; issues: ConfigIssue[] } {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(displayName, document, lineCounter);
    const issues = document.errors.map((error) => {
      const position = source.positionAt(error.pos[0]);
      return { file: displayName, ...position, path: [], message: yamlMessage(error.message) };
    });
    return { source, issues };
  }

  positionAt(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where a path sits: the value's node when it exists, else the key that names it, else the
   * nearest ancestor that exists (a missing field is reported where it should have been).
   */
  positionOf(path: ConfigPath): Position {
    let node: unknown = this.document.contents;
    let best: Node | null = (this.document.contents as Node | null) ?? null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const value = pair.value as Node | null;
        best = value?.range ? value : ((pair.key as Node) ?? best);
        node = value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        best = item;
        node = item;
      } else {
        break;
      }
    }
    return best?.range ? this.positionAt(best.range[0]) : { line: 1, column: 1 };
  }

  /** Where the key of the last path segment sits, for issues about the key itself. */
  keyPositionOf(path: ConfigPath): Position {
    if (path.length === 0) return this.positionOf(path);
    const parent = this.document.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last));
      const key = pair?.key as Node | undefined;
      if (key?.range) return this.positionAt(key.range[0]);
    }
    return this.positionOf(path);
  }

  issueAt(path: ConfigPath, message: string, at: 'value' | 'key' = 'value'): ConfigIssue {
    const position = at === 'key' ? this.keyPositionOf(path) : this.positionOf(path);
    return { file: this.displayName, ...position, path, message };
  }
}

/** The yaml library's messages end with a code excerpt; keep the sentence. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}
