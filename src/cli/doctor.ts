import { loadDotEnv } from './doctor/dot-env.js';
import { exitCodeOf, formatReport } from './doctor/format.js';
import { runChecks } from './doctor/run-checks.js';
import { secretsIn } from './doctor/secrets.js';

/**
 * `npm run doctor`: checks a setup before it goes live, with the environment and `.env` the
 * app reads. One line per check (ok / WARN / FAIL / skip, the fix after "fix:"); exit 0 when
 * nothing failed, 1 otherwise. No secret is printed: URLs lose their credentials, and the
 * report is scrubbed of every secret value in the environment.
 */
const env = process.env;
loadDotEnv(env);
const results = await runChecks(env);
const report = formatReport(results, secretsIn(env));
// Exit explicitly once written: a database or mail server that never answered may still hold
// a socket open, and the verdict is already known.
process.stdout.write(report, () => process.exit(exitCodeOf(results)));
