import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type Command, type CommandName } from '../../src/triage/command.js';
import { COMMAND_USAGE, UNKNOWN_COMMAND_USAGE, parseCommands } from '../../src/triage/parse-commands.js';

/** CWE-1 … CWE-20: the most ids one `/cwe` takes. */
function twentyCweIds(): string[] {
  return Array.from({ length: 20 }, (_, i) => `CWE-${i + 1}`);
}

/** The commands of every line that parsed, in order. */
function commandsOf(body: string): Command[] {
  return parseCommands(body).flatMap((item) => (item.ok ? [item.command] : []));
}

describe('parseCommands', () => {
  describe('well-formed commands', () => {
    it.each<[string, Command]>([
      ['/severity none', { name: 'severity', rating: { kind: 'level', level: 'none' } }],
      ['/severity low', { name: 'severity', rating: { kind: 'level', level: 'low' } }],
      ['/severity medium', { name: 'severity', rating: { kind: 'level', level: 'medium' } }],
      ['/severity high', { name: 'severity', rating: { kind: 'level', level: 'high' } }],
      ['/severity critical', { name: 'severity', rating: { kind: 'level', level: 'critical' } }],
      [
        '/severity CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        { name: 'severity', rating: { kind: 'vector', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } },
      ],
      ['/severity CVSS:not-checked-here', { name: 'severity', rating: { kind: 'vector', vector: 'CVSS:not-checked-here' } }],
      ['/scope in', { name: 'scope', verdict: { inScope: true } }],
      ['/scope out self-xss', { name: 'scope', verdict: { inScope: false, categoryId: 'self-xss' } }],
      ['/scope out dos-2', { name: 'scope', verdict: { inScope: false, categoryId: 'dos-2' } }],
      ['/duplicate #12', { name: 'duplicate', issueNumber: 12 }],
      ['/known GHSA-abcd-1234-efgh', { name: 'known', id: 'GHSA-abcd-1234-efgh' }],
      ['/known CVE-2024-3094', { name: 'known', id: 'CVE-2024-3094' }],
      ['/known internal_v1.2', { name: 'known', id: 'internal_v1.2' }],
      ['/needs-info Which version did you test?', { name: 'needs-info', question: 'Which version did you test?' }],
      ['/info-received', { name: 'info-received' }],
      ['/accept', { name: 'accept', repository: null }],
      ['/accept acme/web-app', { name: 'accept', repository: { owner: 'acme', repo: 'web-app' } }],
      ['/accept Acme-Corp/site.github.io', { name: 'accept', repository: { owner: 'Acme-Corp', repo: 'site.github.io' } }],
      ['/reject Works as intended.', { name: 'reject', reason: 'Works as intended.' }],
      ['/fix-by 2026-03-31', { name: 'fix-by', date: { year: 2026, month: 3, day: 31 } }],
      ['/fix-by 2028-02-29', { name: 'fix-by', date: { year: 2028, month: 2, day: 29 } }],
      ['/fix-by 2000-02-29', { name: 'fix-by', date: { year: 2000, month: 2, day: 29 } }],
      ['/resolved', { name: 'resolved' }],
      ['/advisory acme/web-app', { name: 'advisory', repository: { owner: 'acme', repo: 'web-app' } }],
      ['/advisory Acme-Corp/site.github.io', { name: 'advisory', repository: { owner: 'Acme-Corp', repo: 'site.github.io' } }],
      ['/cwe CWE-79', { name: 'cwe', ids: ['CWE-79'] }],
      ['/cwe cwe-79', { name: 'cwe', ids: ['CWE-79'] }],
      ['/cwe CWE-79 CWE-89', { name: 'cwe', ids: ['CWE-79', 'CWE-89'] }],
      ['/cwe CWE-79,CWE-89', { name: 'cwe', ids: ['CWE-79', 'CWE-89'] }],
      ['/cwe CWE-79, cwe-89  CWE-352', { name: 'cwe', ids: ['CWE-79', 'CWE-89', 'CWE-352'] }],
      ['/cwe CWE-79 cwe-79 CWE-89 CWE-79', { name: 'cwe', ids: ['CWE-79', 'CWE-89'] }],
      ['/cwe CWE-999999', { name: 'cwe', ids: ['CWE-999999'] }],
      [`/cwe ${twentyCweIds().join(' ')}`, { name: 'cwe', ids: twentyCweIds() }],
      ['/package npm lodash', { name: 'package', ecosystem: 'npm', packageName: 'lodash', vulnerableRange: null, patchedVersions: null }],
      [
        '/package npm @scope/pkg vulnerable < 4.17.21 patched 4.17.21',
        { name: 'package', ecosystem: 'npm', packageName: '@scope/pkg', vulnerableRange: '< 4.17.21', patchedVersions: '4.17.21' },
      ],
      [
        '/package pip django vulnerable >= 4.0, < 4.2.1',
        { name: 'package', ecosystem: 'pip', packageName: 'django', vulnerableRange: '>= 4.0, < 4.2.1', patchedVersions: null },
      ],
      [
        '/package maven org.apache.logging.log4j:log4j-core patched 2.17.1',
        { name: 'package', ecosystem: 'maven', packageName: 'org.apache.logging.log4j:log4j-core', vulnerableRange: null, patchedVersions: '2.17.1' },
      ],
      [
        '/package go golang.org/x/net vulnerable < 0.23.0 patched 0.23.0, 0.24.0',
        { name: 'package', ecosystem: 'go', packageName: 'golang.org/x/net', vulnerableRange: '< 0.23.0', patchedVersions: '0.23.0, 0.24.0' },
      ],
      ['/package swift Alamofire', { name: 'package', ecosystem: 'swift', packageName: 'Alamofire', vulnerableRange: null, patchedVersions: null }],
      ['/reward 500 EUR', { name: 'reward', amount: 500, currency: 'EUR', note: null }],
      ['/reward 500 eur', { name: 'reward', amount: 500, currency: 'EUR', note: null }],
      ['/reward 1500.5 usd', { name: 'reward', amount: 1500.5, currency: 'USD', note: null }],
      ['/reward 1500,50 EUR', { name: 'reward', amount: 1500.5, currency: 'EUR', note: null }],
      ['/reward 99.99 GBP', { name: 'reward', amount: 99.99, currency: 'GBP', note: null }],
      ['/reward 750 EUR Clear write-up, working proof of concept.', { name: 'reward', amount: 750, currency: 'EUR', note: 'Clear write-up, working proof of concept.' }],
    ])('parses %j', (body, command) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([{ ok: true, command }]);
    });

    it('trims whitespace around the arguments', () => {
      const body = '/reject   not a vulnerability   ';

      const parsed = parseCommands(body);

      expect(parsed).toEqual([{ ok: true, command: { name: 'reject', reason: 'not a vulnerability' } }]);
    });
  });

  describe('malformed arguments', () => {
    it.each<[string, CommandName]>([
      ['/severity', 'severity'],
      ['/severity severe', 'severity'],
      ['/severity High', 'severity'],
      ['/severity high critical', 'severity'],
      ['/severity CVSS:', 'severity'],
      ['/severity AV:N/AC:L', 'severity'],
      ['/scope', 'scope'],
      ['/scope maybe', 'scope'],
      ['/scope out', 'scope'],
      ['/scope out Self_XSS', 'scope'],
      ['/scope in please', 'scope'],
      ['/duplicate', 'duplicate'],
      ['/duplicate 12', 'duplicate'],
      ['/duplicate #0', 'duplicate'],
      ['/duplicate #-3', 'duplicate'],
      ['/duplicate #012', 'duplicate'],
      ['/duplicate #12 #13', 'duplicate'],
      ['/duplicate #99999999999999999999', 'duplicate'],
      ['/duplicate https://github.com/acme/web/issues/12', 'duplicate'],
      ['/known', 'known'],
      ['/known two ids', 'known'],
      ['/known CVE/2024', 'known'],
      ['/needs-info', 'needs-info'],
      ['/needs-info    ', 'needs-info'],
      ['/info-received thanks', 'info-received'],
      ['/accept acme', 'accept'],
      ['/accept acme/web extra', 'accept'],
      ['/accept -acme/web', 'accept'],
      ['/accept acme/..', 'accept'],
      ['/accept acme/web/issues', 'accept'],
      ['/reject', 'reject'],
      ['/fix-by', 'fix-by'],
      ['/fix-by 2026-02-30', 'fix-by'],
      ['/fix-by 2027-02-29', 'fix-by'],
      ['/fix-by 1900-02-29', 'fix-by'],
      ['/fix-by 2026-04-31', 'fix-by'],
      ['/fix-by 2026-13-01', 'fix-by'],
      ['/fix-by 2026-00-10', 'fix-by'],
      ['/fix-by 2026-01-00', 'fix-by'],
      ['/fix-by 0000-01-01', 'fix-by'],
      ['/fix-by 2026-3-1', 'fix-by'],
      ['/fix-by 31/03/2026', 'fix-by'],
      ['/fix-by next friday', 'fix-by'],
      ['/resolved in v1.2.3', 'resolved'],
      ['/advisory', 'advisory'],
      ['/advisory acme', 'advisory'],
      ['/advisory acme/web extra', 'advisory'],
      ['/advisory -acme/web', 'advisory'],
      ['/advisory acme/..', 'advisory'],
      ['/advisory https://github.com/acme/web', 'advisory'],
      ['/cwe', 'cwe'],
      ['/cwe 79', 'cwe'],
      ['/cwe CWE-', 'cwe'],
      ['/cwe CWE-0', 'cwe'],
      ['/cwe CWE-079', 'cwe'],
      ['/cwe CWE-1234567', 'cwe'],
      ['/cwe CWE-79x', 'cwe'],
      ['/cwe CWE-79; CWE-89', 'cwe'],
      ['/cwe CWE-79 XSS', 'cwe'],
      [`/cwe ${[...twentyCweIds(), 'CWE-21'].join(' ')}`, 'cwe'],
      ['/package', 'package'],
      ['/package npm', 'package'],
      ['/package NPM lodash', 'package'],
      ['/package cargo serde', 'package'],
      ['/package npm lodash extra', 'package'],
      ['/package npm lodash vulnerable', 'package'],
      ['/package npm lodash patched', 'package'],
      ['/package npm lod`ash', 'package'],
      ['/package npm <img>', 'package'],
      [`/package npm ${'a'.repeat(215)}`, 'package'],
      [`/package npm lodash vulnerable ${'<'.repeat(201)}`, 'package'],
      [`/package npm lodash patched ${'1'.repeat(201)}`, 'package'],
      ['/reward', 'reward'],
      ['/reward 500', 'reward'],
      ['/reward EUR 500', 'reward'],
      ['/reward 500EUR', 'reward'],
      ['/reward 500 EURO', 'reward'],
      ['/reward 500 E1R', 'reward'],
      ['/reward 500 €', 'reward'],
      ['/reward €500', 'reward'],
      ['/reward -500 EUR', 'reward'],
      ['/reward 5.123 EUR', 'reward'],
      ['/reward 1,500 EUR', 'reward'],
      ['/reward 1.500,00 EUR', 'reward'],
      ['/reward 1234567890 EUR', 'reward'],
      ['/reward lots EUR', 'reward'],
    ])('refuses %j with the usage of /%s', (body, name) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([{ ok: false, name, usage: COMMAND_USAGE[name], error: expect.any(String) }]);
    });

    it('names the fix-by format in its usage', () => {
      const body = '/fix-by 2026-02-30';

      const [item] = parseCommands(body);

      expect(item).toMatchObject({ ok: false, usage: 'usage: /fix-by YYYY-MM-DD' });
    });

    it('has a usage string for every command', () => {
      const usages = Object.entries(COMMAND_USAGE);

      expect(usages).toHaveLength(17);
      expect(usages.map(([name]) => name)).toEqual([...COMMAND_NAMES]);
      for (const [name, usage] of usages) expect(usage.startsWith(`usage: /${name}`)).toBe(true);
    });

    it.each<[CommandName, string]>([
      ['advisory', 'usage: /advisory owner/repo'],
      ['cwe', 'usage: /cwe CWE-79 [CWE-89 ...]'],
      ['package', 'usage: /package <ecosystem> <name> [vulnerable <range>] [patched <versions>]'],
      ['reward', 'usage: /reward <amount> <currency> [note]'],
    ])('shows the usage of the new command /%s as %j', (name, usage) => {
      const shown = COMMAND_USAGE[name];

      expect(shown).toBe(usage);
    });

    it.each([
      ['/cwe', 'expected one to twenty ids such as CWE-79'],
      ['/cwe CWE-79 XSS', '"XSS" is not a CWE id such as CWE-79'],
      [`/cwe CWE-79 ${'X'.repeat(60)}`, `"${'X'.repeat(40)}" is not a CWE id such as CWE-79`],
      ['/package npm', 'expected an ecosystem and a package name'],
      ['/package cargo serde', 'ecosystem must be one of rubygems, npm, pip, maven, nuget, composer, go, rust, erlang, actions, pub, other, swift'],
      ['/package npm lod`ash', 'expected a package name'],
      [`/package npm lodash vulnerable ${'<'.repeat(201)}`, 'version ranges are at most 200 characters'],
      ['/reward 500', 'expected an amount and a currency code, e.g. 500 EUR'],
      ['/advisory acme', 'expected owner/repo'],
    ])('says why %j was refused', (body, error) => {
      const [item] = parseCommands(body);

      expect(item).toMatchObject({ ok: false, error });
    });

    it('keeps at most 500 characters of a reward note', () => {
      const body = `/reward 500 EUR ${'n'.repeat(600)}`;

      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'reward', amount: 500, currency: 'EUR', note: 'n'.repeat(500) }]);
    });

    // The clauses come in the order "vulnerable … patched …", each once: otherwise a range
    // would swallow the other keyword and the advisory get e.g. patched "1.0 vulnerable < 1.0".
    it.each([
      ['clauses in the other order', '/package npm lodash patched 1.0 vulnerable < 1.0'],
      ['an empty vulnerable range', '/package npm lodash vulnerable patched 1.0'],
      ['a repeated clause', '/package npm lodash vulnerable < 1.0 vulnerable < 2.0'],
    ])('refuses a /package with %s rather than storing a keyword inside a range', (_case, body) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([{ ok: false, name: 'package', usage: COMMAND_USAGE.package, error: expect.any(String) }]);
    });
  });

  describe('what counts as a command line', () => {
    it.each(['/approve', '/wontfix now', '/fix-by-friday', '/re-open'])('reports %j as an unknown command', (body) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([
        { ok: false, name: body.slice(1).split(' ')[0], usage: UNKNOWN_COMMAND_USAGE, error: 'unknown command' },
      ]);
    });

    it('lists every command in the unknown-command usage', () => {
      const usage = UNKNOWN_COMMAND_USAGE;

      expect(usage).toBe(
        'usage: one of /severity, /scope, /duplicate, /known, /needs-info, /info-received, /accept, /reject, /fix-by, /resolved, /advisory, /cwe, /package, /reward, /reply, /verify-fix, /disclose-on',
      );
    });

    it.each([
      '/etc/passwd',
      '/api/v1',
      '/accept/',
      '/accept/acme',
      '/usr/bin/env node',
      '/Accept',
      '/ACCEPT',
      '/1',
      '/',
      '//accept',
      '/accept.',
      '/accept,please',
      'accept',
      '- /accept',
      '1. /accept',
      '| /accept |',
      '# /accept',
      'Please /accept this',
      '\\/accept',
    ])('does not treat %j as a command', (body) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([]);
    });

    it.each([
      [' /resolved', 1],
      ['  /resolved', 2],
      ['   /resolved', 3],
    ])('accepts %j with %i leading spaces', (body) => {
      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'resolved' }]);
    });

    it.each(['    /resolved', '\t/resolved', '  \t/resolved'])('treats %j as indented code', (body) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([]);
    });

    it('finds a command between prose lines', () => {
      const body = 'Thanks for the report, we reproduced it.\n/severity high\nWe will follow up soon.';

      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'severity', rating: { kind: 'level', level: 'high' } }]);
    });

    it('returns several commands and errors in the order they appear', () => {
      const body = [
        'Triage notes:',
        '/scope in',
        '/severity CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        '',
        '/fix-by 2026-02-30',
        '/accept acme/web',
        '/approve',
        '/fix-by 2026-06-01',
      ].join('\n');

      const parsed = parseCommands(body);

      expect(parsed.map((item) => (item.ok ? item.command.name : `!${item.name}`))).toEqual([
        'scope',
        'severity',
        '!fix-by',
        'accept',
        '!approve',
        'fix-by',
      ]);
    });

    it('handles CRLF line endings', () => {
      const body = 'Looks valid.\r\n/severity medium\r\n/reject not ours\r\n/resolved\r\n';

      const commands = commandsOf(body);

      expect(commands).toEqual([
        { name: 'severity', rating: { kind: 'level', level: 'medium' } },
        { name: 'reject', reason: 'not ours' },
        { name: 'resolved' },
      ]);
    });

    it('returns nothing for an empty comment', () => {
      const body = '';

      const parsed = parseCommands(body);

      expect(parsed).toEqual([]);
    });
  });

  describe('Markdown that hides commands', () => {
    it.each([
      ['a block quote', '> /accept'],
      ['a block quote without a space', '>/accept'],
      ['an indented block quote', '   > /accept'],
      ['a nested block quote', '> > /accept'],
      ['a deeply nested block quote', '>>> /reject spam'],
      ['a quote reply', '> @alice wrote:\n> /accept acme/web\n> /fix-by 2026-05-01\n\nI disagree.'],
      ['inline code', '`/accept`'],
      ['inline code with a command after it', '`x` /accept'],
      ['a backtick fence', '```\n/accept\n```'],
      ['a tilde fence', '~~~\n/accept\n~~~'],
      ['a fence with an info string', '```text\n/accept\n```'],
      ['an indented fence', '   ```\n/accept\n   ```'],
      ['a long backtick fence', '`````\n/accept\n```\n/resolved\n`````'],
      ['a long tilde fence', '~~~~\n/accept\n~~~\n/resolved\n~~~~'],
      ['a tilde fence that a backtick line does not close', '~~~\n/accept\n```\n/resolved\n~~~'],
      ['a backtick fence that a tilde line does not close', '```\n/accept\n~~~\n/resolved\n```'],
      ['an unclosed fence', 'Example:\n```\n/accept\n/resolved'],
      ['an indented code block', 'Example:\n\n    /accept\n    /resolved'],
      ['an indented code block with a blank line inside', '    /accept\n\n    /resolved'],
      ['a tab-indented code block', '\t/accept'],
      ['an HTML comment on one line', '<!-- /accept -->'],
      ['a multi-line HTML comment', '<!--\n/accept\n/resolved\n-->'],
      ['a line that closes an HTML comment', '<!--\nnote\n--> /accept'],
      ['a line that starts with an HTML comment', '<!-- hidden --> /accept'],
      ['an HTML comment opened after prose', 'draft <!--\n/accept\n-->'],
      ['an HTML comment reopened on its closing line', '<!--\n--> <!--\n/accept\n-->'],
      ['an unclosed HTML comment', '<!--\n/accept\n/resolved'],
    ])('ignores a command in %s', (_case, body) => {
      const parsed = parseCommands(body);

      expect(parsed).toEqual([]);
    });

    it.each([
      ['after a fenced block closes', '```\n/accept\n```\n/resolved'],
      ['after a long fence closes with a longer fence', '````\n/accept\n``````\n/resolved'],
      ['after a tilde fence closes', '~~~\n/accept\n~~~\n/resolved'],
      ['after a block quote and a blank line', '> /accept\n\n/resolved'],
      ['after a block quote without a blank line', '> quoted text\n/resolved'],
      ['after an HTML comment closes', '<!--\n/accept\n-->\n/resolved'],
      ['after a one-line HTML comment', '<!-- template hint -->\n/resolved'],
      ['after an indented code block', '    /accept\n/resolved'],
      ['after inline code on the line before', 'Run `/accept` to accept.\n/resolved'],
      ['after a backtick line that is not a fence', '``` a`b\n/resolved'],
      ['after an indented prose line', 'prose\n    /accept\n/resolved'],
    ])('still finds a command %s', (_case, body) => {
      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'resolved' }]);
    });

    it('reads a command up to an HTML comment on its own line', () => {
      const body = '/reject duplicate of a public issue <!-- internal: see #4 -->';

      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'reject', reason: 'duplicate of a public issue' }]);
    });

    it('does not treat an HTML comment inside a fence as a comment', () => {
      const body = '```html\n<!--\n```\n/resolved';

      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'resolved' }]);
    });

    it('does not close a fence on a line with text after the marker', () => {
      const body = '```\n``` not a close\n/accept\n```\n/resolved';

      const commands = commandsOf(body);

      expect(commands).toEqual([{ name: 'resolved' }]);
    });
  });
});
