import { describe, expect, it } from 'vitest';
import { NotFoundError, RefusedError, TransientError } from '../../src/errors.js';
import { createGitHubHealth } from '../../src/jobs/github-health.js';

describe('what the outbox learnt about GitHub', () => {
  it('is unknown until a GitHub job ran, then follows what GitHub answered', () => {
    const health = createGitHubHealth();
    expect(health.condition()).toBe('unknown');

    health.record(new TransientError('create issue: server error (502)', 502));
    expect(health.condition()).toBe('unreachable');

    health.record(Object.assign(new Error('Bad credentials'), { status: 401 }));
    expect(health.condition()).toBe('auth-failed');

    health.record(new RefusedError('create issue: refused (401)', 401));
    expect(health.condition()).toBe('auth-failed');

    health.record(null);
    expect(health.condition()).toBe('ok');
  });

  it('learns nothing about GitHub as a whole from a refusal or a missing issue', () => {
    const health = createGitHubHealth();
    health.record(null);

    health.record(new NotFoundError('get issue: not found (404)'));
    health.record(new RefusedError('create advisory: forbidden (403)', 403));
    health.record(new Error('a bug'));

    expect(health.condition()).toBe('ok');
  });
});
