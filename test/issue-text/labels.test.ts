import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/report/report.js';
import { LABELS, channelLabel, isLabelName, labelSpec, severityLabel } from '../../src/issue-text/labels.js';
import { SEVERITIES } from '../../src/report/severity.js';

describe('the label catalogue', () => {
  it('has every status, channel, severity and flag label once', () => {
    const names = LABELS.map((label) => label.name);

    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'status:new', 'status:triaged', 'status:accepted', 'status:rejected', 'status:duplicate', 'status:known', 'status:resolved', 'status:published',
        ...Channel.options.map(channelLabel),
        ...SEVERITIES.map(severityLabel),
        'scope:unclear', 'sla:paused', 'sla:overdue', 'advisory:draft', 'fix:verified', 'fix:not-fixed',
      ]),
    );
    expect(names).toHaveLength(8 + Channel.options.length + SEVERITIES.length + 6);
  });

  it.each(LABELS.map((label) => [label.name, label] as const))('%s has a GitHub-valid colour and description', (_name, label) => {
    const { color, description } = label;

    expect(color).toMatch(/^[0-9a-f]{6}$/);
    expect(description.length).toBeGreaterThan(0);
    expect(description.length).toBeLessThanOrEqual(100);
  });

  it('looks a label up by name and refuses unknown names', () => {
    const spec = labelSpec('severity:critical');

    expect(spec).toEqual({ name: 'severity:critical', color: 'b60205', description: 'CVSS 9.0–10.0' });
    expect(isLabelName('status:new')).toBe(true);
    expect(isLabelName('status:old')).toBe(false);
    expect(() => labelSpec('status:old')).toThrow(RangeError);
  });
});
