/** Testun cyfrif person ei hun (src/account), yn Gymraeg. */
export const accountMessagesCy: Readonly<Record<string, string>> = {
  'account.title': 'Eich cyfrif',
  'account.details': 'Eich manylion',
  'account.name': 'Enw',
  'account.email': 'E-bost',
  'account.role': 'Rôl',
  'account.language.legend': 'Yr iaith rydych yn darllen Concord ynddi',
  'account.language.hint': 'Bydd y tudalennau a’r negeseuon e-bost y mae Concord yn eu hanfon atoch yn yr iaith hon.',
  'account.language.save': 'Cadw’r iaith',
  'account.language.saved': 'Mae eich iaith wedi’i chadw.',
  'account.language.error': 'Dewiswch yr iaith rydych yn darllen Concord ynddi',
  'account.link': 'Eich cyfrif',
};
