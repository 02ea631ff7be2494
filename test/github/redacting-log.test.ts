import { describe, expect, it } from 'vitest';
import { redactStatusTokens } from '../../src/github/redacting-log.js';

describe('redactStatusTokens', () => {
  it('removes the status token from Probot request log lines', () => {
    const token = 'a'.repeat(20) + '-_' + 'B'.repeat(21);
    const line = `{"msg":"GET /status/${token} 200 - 3ms","req":{"url":"/status/${token}?lang=nl"}}`;

    const redacted = redactStatusTokens(line);

    expect(redacted).not.toContain(token);
    expect(redacted).toContain('GET /status/[redacted] 200');
    expect(redacted).toContain('"url":"/status/[redacted]?lang=nl"');
  });

  it('leaves other lines alone', () => {
    const line = '{"msg":"POST /api/v1/orgs/acme/reports 202 - 4ms"}';

    expect(redactStatusTokens(line)).toBe(line);
  });
});
