/**
 * Ports: what the domain needs from GitHub. `src/github/` implements them;
 * tests implement them with fakes.
 */
import { RefusedError } from '../errors.js';
import type { PinPort } from './issue-pins.js';

export interface RepositoryInfo {
  private: boolean;
  archived: boolean;
}

export interface IssueRef {
  number: number;
  url: string;
  labels: string[];
}

export interface LabelSpec {
  name: string;
  /** Six hex digits, no '#'. */
  color: string;
  description: string;
}

/** An issue as the app needs to see it when it edits one. */
export interface IssueState {
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

/** Why an issue was closed, as GitHub's API spells it. */
export type CloseReason = 'completed' | 'not_planned' | 'duplicate';

/** What to change on an issue; omitted fields stay as they are. */
export interface IssueUpdate {
  body?: string;
  /** The issue's whole label set: replaces the labels it carries. */
  labels?: string[];
  state?: 'open' | 'closed';
  /** Only sent when `state` is 'closed'. */
  stateReason?: CloseReason;
}

/** A user's permission on a repository, highest first; 'none' when they have no access. */
export type RepoPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
/** A user's role in an organisation: an active owner ('admin'), another member, or none. */
export type OrgRole = 'admin' | 'member' | 'none';

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

/** The tracking repository's side of GitHub, for one installation. */
export interface IssuePort {
  /** null when the repository does not exist or the installation cannot see it. */
  getRepository(owner: string, repo: string): Promise<RepositoryInfo | null>;
  listLabels(owner: string, repo: string): Promise<string[]>;
  /** Creating a label that already exists is not an error. */
  createLabel(owner: string, repo: string, label: LabelSpec): Promise<void>;
  createIssue(owner: string, repo: string, issue: NewIssue): Promise<IssueRef>;
  /** Finds an issue created since `since` whose body contains `marker`. */
  findIssueByMarker(owner: string, repo: string, marker: string, since: Date): Promise<IssueRef | null>;
  addLabels(owner: string, repo: string, issueNumber: number, labels: string[]): Promise<void>;
  createComment(owner: string, repo: string, issueNumber: number, body: string): Promise<void>;
  /** null when the issue does not exist. */
  getIssue(owner: string, repo: string, issueNumber: number): Promise<IssueState | null>;
  updateIssue(owner: string, repo: string, issueNumber: number, update: IssueUpdate): Promise<void>;
  /** Removing a label the issue does not carry is not an error. */
  removeLabel(owner: string, repo: string, issueNumber: number, label: string): Promise<void>;
  /**
   * The user's effective permission on the repository (GitHub's collaborator permission
   * endpoint, which folds in org and team grants). 'none' for a user without access.
   */
  permissionOf(owner: string, repo: string, login: string): Promise<RepoPermission>;
  /**
   * The user's role in the organisation (GitHub's membership endpoint, with the app's
   * `members: read`): 'admin' for an active owner, 'member' for anyone else in it, 'none'
   * otherwise. Optional: without it nobody counts as an owner (organisation settings page).
   */
  orgRoleOf?(org: string, login: string): Promise<OrgRole>;
  /** Bodies of an issue's comments, oldest first. */
  listCommentBodies(owner: string, repo: string, issueNumber: number): Promise<string[]>;
  /**
   * Commits a file (attachments go to the private tracking repository). Idempotent: a
   * file already at `path` is kept and its URL returned.
   */
  putFile(owner: string, repo: string, file: { path: string; contentBase64: string; message: string }): Promise<{ url: string }>;
}

/** Package ecosystems GitHub's advisory API knows. */
export type AdvisoryEcosystem = 'rubygems' | 'npm' | 'pip' | 'maven' | 'nuget' | 'composer' | 'go' | 'rust' | 'erlang' | 'actions' | 'pub' | 'other' | 'swift';

/** Credit types GitHub's advisory API knows. */
export type AdvisoryCreditType =
  | 'finder'
  | 'reporter'
  | 'analyst'
  | 'coordinator'
  | 'remediation_developer'
  | 'remediation_reviewer'
  | 'remediation_verifier'
  | 'tool'
  | 'sponsor'
  | 'other';

export interface AdvisoryVulnerability {
  ecosystem: AdvisoryEcosystem;
  /** Package name; null when staff gave none. */
  name: string | null;
  vulnerableRange: string | null;
  patchedVersions: string | null;
}

/** A draft repository security advisory to create. */
export interface NewAdvisory {
  summary: string;
  description: string;
  vulnerabilities: AdvisoryVulnerability[];
  /** A CVSS vector (3.1 or 4.0); when absent, `severity` may be sent instead (never both). */
  cvssVector: string | null;
  severity: AdvisorySeverity | null;
  cweIds: string[];
  credits: Array<{ login: string; type: AdvisoryCreditType }>;
}

/** The severities GitHub's advisory API takes (`none` is not one of them). */
export type AdvisorySeverity = 'low' | 'medium' | 'high' | 'critical';

/** What may change on an existing advisory. */
export interface AdvisoryUpdate {
  collaboratingUsers?: string[];
  cweIds?: string[];
  credits?: Array<{ login: string; type: AdvisoryCreditType }>;
  vulnerabilities?: AdvisoryVulnerability[];
  /** A CVSS vector GitHub scores the advisory by; null clears it (so that a severity may be set). */
  cvssVector?: string | null;
  /** Only without a vector in the same update; GitHub refuses both at once. */
  severity?: AdvisorySeverity | null;
}

/**
 * GitHub refused the CVSS vector of an advisory create or update (a 422 whose answer names
 * the vector, e.g. a CVSS version it does not take); the same request with a severity
 * instead may be sent. Nothing was written.
 */
export class CvssVectorRefusedError extends RefusedError {
  constructor(message: string, options?: { cause?: unknown; detail?: string }) {
    super(message, 422, options);
  }
}

export interface AdvisoryRef {
  ghsaId: string;
  /** The advisory's page on GitHub. */
  url: string;
}

/** Repository security advisories, for one installation. */
export interface AdvisoryPort {
  createAdvisory(owner: string, repo: string, advisory: NewAdvisory): Promise<AdvisoryRef>;
  updateAdvisory(owner: string, repo: string, ghsaId: string, update: AdvisoryUpdate): Promise<void>;
  /** A draft advisory of the repository whose description contains `marker` (after a crash), or null. */
  findAdvisoryByMarker(owner: string, repo: string, marker: string): Promise<AdvisoryRef | null>;
}

/** A text file in a repository, with the blob sha needed to update it. */
export interface RepoFile {
  text: string;
  sha: string;
}

/** Text files in a repository (the hall of fame). */
export interface FilePort {
  /** null when the file (or the repository) does not exist. At `ref` (a commit sha or branch) when given, else the default branch. */
  readFile(owner: string, repo: string, path: string, ref?: string): Promise<RepoFile | null>;
  /**
   * Creates (`sha` null) or replaces (`sha` of the version read) a file. Throws
   * ConflictError when the file changed since it was read, so the caller reads again.
   */
  writeFile(owner: string, repo: string, file: { path: string; text: string; message: string; sha: string | null }): Promise<void>;
}

/** A finished check run: what the organisation sees on a commit and its pull request. */
export interface CheckRunResult {
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** Markdown. */
  summary: string;
  /** Lines of one file the result points at (GitHub shows them in the diff). */
  annotations: Array<{ path: string; line: number; message: string }>;
}

/** Check runs on commits, for one installation (needs the `checks: write` permission). */
export interface CheckPort {
  /** The id of our check run called `name` on `sha`, or null: so a retry updates instead of adding a second one. */
  findCheckRun(owner: string, repo: string, sha: string, name: string): Promise<number | null>;
  /** Throws RefusedError when the installation may not write checks. */
  createCheckRun(owner: string, repo: string, run: { sha: string; name: string; result: CheckRunResult }): Promise<void>;
  updateCheckRun(owner: string, repo: string, id: number, result: CheckRunResult): Promise<void>;
}

/** How GitHub answered the desk's last GitHub work: `unknown` until there was some. */
export type GitHubCondition = 'ok' | 'unreachable' | 'auth-failed' | 'unknown';
export const GITHUB_CONDITIONS: readonly GitHubCondition[] = ['ok', 'unreachable', 'auth-failed', 'unknown'];

/** Where the app is installed, and each organisation's raw config. */
export interface GitHubPort {
  /** Installation id for an organisation, or null when the app is not installed there. */
  installationFor(org: string): Promise<number | null>;
  /** Forget a cached installation (installation events). */
  forgetInstallation(org: string): void;
  /**
   * Reads `.github/disclosure.yml` from the org's `.github` repository, `_extends`
   * resolved. null when there is no file. Throws ConfigSyntaxError on bad YAML.
   */
  loadRawConfig(installationId: number, org: string): Promise<unknown>;
  issues(installationId: number): Promise<IssuePort>;
  advisories(installationId: number): Promise<AdvisoryPort>;
  repoFiles(installationId: number): Promise<FilePort>;
  checks(installationId: number): Promise<CheckPort>;
  /** Pinning issues (GraphQL): the SLA dashboard. */
  pins(installationId: number): Promise<PinPort>;
}

/** The YAML itself could not be parsed. */
export class ConfigSyntaxError extends Error {
  override name = 'ConfigSyntaxError' as const;
  constructor(message: string, readonly file: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
