import { describe, expect, it } from 'vitest';
import { DEFAULT_FRONT_DOOR_LIMITS, frontDoorLimitsFromEnv, InvalidFrontDoorSettingError } from '../../src/server/front-door-limits.js';
import { routeTemplate } from '../../src/server/route-template.js';

describe('frontDoorLimitsFromEnv', () => {
  it('keeps the 32 MiB default when MAX_INFLIGHT_BYTES is unset', () => {
    expect(frontDoorLimitsFromEnv({})).toEqual({});
    expect(DEFAULT_FRONT_DOOR_LIMITS.maxInflightBytes).toBe(32 * 1024 * 1024);
  });

  it('reads MAX_INFLIGHT_BYTES in bytes', () => {
    expect(frontDoorLimitsFromEnv({ MAX_INFLIGHT_BYTES: '134217728' })).toEqual({ maxInflightBytes: 134217728 });
  });

  it.each(['64MiB', '-1', '1000', ''.padEnd(3, 'x')])('refuses MAX_INFLIGHT_BYTES=%s at startup', (value) => {
    expect(() => frontDoorLimitsFromEnv({ MAX_INFLIGHT_BYTES: value })).toThrow(InvalidFrontDoorSettingError);
  });
});

describe('routeTemplate', () => {
  it.each([
    ['/status/SECRET-token_x?lang=nl', '/status/:param'],
    ['/status/SECRET/data.json', '/status/:param/data.json'],
    ['/api/v1/orgs/acme/reports', '/api/v1/orgs/:param/reports'],
    ['/api/github/webhooks?x=1', '/api/github/webhooks'],
    ['/assets/style.css', '/assets/style.css'],
    ['/status/SECRET/receipt.asc', '/status/:param/receipt.asc'],
    ['/staff/orgs/acme/reports/DD-0123456789AB/attachments/2', '/staff/orgs/:param/reports/:param/attachments/…'],
    ['/staff/callback?code=SECRET&state=SECRET', '/staff/callback'],
    ['/a/b/c/d/e/f/g/h', '/:param/:param/:param/:param/:param/:param/…'],
    ['*', ':invalid'],
  ])('logs %s as %s', (url, template) => {
    expect(routeTemplate(url, '/api/github/webhooks')).toBe(template);
  });
});
