import { CONFIG_FILE, defaultConfig, describeProblems, parseConfig } from '../../config/parse-config.js';
import { NotFoundError } from '../../errors.js';
import { createGitHubPort } from '../../github/github-port.js';
import { toDomainError } from '../../github/errors.js';
import type { DoctorProbot } from './credentials.js';
import { requestOptions, type Installation } from './github-app.js';
import { describeError, fail, ok, skip, warn, type CheckResult } from './result.js';

/**
 * Check 4, for each installation: the organisation's config loads and parses as the app
 * loads it (Probot's config plugin, `_extends` and all), and its tracking repository exists
 * and is private. Suspended installations get no token, so they were reported already.
 */
export async function checkOrganisations(probot: DoctorProbot, installations: readonly Installation[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const installation of installations.filter((item) => !item.suspended)) {
    results.push(...(await checkOrganisation(probot, installation)));
  }
  return results;
}

async function checkOrganisation(probot: DoctorProbot, { id, org }: Installation): Promise<CheckResult[]> {
  const configCheck = `config (${org})`;
  const where = `${org}/.github: ${CONFIG_FILE}`;
  let raw: unknown;
  try {
    raw = await createGitHubPort(probot, () => new Date()).loadRawConfig(id, org);
  } catch (error) {
    return [
      fail(configCheck, `${where} could not be read: ${describeError(error)}`, `fix the file in ${org}/.github so it is valid YAML, and give the app read access to the .github repository`),
      skip(`tracking repository (${org})`, 'needs a readable config'),
    ];
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) {
    const keys = [...new Set(parsed.problems.map((problem) => problem.key))].join(', ');
    return [
      fail(configCheck, `${org}/.github: ${describeProblems(parsed)}`, `correct ${keys} in ${CONFIG_FILE} of ${org}/.github (the README's "Configuration" lists every key)`),
      skip(`tracking repository (${org})`, 'needs a valid config'),
    ];
  }
  const first =
    raw === null
      ? warn(configCheck, `no ${CONFIG_FILE} in ${org}/.github: every setting is the default`, `add ${CONFIG_FILE} to ${org}/.github to set your SLA, scope and tracking repository (an empty file says "defaults" on purpose)`)
      : ok(configCheck, `${where} is valid`);
  const repository = parsed.config.tracking.repository;
  return [first, await checkTrackingRepo(probot, id, org, repository, repository === defaultConfig().tracking.repository)];
}

async function checkTrackingRepo(probot: DoctorProbot, installationId: number, org: string, repo: string, isDefault: boolean): Promise<CheckResult> {
  const check = `tracking repository (${org})`;
  const name = `${org}/${repo}`;
  const elsewhere = `, or set tracking.repository in ${CONFIG_FILE} of ${org}/.github to a private repository`;
  try {
    const octokit = await probot.auth(installationId);
    const { data } = await octokit.rest.repos.get({ owner: org, repo, request: requestOptions() });
    if (!data.private) {
      return fail(check, `${name} is public: tracking issues carry the full report, visible to anyone`, `make ${name} private (its Settings → General → Danger Zone → Change visibility)${elsewhere}`);
    }
    if (data.archived) return fail(check, `${name} is archived: no issue can be filed there`, `unarchive ${name}${elsewhere}`);
    return ok(check, `${name} exists and is private${isDefault ? ' (the default name)' : ''}`);
  } catch (error) {
    const domain = toDomainError(error, new Date(), `GET /repos/${name}`);
    if (domain instanceof NotFoundError) {
      return fail(check, `${name} does not exist, or the app cannot see it`, `create ${name} as a private repository and make sure the app's installation in ${org} includes it${elsewhere}`);
    }
    return fail(check, `${name} could not be checked: ${describeError(domain)}`, 'run the doctor again; if it persists, check the installation\'s permissions (Contents and Issues)');
  }
}
