import { describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';

describe('SecretRedactor', () => {
  it('blanks a secret wherever it appears, also JSON-escaped or URL-encoded', () => {
    const redactor = new SecretRedactor();
    redactor.add('tok"en/with+chars');
    expect(redactor.redact('Bearer tok"en/with+chars')).toBe('Bearer [redacted]');
    expect(redactor.redact(JSON.stringify({ token: 'tok"en/with+chars' }))).toBe('{"token":"[redacted]"}');
    expect(redactor.redact(`?token=${encodeURIComponent('tok"en/with+chars')}`)).toBe('?token=[redacted]');
  });

  it('leaves text alone when it knows no secrets', () => {
    expect(new SecretRedactor().redact('nothing to hide')).toBe('nothing to hide');
  });
});
