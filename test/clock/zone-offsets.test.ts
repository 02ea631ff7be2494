import { describe, expect, it } from 'vitest';
import { wallClockMs } from '../../src/clock/zone-offsets.js';

/*
 * wallClockMs remembers each zone's offsets per UTC hour. Every answer, the first for an
 * hour (a miss) and every later one (a hit), must be what Intl says for that instant: the
 * oracle below asks Intl afresh each time, with nothing cached.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const oracleFormats = new Map<string, Intl.DateTimeFormat>();

/** Intl's wall clock at `instant` in `timeZone`, as ms since the epoch read as UTC: no cache of any kind. */
function intlWallClock(instant: number, timeZone: string): number {
  let format = oracleFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    oracleFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const wall = new Date(0);
  wall.setUTCFullYear(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1);
  wall.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, ((instant % 1000) + 1000) % 1000);
  return wall.getTime();
}

function intlOffset(instant: number, timeZone: string): number {
  return intlWallClock(instant, timeZone) - instant;
}

/** Every instant (to the second) at which the zone's offset changes between `fromYear` and `untilYear`, by Intl. */
function offsetChanges(timeZone: string, fromYear: number, untilYear: number): number[] {
  const changes: number[] = [];
  for (let day = Date.UTC(fromYear, 0, 1); day < Date.UTC(untilYear, 0, 1); day += DAY) {
    if (intlOffset(day, timeZone) === intlOffset(day + DAY, timeZone)) continue;
    let low = day;
    let high = day + DAY;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (intlOffset(middle, timeZone) === intlOffset(low, timeZone)) low = middle;
      else high = middle;
    }
    changes.push(high);
  }
  return changes;
}

/** Instants on both sides of a change, down to the millisecond, and through the hours around it. */
function around(change: number): number[] {
  const near = [-HOUR, -HOUR + 1, -1001, -1000, -999, -1, 0, 1, 999, 1000, 1001, 30 * 60_000, HOUR - 1, HOUR, HOUR + 1];
  const hours = Array.from({ length: 7 }, (_, i) => (i - 3) * HOUR + 17 * 60_000 + 123);
  return [...near, ...hours].map((delta) => change + delta);
}

// Half-hour and 45-minute offsets, half-hour DST (Lord Howe), changes at midnight (Santiago,
// São Paulo until 2019), changes around Ramadan (Casablanca), a skipped day (Apia, 2011).
const ZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'America/Sao_Paulo',
  'Africa/Casablanca',
  'Pacific/Apia',
  'America/St_Johns',
  'Asia/Kathmandu',
];

describe('wallClockMs', () => {
  it.each(ZONES)('is what Intl says on both sides of every offset change, first time and again (%s, 2010–2030)', (zone) => {
    const changes = offsetChanges(zone, 2010, 2030);
    const instants = changes.flatMap(around);

    const first = instants.map((instant) => wallClockMs(instant, zone));
    const again = instants.map((instant) => wallClockMs(instant, zone));

    const expected = instants.map((instant) => intlWallClock(instant, zone));
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
    if (zone !== 'Asia/Kathmandu') expect(changes.length).toBeGreaterThan(0);
  });

  it('is what Intl says at instants spread over two centuries, in every zone', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const from = Date.UTC(1900, 0, 1);
    const span = Date.UTC(2100, 0, 1) - from;
    const cases = Array.from({ length: 4000 }, (_, i) => ({ zone: ZONES[i % ZONES.length] ?? 'UTC', instant: from + Math.floor(random() * span) }));

    const answers = cases.map(({ zone, instant }) => [wallClockMs(instant, zone), wallClockMs(instant, zone)]);

    expect(answers).toEqual(cases.map(({ zone, instant }) => [intlWallClock(instant, zone), intlWallClock(instant, zone)]));
  });

  it('keeps one cache per zone: the same hour in another zone is read for that zone', () => {
    const instant = Date.UTC(2026, 2, 29, 1, 30);

    const amsterdam = wallClockMs(instant, 'Europe/Amsterdam');
    const london = wallClockMs(instant, 'Europe/London');
    const newYork = wallClockMs(instant, 'America/New_York');

    expect(amsterdam - instant).toBe(2 * HOUR);
    expect(london - instant).toBe(HOUR);
    expect(newYork - instant).toBe(-4 * HOUR);
  });

  it('reads instants outside the cached years from Intl', () => {
    const instants = [Date.UTC(800, 5, 1, 12), Date.UTC(9999, 5, 1, 12), -8.64e15];

    const walls = instants.map((instant) => wallClockMs(instant, 'Europe/Amsterdam'));

    expect(walls).toEqual(instants.map((instant) => intlWallClock(instant, 'Europe/Amsterdam')));
  });

  it('throws a RangeError for an invalid instant or zone, every time, and then still answers', () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(() => wallClockMs(Number.NaN, 'Europe/Amsterdam')).toThrow(RangeError);
      expect(() => wallClockMs(8.64e15 + 1, 'Europe/Amsterdam')).toThrow(RangeError);
      expect(() => wallClockMs(Date.UTC(2026, 0, 1), 'Mars/Olympus_Mons')).toThrow(RangeError);
    }

    expect(wallClockMs(Date.UTC(2026, 0, 1), 'Europe/Amsterdam')).toBe(Date.UTC(2026, 0, 1, 1));
  });
});
