import type { DocumentSubject } from '../policy/actions.js';
import type { DocumentResource } from '../policy/rules.js';

/** Documents (src/documents): the library, confidential papers and their marked copies. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'document.list': [];
    /** Open, download, print or read about one document: its classification, matters and recipients, and the reader's registered interests. */
    'document.read': DocumentSubject;
    /** Add a document (with its classification) or a matter. */
    'document.upload': [resource?: DocumentResource];
    'document.issue': [];
    'document.oversee': [];
  }
}

export const documentActions = {
  'document.list': { doc: 'See the document library.' },
  'document.read': { doc: 'Open, download, print or read about one document.' },
  'document.upload': { doc: 'Add a document to the library (with its classification and matters), or a matter.', administration: 'officers' },
  'document.issue': { doc: 'Issue a confidential paper to named recipients.', administration: 'clerk' },
  'document.oversee': { doc: 'See who opened confidential papers and who was refused a document.', administration: 'clerk' },
} as const;
