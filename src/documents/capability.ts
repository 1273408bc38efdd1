import { defineCapability } from '../capabilities/capability.js';
import { documentActions } from './actions.js';
import { seedDocumentsDemo } from './demo.js';
import { documentMessages } from './messages.js';
import { documentMessagesCy } from './messages.cy.js';
import { confidentialRoutes } from './confidential-routes.js';
import { fileRoutes } from './file-routes.js';
import { libraryRoutes } from './library-routes.js';
import { papersRoutes } from './papers-routes.js';
import { uploadRoutes } from './upload-routes.js';
import { documentRules } from './rules.js';
import { documentsPersonalData } from './personal-data.js';

/** The document library, inspection, confidential papers and their marked copies. */
export const documents = defineCapability({
  id: 'documents',
  personalData: documentsPersonalData,
  // The library, uploads (the only multipart routes), files and their marked copies, confidential papers, and meeting papers.
  routes: [libraryRoutes, uploadRoutes, fileRoutes, confidentialRoutes, papersRoutes],
  actions: documentActions,
  rules: documentRules,
  messages: documentMessages, welsh: documentMessagesCy,
  navigation: [{ path: '/documents', labelKey: 'nav.documents', action: 'document.list', section: 'documents', group: 'meetings', order: 40 }],
  appliedAt: {
    'document-inspection': { path: '/documents', labelKey: 'rule.document-inspection', action: 'document.list' },
    'pecuniary-interest-documents': { path: '/documents', labelKey: 'rule.pecuniary-interest-documents', action: 'document.list' },
    'confidential-papers': { path: '/documents', labelKey: 'rule.confidential-papers', action: 'document.list' },
  },
  demo: { seed: (trx, { council, id }) => seedDocumentsDemo(trx, council.id, id) },
});
