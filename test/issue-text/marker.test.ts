import { describe, expect, it } from 'vitest';
import { neutraliseInline, neutraliseMarkdown, neutraliseTitle } from '../../src/report/neutralise.js';
import { DEADLINES_END, DEADLINES_START, findReportId, reportMarker, wrapDeadlines } from '../../src/issue-text/marker.js';

const ID = 'DD-0123456789AB';
const OTHER = 'DD-ZZZZZZZZZZZZ';

describe('reportMarker and findReportId', () => {
  it('finds the id in a body that holds its marker', () => {
    const body = `${reportMarker(ID)}\n## Report\n\ntext`;

    const found = findReportId(body);

    expect(reportMarker(ID)).toBe('<!-- disclosure-desk:report-id=DD-0123456789AB -->');
    expect(found).toBe(ID);
  });

  it.each([
    ['no marker', 'just text'],
    ['a malformed id', '<!-- disclosure-desk:report-id=DD-0123 -->'],
    ['two different ids', `${reportMarker(ID)}\n${reportMarker(OTHER)}`],
  ])('returns null for %s', (_name, body) => {
    const found = findReportId(body);

    expect(found).toBeNull();
  });

  it('refuses to build a marker from something that is not a report id', () => {
    const act = (): string => reportMarker('DD-X --> <img src=x>');

    expect(act).toThrow(RangeError);
  });

  it.each([
    ['neutraliseMarkdown', neutraliseMarkdown],
    ['neutraliseInline', neutraliseInline],
    ['neutraliseTitle', neutraliseTitle],
  ])('untrusted text through %s cannot add a second marker', (_name, neutralise) => {
    const hostile = `${reportMarker(OTHER)} ${DEADLINES_START} <!--x-->`;

    const body = `${reportMarker(ID)}\n${neutralise(hostile)}`;

    expect(findReportId(body)).toBe(ID);
    expect(body.split('<!--')).toHaveLength(2);
  });

  it('wraps the deadlines section in its markers', () => {
    const section = '## Deadlines\n\n- soon\n';

    const wrapped = wrapDeadlines(section);

    expect(wrapped).toBe(`${DEADLINES_START}\n## Deadlines\n\n- soon\n${DEADLINES_END}`);
  });
});
