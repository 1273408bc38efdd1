/**
 * The shape of a protocol template: a council's adopted Protocol on Member/Officer
 * Relations as numbered clauses, with the terminology and settings that the rules read.
 *
 * A template is data, not code: the policy rules live in `src/policy/rules.ts` and a
 * clause gives a rule force in a council by naming the rule's id in `rules`.
 */

/** What Concord does with a clause (see the clause matrix in the docs). */
export type ClauseKind = 'enforced' | 'routed' | 'recorded' | 'guidance';

/**
 * Ids of the policy rules a clause can give force to. Each id is one row of the rule
 * table in `src/policy/rules.ts`; some rows are applied by capabilities that are still
 * being built, and the protocol page says so.
 */
export const RULE_IDS = [
  /** No individual councillor (chair, mayor and group leader included) instructs an employee. */
  'no-individual-instruction',
  /** Councillors take no part in the day-to-day running of the council's business. */
  'no-day-to-day-running',
  /** Staff are managed by the Clerk; no councillor is anyone's line manager. */
  'clerk-manages-staff',
  /** Every councillor has the same rights to information and officers' help, whatever office or party. */
  'equal-rights',
  /** A councillor acts only during their term of office; when it ends, access ends. */
  'term-of-office',
  /** Officers act on decisions of the Council or its committees, made within their terms of reference. */
  'decisions-are-instructions',
  /** An officer's advice and recommendation are the officer's own; councillors record their views beside it. */
  'officer-advice-own',
  /** Councillors may inspect council documents they need for their duties. */
  'document-inspection',
  /** ...but not documents about a matter in which they have a pecuniary interest. */
  'pecuniary-interest-documents',
  /** Confidential / not-for-publication papers are for the named recipient alone. */
  'confidential-papers',
  /** Political groups cannot require officers to attend, brief or report; an officer may refuse. */
  'groups-cannot-require',
  /** A report to a political group states facts and options, with no recommendation or political appraisal. */
  'group-reports-neutral',
  /** When one group receives a report or advice, every other group is told. */
  'group-reports-all-told',
  /** Council business goes through official channels, in office hours unless urgent. */
  'official-channels',
  /** Agenda items and their papers reach the Clerk by the council's notice period. */
  'agenda-notice',
  /** Concerns about a councillor or an officer go to the person the protocol names. */
  'concerns-routing',
  /** Formal grievance and disciplinary matters are decided by the committee with delegated powers, never by the chair alone. */
  'personnel-committee-decides',
  /** Councillors and officers acknowledge the codes of conduct and the principles of public life. */
  'code-of-conduct',
  /** Training records are kept for councillors and officers. */
  'training-records',
  /** Equipment and supplies are for the council role only. */
  'equipment-for-council-use',
  /** Only members of a selection panel take part in a staff appointment. */
  'selection-panel',
  /** Officers declare interests relating to their work to the Clerk. */
  'officer-interests',
  /** Officers raise their own employment matters through agreed procedures, not by lobbying councillors. */
  'officer-employment-procedures',
  /** The Clerk may seek independent advice (county association, SLCC, Monitoring Officer). */
  'independent-advice',
  /** Councillors are told what they need to know, promptly. */
  'information-to-councillors',
  /** Councillors' enquiries are answered on time. */
  'timely-responses',
  /** A member declares an interest in an item at a meeting of their body, and a dispensation is theirs to ask for (Localism Act 2011 ss.31, 33). */
  'declarations-at-meetings',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One clause, in the council's numbering and in Concord's own words. */
export interface ClauseTemplate {
  /** The council's own number, e.g. "2.3" or "2.3.5a"; unnumbered protocols get "P1", "P2"... */
  number: string;
  /** A short heading, e.g. "Councillors acting alone". */
  heading: string;
  /**
   * The clause as the council states it, written for Concord (not copied from the source):
   * one to four plain sentences that keep the source's facts (who, what, which body).
   */
  text: string;
  /** One line used in refusals: "Refused under clause 2.3 of ...: <summary>". */
  summary: string;
  kind: ClauseKind;
  /** The rules this clause gives force to in this council (empty for pure guidance). */
  rules: readonly RuleId[];
  /**
   * Whom the clause speaks to, where it names particular people ("chairs and vice-chairs of
   * committees"); absent for a clause about everyone. A refusal cites first the clause that
   * addresses the person refused.
   */
  addresses?: readonly Addressee[];
}

/**
 * People a clause may address: any councillor, the chair of a committee, a political group's
 * leader, a group's member, an officer.
 */
export const ADDRESSEES = ['councillor', 'chair', 'leader', 'group', 'officer'] as const;
export type Addressee = (typeof ADDRESSEES)[number];

export type Nation = 'england' | 'wales';
export type CouncilKind = 'town' | 'parish' | 'community';

/** Words a council uses for its offices. Pages and refusals use these, never hard-coded titles. */
export interface Terminology {
  /** Head of staff and proper officer: "Clerk", "Town Clerk", "Chief Officer". */
  clerk: string;
  /** Chair of the council: "Chair", "Chairman", "Mayor". */
  chair: string;
  /** Vice-chair of the council: "Vice-Chair", "Deputy Mayor"... */
  viceChair: string;
  /** The body: "Town Council", "Community Council", "Parish Council". */
  council: string;
  /**
   * The same titles in Welsh, for a council in Wales that runs bilingually ("Clerc y Dref",
   * "Maer", "Cyngor Tref"), with the council's Welsh name. Pages in Welsh use these.
   */
  welsh?: WelshTerminology;
}

export interface WelshTerminology {
  clerk: string;
  chair: string;
  viceChair: string;
  council: string;
  /** The council's name in Welsh: "Cyngor Tref Crucywel". */
  councilName?: string;
}

/** Who receives a concern about the Clerk (Brackley 10.2.1: the Mayor and the Chair of Finance). */
export type ConcernRecipient = 'chair' | 'vice_chair' | 'personnel_committee_chair' | 'finance_committee_chair';

export interface OfficeHours {
  /** ISO weekdays the office is open, 1 = Monday ... 7 = Sunday. */
  days: readonly number[];
  /** Opening and closing time, "HH:MM", Europe/London. */
  opens: string;
  closes: string;
}

export interface TemplateSettings {
  /** The Clerk is also the Responsible Financial Officer (Crickhowell). */
  clerkIsRfo: boolean;
  /** Who receives a concern about the Clerk, in order. */
  concernsAboutClerkGoTo: readonly ConcernRecipient[];
  /** Name of the committee holding personnel matters (matches a committee below), or null. */
  personnelCommittee: string | null;
  /** Agenda requests and papers are due this many days before the meeting (Ledbury: 7). */
  agendaNoticeDays: number;
  /**
   * Whether `agendaNoticeDays` are clear days, counted as the summons is (the default, as in
   * NALC's model standing orders), or calendar days ("at least a week before": Ledbury).
   */
  agendaNoticeUnit?: 'clear-days' | 'calendar-days';
  /** How clear days are counted: NALC's reading (the default) or working weekdays (see docs/decisions/0004). */
  clearDaysReading?: 'nalc' | 'working-weekdays';
  /** On NALC's reading, whether Saturdays count as clear days (default: they do). */
  saturdaysCount?: boolean;
  /** How many days before the summons is due the Clerk is warned (default 3). */
  summonsWarningDays?: number;
  /** The items a new meeting's agenda starts with, in order (see src/meetings/standard-items.ts). */
  standardItems?: readonly string[];
  officeHours: OfficeHours;
  /**
   * The council has delegated deciding dispensations (Localism Act 2011 s.33) to the Clerk as
   * proper officer; otherwise each is decided by the council's resolution. Default off.
   */
  dispensationsDelegated?: boolean;
  /**
   * The council's resolution that delegated them (Local Government Act 1972 s.101): one
   * recorded in Concord, or a reference to it. Saved with every delegation; a council that
   * delegated before Concord asked for it has none, and its delegation is not in force, until
   * the Clerk saves the setting again (src/declarations/dispensations.ts).
   */
  dispensationsDelegation?: { resolutionId: string | null; reference: string };
  /**
   * Officers (person ids) the Clerk has asked to record resolutions as well; the Clerk
   * always may. Set in Concord, not by a template.
   */
  decisionRecorders?: readonly string[];
  /** Working days within which an enquiry is answered. */
  enquiryResponseDays: number;
  /** Working days by which a median in the equal-treatment report may differ from the council's before it is flagged (default 2). */
  equalTreatmentMarginDays?: number;
  /**
   * The languages the council runs in, and the one a person reads until they choose. A council
   * in Wales runs in Welsh and English unless it says otherwise (`councilLanguages`).
   */
  languages?: readonly ('en' | 'cy')[];
  defaultLocale?: 'en' | 'cy';
  /** A summons in Wales may carry both languages in one message. */
  bilingualSummons?: boolean;
  /** Working days allowed for each stage of a concern (ACAS Code of Practice); see src/concerns. */
  concernTimeLimits?: ConcernTimeLimits;
  /** The version of the code of conduct in force; a new one asks everyone to acknowledge it again. */
  codeOfConductVersion?: string;
  /** Who may ask the officers for work for a political group: its leader alone, or any member (the default). */
  groupRequestsBy?: 'leader' | 'members';
  /** Whether every group is given a report to one group itself, not only told of it (default: told only). */
  groupReportsToAllGroups?: boolean;
  /** Months a staff appointment's candidates, scores and papers are kept after its outcome (default 6). */
  appointmentRetentionMonths?: number;
  /** Months each kind of record is kept before the nightly sweep removes it (src/privacy/retention.ts). */
  retention?: Partial<Record<'messages' | 'contactReports' | 'enquiries' | 'concerns' | 'trainingRecords', number>>;
}

/** Working days allowed for each stage of a concern, counted from the stage before. */
export interface ConcernTimeLimits {
  /** From raising a concern to reviewing how informal resolution is going. */
  informalReviewDays: number;
  /** From the written statement to the meeting (ACAS: without unreasonable delay; about five working days). */
  meetingDays: number;
  /** From the meeting to the written outcome. */
  outcomeDays: number;
  /** From the written outcome, the time to appeal in writing. */
  appealDays: number;
}

/** The languages a council runs in: its setting, or both for a council in Wales. */
export function councilLanguages(council: { nation: Nation; settings: Pick<TemplateSettings, 'languages'> }): readonly ('en' | 'cy')[] {
  return council.settings.languages ?? (council.nation === 'wales' ? ['en', 'cy'] : ['en']);
}

export interface CommitteeTemplate {
  name: string;
  termsOfReference: string;
  delegatedPowers: string;
  holdsPersonnel: boolean;
  holdsFinance: boolean;
}

/** A row of the approval record (Crickhowell's Review and Amendment Record has three). */
export interface VersionTemplate {
  version: string;
  /** ISO date, "YYYY-MM-DD". */
  approvedOn: string;
  approvedBy: string;
  summary: string;
}

export interface ProtocolTemplate {
  /** Stable key used on the command line: `concord init --template <key>`. */
  key: string;
  /** One line for `concord templates`. */
  description: string;
  title: string;
  council: {
    name: string;
    kind: CouncilKind;
    nation: Nation;
    /** Principal authority whose Monitoring Officer handles conduct complaints (England). */
    principalAuthority: string;
  };
  terminology: Terminology;
  settings: TemplateSettings;
  committees: readonly CommitteeTemplate[];
  versions: readonly VersionTemplate[];
  clauses: readonly ClauseTemplate[];
  /** The protocol in Welsh, for a council that keeps both languages (Crickhowell, Mumbles). */
  welsh?: import('./templates/welsh.js').WelshTemplate;
}
