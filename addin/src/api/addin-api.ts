import { ApiError } from './api-error';
import { apiFetch, type ApiSettings } from './api-fetch';

// Wire types of CONTRACT.md section 4 and GET /api/addin/me.

export interface AccountRef {
  id: string;
  name: string;
}

export type CrmRecordType = 'Contact' | 'Lead';

export interface CrmRecord {
  type: CrmRecordType;
  id: string;
  name: string;
  title?: string | null;
  phone?: string | null;
  account?: AccountRef | null;
  /** Leads: the company typed on the lead (they have no account). */
  company?: string | null;
  url?: string | null;
}

export interface Opportunity {
  id: string;
  name: string;
  stage?: string | null;
  closeDate?: string | null;
}

export interface LookupMatch {
  email: string;
  records: CrmRecord[];
  opportunities?: Opportunity[];
}

export interface LookupResponse {
  matches: LookupMatch[];
}

export interface CreateContactRequest {
  email: string;
  firstName: string;
  lastName: string;
  title?: string;
  accountId?: string;
  asLead: boolean;
  company?: string;
}

export interface CrmLinkRequest {
  subject: string;
  start: string;
  end: string;
  isAllDay: boolean;
  location?: string;
  body?: string;
  attendees: string[];
  whoIds: string[];
  whatId?: string;
}

/** One EventRelation of the linked CRM event, as the API answers it. */
export interface CrmRelation {
  /** The EventRelation's own id (0RE…). */
  id: string;
  /** The related record: a contact or lead, or (isWhat) the opportunity or account. */
  relationId: string;
  isWhat: boolean;
}

export interface CrmLink {
  crmEventId: string;
  relations: CrmRelation[];
  /** True when the item is one occurrence of a recurring meeting and the link is its whole series'. */
  series?: boolean;
}

export interface Me {
  user: string;
  objectId: string | null;
  tenantId: string | null;
  isAdmin: boolean;
}

/** The lookup endpoint takes 1–100 addresses per call. */
export const maxLookupEmails = 100;

const crmLinkPath = (exchangeItemId: string): string =>
  `/api/addin/events/${encodeURIComponent(exchangeItemId)}/crm-link`;

/** The add-in API, bound to one base URL and token provider. */
export function createAddinApi(settings: ApiSettings) {
  return {
    me: () => apiFetch<Me>(settings, 'GET', '/api/addin/me'),

    lookup: (emails: string[]) => {
      if (emails.length === 0 || emails.length > maxLookupEmails) {
        return Promise.reject(
          new ApiError({ status: 0, failure: 'http', title: `Look up between 1 and ${maxLookupEmails} addresses at a time` }),
        );
      }
      return apiFetch<LookupResponse>(settings, 'POST', '/api/addin/lookup', { emails });
    },

    createContact: (request: CreateContactRequest) =>
      apiFetch<CrmRecord>(settings, 'POST', '/api/addin/contacts', request),

    /** The link of an Exchange item, or null when it has none (404). */
    getCrmLink: async (exchangeItemId: string): Promise<CrmLink | null> => {
      try {
        return await apiFetch<CrmLink>(settings, 'GET', crmLinkPath(exchangeItemId));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },

    putCrmLink: (exchangeItemId: string, request: CrmLinkRequest) =>
      apiFetch<CrmLink>(settings, 'PUT', crmLinkPath(exchangeItemId), request),

    deleteCrmLink: (exchangeItemId: string) =>
      apiFetch<void>(settings, 'DELETE', crmLinkPath(exchangeItemId)),
  };
}

export type AddinApi = ReturnType<typeof createAddinApi>;
