/** The standard wording of a policy section: paragraphs, then a list, then closing paragraphs. Plain text. */
export interface Prose {
  paragraphs: readonly string[];
  items?: readonly string[];
  after?: readonly string[];
}

/** A section's wording; the organisation's name is there for the sections that mention it. */
export type ProseFor = (org: string) => Prose;

/** Types the sections of a policy as one function type each, keyed by section. */
export function proseSections<K extends string>(sections: Record<K, ProseFor>): Readonly<Record<K, ProseFor>> {
  return sections;
}

/** The parameters of a command's confirmation: enums, ids, dates and scores the parsers validated. */
export type CommandParams = Readonly<Record<string, string>>;
