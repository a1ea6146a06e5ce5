import type { WorkspaceRole } from "../auth/roles";
import type { DisplayLanguage, DisplayText } from "../usage/display-text";
import type { ConditionFacts } from "./conditions";
import type { ContactRole } from "./playbook";

export type PlaybookMember = {
  id: string;
  name: string;
  role: WorkspaceRole;
  email: string | null;
  language: DisplayLanguage;
};

export type PlaybookContact = {
  id: string;
  name: string;
  email: string | null;
  /** "primary" and the plan roles the contact holds. */
  roles: readonly ContactRole[];
  unsubscribed: boolean;
  language: DisplayLanguage;
};

/** Everything a run reads about the account; the server gathers it, the core decides. */
export type PlaybookFacts = ConditionFacts & {
  account: ConditionFacts["account"] & {
    id: string;
    name: string;
    mrr: number | null;
    /** ISO 4217, for showing MRR. */
    currency: string;
    renewalDate: string | null;
    maturityLevel: number | null;
    /** The account's page in Michi, for links in emails and chat posts. */
    url: string | null;
  };
  /** Phase names by key, for texts. */
  phaseNames: Readonly<Record<string, DisplayText>>;
  /** Active members, in the order an owner rule by role tries them (the server's choice, e.g. by load). */
  members: readonly PlaybookMember[];
  contacts: readonly PlaybookContact[];
  /** The workspace's language: tasks, notes and chat posts are written in it. */
  language: DisplayLanguage;
};
