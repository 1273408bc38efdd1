import { about } from '../about/capability.js';
import { appointments } from '../appointments/capability.js';
import { account } from '../account/capability.js';
import { auth } from '../auth/capability.js';
import { backup } from '../backup/capability.js';
import { bulletins } from '../bulletins/capability.js';
import { concerns } from '../concerns/capability.js';
import { conduct } from '../conduct/capability.js';
import { decisions } from '../decisions/capability.js';
import { declarations } from '../declarations/capability.js';
import { documents } from '../documents/capability.js';
import { enquiries } from '../enquiries/capability.js';
import { groups } from '../groups/capability.js';
import { equipment } from '../equipment/capability.js';
import { home } from '../home/capability.js';
import { induction } from '../induction/capability.js';
import { interests } from '../interests/capability.js';
import { meetings } from '../meetings/capability.js';
import { messages } from '../messages/capability.js';
import { notifications } from '../notifications/capability.js';
import { privacy } from '../privacy/capability.js';
import { protocol } from '../protocol/capability.js';
import { publicInformation } from '../public-site/capability.js';
import { setup } from '../setup/capability.js';
import { tasks } from '../tasks/capability.js';
import { training } from '../training/capability.js';

/**
 * Every capability of Concord. Adding one is a folder with its `capability.ts`, and one line
 * here: the app, the rule table, the catalogue, the navigation, the home pages, the job runner
 * and the demo council are all built from this list (src/capabilities/registry.ts).
 * The order is the order of registration and of each capability's rule rows.
 */
export const CAPABILITIES = [auth, home, account, protocol, tasks, decisions, setup, about, meetings, documents, interests, declarations, enquiries, notifications, bulletins, messages, concerns, conduct, groups, training, equipment, appointments, induction, backup, privacy, publicInformation] as const;
