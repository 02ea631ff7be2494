import { describe, expect, it } from 'vitest';
import type { StatusStory, StatusView } from '../../src/flows/intake/intake-ports.js';
import { storySteps } from '../../src/web/pages/status-story.js';
import { translator } from '../../src/web/pages/strings.js';
import { statusView } from './helpers/fake-intake.js';

const STORY: StatusStory = {
  acknowledgedAt: new Date('2026-03-03T08:05:00Z'),
  triageStartedAt: new Date('2026-03-04T09:00:00Z'),
  questions: [],
  acceptedAt: new Date('2026-03-05T10:00:00Z'),
  fixPlanned: { date: '2026-04-01', at: new Date('2026-03-05T10:00:00Z') },
  fixedAt: null,
  published: null,
  advisoryPending: false,
  closed: null,
};

function accepted(story: Partial<StatusStory>): StatusView {
  return statusView({ state: 'filed', triage: { stage: 'accepted', paused: false, fixBy: '2026-04-01' }, story: { ...STORY, ...story }, deadlines: [] });
}

describe('the agreed publication date on the status page', () => {
  it.each([
    ['en', 'Publication agreed with you for 15 April 2026'],
    ['nl', 'Publicatie met u afgesproken op 15 april 2026'],
  ] as const)('is a step of the story with its date for people (%s), never the current step', (language, title) => {
    const view = accepted({ disclosureAgreed: { date: '2026-04-15', at: new Date('2026-03-06T10:00:00Z') } });

    const steps = storySteps(translator(language), language, view);

    const step = steps.find((s) => s.key === 'disclosure');
    expect(step).toEqual({ key: 'disclosure', state: 'done', title, at: new Date('2026-03-06T10:00:00Z'), detail: null });
    expect(steps.find((s) => s.state === 'current')?.key).toBe('fix-planned');
  });

  it('shows no such step when no date was agreed', () => {
    const steps = storySteps(translator('en'), 'en', accepted({ disclosureAgreed: null }));

    expect(steps.map((s) => s.key)).not.toContain('disclosure');
  });
});
