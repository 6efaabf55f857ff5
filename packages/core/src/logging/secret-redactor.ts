const REDACTED = '[redacted]';
const SHORTEST_SECRET = 3;

/**
 * Knows every secret value the pipeline holds and blanks it out of any text: log lines, printed
 * config, error messages. Also catches the forms a secret takes once escaped into JSON or a URL.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  get size(): number {
    return this.secrets.size;
  }

  add(secret: string): void {
    if (secret.length < SHORTEST_SECRET) return;
    const before = this.secrets.size;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) this.secrets.add(form);
    if (this.secrets.size !== before) this.pattern = undefined;
  }

  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }
}
