import type { CheckPort, CheckRunResult } from '../ports/github.js';
import { domainCalls } from './errors.js';
import { type Octokit, timeout } from './octokit.js';

/** GitHub allows at most 50 annotations per request. */
const MAX_ANNOTATIONS = 50;

/** The CheckPort over one installation's Octokit. Domain errors only leave this file. */
export function createCheckRuns(octokit: Octokit, now: () => Date): CheckPort {
  const call = domainCalls(now);

  return {
    async findCheckRun(owner, repo, sha, name) {
      const { data } = await call('list check runs', () =>
        octokit.rest.checks.listForRef({ owner, repo, ref: sha, check_name: name, filter: 'latest', per_page: 100, request: timeout() }),
      );
      return data.check_runs.find((run) => run.name === name)?.id ?? null;
    },

    async createCheckRun(owner, repo, run) {
      await call('create check run', () =>
        octokit.rest.checks.create({ owner, repo, name: run.name, head_sha: run.sha, status: 'completed', ...completed(run.result), request: timeout() }),
      );
    },

    async updateCheckRun(owner, repo, id, result) {
      await call('update check run', () => octokit.rest.checks.update({ owner, repo, check_run_id: id, status: 'completed', ...completed(result), request: timeout() }));
    },
  };
}

function completed(result: CheckRunResult) {
  return {
    conclusion: result.conclusion,
    output: {
      title: result.title,
      summary: result.summary,
      annotations: result.annotations.slice(0, MAX_ANNOTATIONS).map((note) => ({
        path: note.path,
        start_line: note.line,
        end_line: note.line,
        annotation_level: 'failure' as const,
        message: note.message,
      })),
    },
  };
}
