/** Bulletins (src/bulletins): officers' bulletins to councillors, with read receipts. */
declare module '../policy/actions.js' {
  interface ActionContracts {
    'bulletin.publish': [];
    'bulletin.view': [];
    'bulletin.receipts': [];
  }
}

export const bulletinActions = {
  'bulletin.publish': { doc: 'Write and publish a bulletin to all councillors or some of them.', administration: 'officers' },
  'bulletin.view': { doc: 'Read bulletins: a councillor those sent to them and any in the archive; officers all of them.' },
  'bulletin.receipts': { doc: 'See who a bulletin went to, who has read it and when, and who has not.', administration: 'officers' },
} as const;
