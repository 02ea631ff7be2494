import { pino } from 'pino';
import { checkCredentials } from './credentials.js';
import { checkGitHubApp } from './github-app.js';
import { checkImap, checkSmtp } from './mail.js';
import { checkOrganisations } from './org-setup.js';
import { describeError, fail, skip, type CheckResult } from './result.js';
import { checkSettings } from './settings.js';
import { checkDataKey, checkStore } from './store.js';
import { checkPublicUrl, checkStaffSignIn, checkWebhookRoute } from './web.js';

/**
 * Every check, in the README's order. The groups that wait on the network (GitHub, the
 * store, mail) run side by side, so the slowest bounds the run, not their sum.
 */
export async function runChecks(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  // Probot's own log lines would interleave with the report; the report says what matters.
  const log = pino({ level: 'silent' });
  const credentials = checkCredentials(env, log);
  const [github, store, smtp, imap] = await Promise.all([
    guarded('GitHub', async () => {
      const app = await checkGitHubApp(credentials.probot, env);
      if (credentials.probot === null || app.installations === null) {
        return [...app.results, skip('organisations', credentials.probot === null ? 'needs the credentials above' : 'needs the GitHub checks above')];
      }
      return [...app.results, ...(await checkOrganisations(credentials.probot, app.installations))];
    }),
    guarded('store', async () => [await checkStore(env)]),
    guarded('smtp', async () => [await checkSmtp(env)]),
    guarded('imap', async () => [await checkImap(env)]),
  ]);
  return [credentials.result, ...github, ...store, checkDataKey(env), ...smtp, ...imap, checkPublicUrl(env), checkWebhookRoute(env), checkStaffSignIn(env), ...checkSettings(env)];
}

/** A check group that throws unexpectedly is one failed line, not a crashed doctor. */
async function guarded(check: string, run: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await run();
  } catch (error) {
    return [fail(check, `the check itself failed: ${describeError(error)}`, 'run the doctor again; if it persists, report it with this line')];
  }
}
