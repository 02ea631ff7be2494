import { it } from 'vitest';
import { parseCommands } from '/work/main/src/triage/parse-commands.js';
it('x', () => {
for (const b of ['/advisory acme/web','/advisory','/advisory acme','/advisory acme/web x','/cwe CWE-79','/cwe cwe-79, CWE-89 CWE-79','/cwe CWE-79,CWE-89','/cwe','/cwe CWE-0','/cwe CWE-079','/cwe 79','/cwe CWE-1234567','/cwe '+Array.from({length:21},(_, i)=>`CWE-${i+1}`).join(' '),
'/package npm lodash','/package npm @scope/pkg vulnerable < 4.17.21 patched 4.17.21','/package pip django vulnerable >= 4.0, < 4.2.1','/package maven org.apache:log4j patched 2.17.1','/package NPM lodash','/package cargo serde','/package npm','/package npm lodash extra','/package npm lodash vulnerable','/package npm lod`ash','/package npm lodash patched 1.0 vulnerable < 1.0',
'/reward 500 EUR','/reward 1500,50 eur Great report','/reward 99.9 usd','/reward 0 EUR','/reward 1,500 EUR','/reward 500','/reward EUR 500','/reward 500 EURO','/reward 500EUR','/reward 5.123 EUR','/reward -5 EUR','/reward 1234567890 EUR']) console.log(JSON.stringify(b), JSON.stringify(parseCommands(b)));
});
