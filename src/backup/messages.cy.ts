/** Nodyn atgoffa'r Clerc am gopïau wrth gefn. */
export const backupMessagesCy: Readonly<Record<string, string>> = {
  'backup.stale.title': 'Dim copi wrth gefn diweddar',
  'backup.stale.never': 'Nid oes copi wrth gefn o’r cyngor hwn eto.',
  'backup.stale.since': 'Gwnaed y copi wrth gefn diwethaf o’r cyngor hwn ar {date}.',
  'backup.stale.advice':
    'Mae Concord yn gwneud copi wrth gefn ohono’i hun bob dydd tra bydd yn rhedeg, yn y ffolder copïau wrth gefn wrth ymyl ei ddata. Gadewch iddo redeg am ychydig funudau, neu rhedwch “npx concord backup” tra bydd wedi’i atal, a chadwch gopi o’r ffolder ar ddisg arall.',
};
