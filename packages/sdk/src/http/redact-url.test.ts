import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('blanks credential-like parameters and user:password, keeping the rest', () => {
    expect(redactUrl('https://ada:hunter2@api.flickr.com/services/rest/?method=flickr.contacts.getList&api_key=abc123&format=json')).toBe(
      'https://api.flickr.com/services/rest/?method=flickr.contacts.getList&api_key=[redacted]&format=json',
    );
    expect(redactUrl('https://x.example/cb?oauth_token=t0k3n&oauth_signature=s1g&page=2')).toBe(
      'https://x.example/cb?oauth_token=[redacted]&oauth_signature=[redacted]&page=2',
    );
  });

  it('blanks extra parameters and known secrets wherever they appear', () => {
    expect(redactUrl('https://a.example/p?blog_key=s3cr3t-value', [], ['blog_key'])).toBe('https://a.example/p?blog_key=[redacted]');
    expect(redactUrl('https://a.example/s3cr3t-value/x', ['s3cr3t-value'])).toBe('https://a.example/[redacted]/x');
  });

  it('finds a secret in its URL-encoded and JSON-escaped forms', () => {
    const secret = 'a/b+c "d"';
    expect(redactSecrets(`raw ${secret} url ${encodeURIComponent(secret)} json ${JSON.stringify(secret)}`, [secret])).toBe(
      'raw [redacted] url [redacted] json "[redacted]"',
    );
  });
});
