import { z } from 'zod';
import { LANGUAGES } from '../i18n/catalogues.js';
import { Language } from '../report/report.js';
import { DEFAULT_OUT_OF_SCOPE } from './out-of-scope-defaults.js';
import { givesSomeLanguage, languageKeys, localisedText, NO_LANGUAGE_GIVEN } from './localised-text.js';
import { SlaConfig } from './sla-config.js';

/**
 * The schema of `.github/disclosure.yml` in an organisation's `.github` repository.
 * Every key is optional and defaulted; defaults follow the seed policies in
 * `shared/seeds/` (receipt in 1 business day, assessment in 5; the `sla` section is in
 * sla-config.ts).
 *
 * Every object is strict, at any depth (rule "strict at every edge"): a misspelt key such as
 * `sla.reciept_business_days` is a config error naming that key, not a silent default.
 */

export const TrackingConfig = z.strictObject({
  /** Private repository of the organisation where tracking issues are filed. */
  repository: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a repository name in this organisation')
    .default('security-reports'),
  /** Language of the tracking issue text staff read. */
  language: Language.default('en'),
});

/** An out-of-scope category: its id and its name in one or more of the app's languages. */
export const OutOfScopeCategory = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and dashes'),
    ...languageKeys(z.string().min(1).max(300)),
  })
  .refine(givesSomeLanguage, NO_LANGUAGE_GIVEN);

export const ScopeConfig = z.strictObject({
  /** Assets that are in scope. Empty lists mean "not configured": nothing is flagged. */
  in_scope: z
    .strictObject({
      domains: z.array(z.string().min(1).max(253)).default([]),
      ip_ranges: z.array(z.string().min(1).max(50)).default([]),
      repositories: z.array(z.string().min(1).max(140)).default([]),
    })
    .prefault({}),
  /** Categories that are not processed further. Defaults: seed 000's list. */
  out_of_scope: z.array(OutOfScopeCategory).default(() => DEFAULT_OUT_OF_SCOPE.map((c) => ({ ...c }))),
});

const Keyword = z.string().trim().min(2, 'at least 2 characters').max(100, 'at most 100 characters');

/**
 * A known issue or accepted risk (seed 000: "known issues are not processed further").
 * A report matches when every matcher given holds: the affected asset matches one of
 * `assets` (same patterns as in-scope assets), and the text contains one of `keywords`.
 */
export const KnownIssue = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be lower-case letters, digits and dashes'),
    /** What staff see in the candidate comment. */
    title: z.string().min(1).max(200),
    assets: z.array(z.string().min(1).max(253)).default([]),
    keywords: z.array(Keyword).default([]),
    /** Extra text for the researcher's notice, per language. */
    notice: localisedText(z.string().min(1).max(1000)).optional(),
  })
  .refine((k) => k.assets.length > 0 || k.keywords.length > 0, { message: 'needs assets or keywords to match on', path: ['assets'] });
export type KnownIssue = z.infer<typeof KnownIssue>;

export const TriageConfig = z.strictObject({
  /** Closed reports stay duplicate candidates for this many days. */
  duplicate_window_days: z.number().int('must be a whole number').min(0).max(3650).default(90),
});

const Money = z.number().nonnegative('must be 0 or more').max(10_000_000, 'must be 10000000 or less');
const RewardRange = z
  .strictObject({ min: Money, max: Money })
  .refine((r) => r.min <= r.max, { message: 'min must not be more than max', path: ['min'] });

/** Seed 003 rewards by severity and report quality; the range is a suggestion staff see on /accept. */
export const RewardsConfig = z.strictObject({
  /** ISO 4217 code of the ranges below. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code such as EUR').default('EUR'),
  /**
   * What the policy promises. `each_new_report` (seed 003): every report of a problem not yet
   * known is rewarded, the amount by severity and quality. `discretionary`: a reward may be
   * given; the text promises none.
   */
  offered: z.enum(['each_new_report', 'discretionary']).default('discretionary'),
  /** Suggested reward range per severity; unset severities get no suggestion. */
  by_severity: z
    .strictObject({ low: RewardRange.optional(), medium: RewardRange.optional(), high: RewardRange.optional(), critical: RewardRange.optional() })
    .default({}),
});

/** Where the public hall of fame is written, and what it shows. */
export const HallOfFameConfig = z.strictObject({
  /** Repository of the organisation that holds the file. */
  repository: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be a repository name in this organisation').default('.github'),
  path: z
    .string()
    .regex(/^[A-Za-z0-9_./-]{1,200}\.md$/, 'must be a Markdown file path such as HALL_OF_FAME.md')
    .refine((p) => !p.split('/').includes('..'), 'must not contain ..')
    .default('HALL_OF_FAME.md'),
  /** Show reward amounts in the public hall of fame (they are always in the private credit record). */
  show_rewards: z.boolean().default(false),
});

/** How a researcher is credited when they did not choose (the API without `credit`, an e-mail report). */
export const CreditConfig = z.strictObject({
  /**
   * `anonymous` (opt-in, seed 004: "als u dit wenst"): credit only when the researcher asks.
   * `name` (opt-out, seed 003: "unless you desire otherwise"): named as the discoverer unless
   * they decline. The form preselects it; the researcher's own choice always wins.
   */
  default: z.enum(['anonymous', 'name']).default('anonymous'),
});

/** How researchers reach the organisation besides the web form. */
export const ContactConfig = z
  .strictObject({
    /** An address for reports by e-mail (seed 003, 004): shown on the policy page and as a `mailto:` Contact in security.txt. */
    email: z.email('must be an e-mail address').max(254, 'must be 254 characters or less').optional(),
    /**
     * A phone number for trouble with reporting (seed 000: "If you encounter any issues,
     * contact us at: +31…"), in international form: on the policy page as a `tel:` link and
     * in security.txt as a `tel:` Contact (RFC 9116 §2.5.3).
     */
    phone: z
      .string()
      .regex(/^\+[0-9][0-9 ]{5,20}$/, 'must be a phone number in international form, such as +31 58 845 8000')
      .optional(),
  });

/** The sections of the public policy page, in page order (seed policies and the Dutch NCSC guideline). */
export const POLICY_SECTION_IDS = [
  'why',
  'how_to_report',
  'what_to_include',
  'rules',
  'out_of_scope',
  'known_issues',
  'what_to_expect',
  'confidentiality',
  'safe_harbour',
  'credit',
] as const;
export type PolicySectionId = (typeof POLICY_SECTION_IDS)[number];

/**
 * Plain text in one or more of the app's languages. Never markup: it is escaped on the page;
 * a blank line starts a new paragraph. A missing language falls back to one that is given.
 */
const PolicyText = z.string().trim().min(1, 'must not be empty').max(5000, 'must be 5000 characters or less');
const PolicyTexts = localisedText(PolicyText);

/** The policy page at `/orgs/{org}/policy`: the standard sections, reworded or extended. */
export const PolicyConfig = z
  .strictObject({
    /**
     * Replaces the standard wording of a section. What the page derives from this config
     * (links, the out-of-scope list, known issues, deadlines, reward ranges) stays under the
     * text, so the page never promises other than what the app enforces.
     */
    sections: z
      .strictObject({
        /** Why the organisation asks for reports. */
        why: PolicyTexts.optional(),
        /** How to report: the form, e-mail (`contact.email`), the OpenPGP key. */
        how_to_report: PolicyTexts.optional(),
        /** What a good report contains. */
        what_to_include: PolicyTexts.optional(),
        /** What researchers must not do. */
        rules: PolicyTexts.optional(),
        /** Intro to the `scope.out_of_scope` list. */
        out_of_scope: PolicyTexts.optional(),
        /** Intro to the `known_issues` list (known issues and accepted risks). */
        known_issues: PolicyTexts.optional(),
        /** What the organisation promises; the `sla` deadlines are listed under it. */
        what_to_expect: PolicyTexts.optional(),
        /** Confidentiality and privacy of the report and the researcher. */
        confidentiality: PolicyTexts.optional(),
        /** No legal action when the rules are followed. */
        safe_harbour: PolicyTexts.optional(),
        /** Credit, hall of fame and rewards (`rewards` ranges are listed under it). */
        credit: PolicyTexts.optional(),
      } satisfies Record<PolicySectionId, unknown>)
      .default({}),
    /** Sections of the organisation's own, shown after the standard ones, in this order. */
    extra: z
      .array(
        z
          .strictObject({
            title: localisedText(z.string().trim().min(1).max(200)),
            text: PolicyTexts,
          }),
      )
      .max(20, 'at most 20 extra sections')
      .default([]),
  });

export const DisclosureConfig = z
  .strictObject({
    /** Display name of the organisation on pages and messages. Defaults to the GitHub login. */
    name: z.string().min(1).max(100).optional(),
    tracking: TrackingConfig.prefault({}),
    /** Languages offered to researchers; the first is the default. */
    languages: z.array(Language).min(1, 'list at least one language').default(() => [...LANGUAGES]),
    sla: SlaConfig.prefault({}),
    /** The publication date agreed with the researcher (`/disclose-on`, seed 004 "in onderling overleg"). */
    disclosure: z
      .strictObject({
        /** A reminder is posted on the tracking issue this many days before the agreed date (0: none); a notice on the day itself always. */
        reminder_days_before: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(365, 'must be 365 or less').default(7),
      })
      .prefault({}),
    scope: ScopeConfig.prefault({}),
    known_issues: z
      .array(KnownIssue)
      .default([])
      .refine((list) => new Set(list.map((k) => k.id)).size === list.length, 'ids must be unique'),
    triage: TriageConfig.prefault({}),
    rewards: RewardsConfig.optional(),
    hall_of_fame: HallOfFameConfig.prefault({}),
    credit: CreditConfig.prefault({}),
    contact: ContactConfig.prefault({}),
    policy: PolicyConfig.prefault({}),
    /** What happens to researchers' personal data. */
    privacy: z
      .strictObject({
        /** Contact details are deleted this many days after a report is closed (final decisions; a resolved report waits for its advisory). */
        retention_days: z.number().int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be 3650 or less').default(90),
      })
      .prefault({}),
  });
export type DisclosureConfig = z.infer<typeof DisclosureConfig>;
