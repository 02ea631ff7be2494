/*
 * A time zone's UTC offset at an instant, read from Intl and remembered per zone and UTC
 * hour. `Intl.DateTimeFormat#formatToParts` costs microseconds a call, and the SLA sweep
 * reads a wall clock for every notice it writes (the intake for every deadline it
 * computes), while a zone's offset changes a few times a year at most.
 */

const HOUR_MS = 3_600_000;
const SECOND_MS = 1000;
/** Hours remembered per zone before its cache starts over: about eleven years of hours, a few MB at most. */
const MAX_HOURS_PER_ZONE = 100_000;
/**
 * Instants outside these years are read from Intl every time: eras and proleptic calendars
 * make no hour there worth remembering, and nothing the desk computes lies there.
 */
const CACHED_FROM = Date.UTC(1000, 0, 1);
const CACHED_UNTIL = Date.UTC(9999, 0, 1);

/** The offsets of one UTC hour: `before` until `changeAt`, `after` from then on (Infinity: no change). */
interface HourOffsets {
  before: number;
  changeAt: number;
  after: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const hoursByZone = new Map<string, Map<number, HourOffsets>>();

/**
 * The wall clock in `timeZone` at `instant`, as milliseconds since the epoch read as if
 * it were UTC. Exactly what Intl reads, from a cache after the first call for an hour.
 * Throws RangeError for an invalid instant or zone.
 */
export function wallClockMs(instant: number, timeZone: string): number {
  // NaN fails both comparisons: Intl throws for it, as it does for an unknown zone.
  if (!(instant >= CACHED_FROM && instant < CACHED_UNTIL)) return formattedWallClockMs(instant, timeZone);
  const hour = Math.floor(instant / HOUR_MS);
  let hours = hoursByZone.get(timeZone);
  let offsets = hours?.get(hour);
  if (offsets === undefined) {
    offsets = hourOffsets(hour * HOUR_MS, timeZone);
    // Only a zone Intl accepted gets a cache: a bad zone name throws above and leaves nothing behind.
    if (hours === undefined) {
      hours = new Map();
      hoursByZone.set(timeZone, hours);
    }
    if (hours.size >= MAX_HOURS_PER_ZONE) hours.clear();
    hours.set(hour, offsets);
  }
  return instant + (instant < offsets.changeAt ? offsets.before : offsets.after);
}

/**
 * The offsets of the hour starting at `start`. Offsets change only at whole seconds, and
 * never twice within one hour (tzdb's closest changes are days apart), so equal offsets
 * at the first and the last second mean one offset for the whole hour; otherwise the
 * change is found by bisection over the hour's seconds.
 */
function hourOffsets(start: number, timeZone: string): HourOffsets {
  const before = offsetMs(start, timeZone);
  const last = start + HOUR_MS - SECOND_MS;
  const after = offsetMs(last, timeZone);
  if (after === before) return { before, changeAt: Number.POSITIVE_INFINITY, after };
  let low = start;
  let high = last;
  while (high - low > SECOND_MS) {
    const middle = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
    if (offsetMs(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return { before, changeAt: high, after };
}

function offsetMs(instant: number, timeZone: string): number {
  return formattedWallClockMs(instant, timeZone) - instant;
}

/** The wall clock read from Intl itself (seconds), with the instant's own milliseconds. */
function formattedWallClockMs(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const { type, value } of parts) {
    if (type === 'year') year = Number(value);
    else if (type === 'month') month = Number(value);
    else if (type === 'day') day = Number(value);
    else if (type === 'hour') hour = Number(value);
    else if (type === 'minute') minute = Number(value);
    else if (type === 'second') second = Number(value);
  }
  const millis = ((instant % SECOND_MS) + SECOND_MS) % SECOND_MS;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millis);
  return wall.getTime();
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}
