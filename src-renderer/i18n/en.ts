import type { Messages } from './zh-CN';

export const en: Messages = {
  app: { name: 'OrderHub', demoBanner: 'Demo workspace: all data is generated. Users owner / ops / service / warehouse / finance, password orderhub-demo', logout: 'Sign out', language: '中文' },
  nav: { home: 'Home', users: 'Users', audit: 'Audit log' },
  login: { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', required: 'Enter {{field}}' },
  setup: {
    title: 'New workspace: create the owner account', intro: 'This workspace is new. Create the owner (administrator) account first; staff accounts are added later under Users.',
    or: 'or', demo: 'Try the demo workspace first', demoIntro: 'Look around with 6 simulated shops and 20,000 orders; create a real workspace whenever you are ready.', demoSeeding: 'Generating demo data…', demoCount: 'Generating demo orders {{done}} / {{total}}', demoStop: 'Enough, show me',
    displayName: 'Display name', confirm: 'Confirm password', mismatch: 'The passwords do not match', submit: 'Create and enter',
  },
  home: { welcome: 'Welcome, {{name}}', role: 'Your role: {{role}}', permissions: 'What you may do' },
  users: {
    title: 'Users', create: 'New user', username: 'Username', displayName: 'Display name', role: 'Role', status: 'Status',
    createdAt: 'Created', password: 'Initial password', newPassword: 'New password (blank keeps it)', active: 'Active', disabled: 'Disabled', locked: 'Locked',
    edit: 'Edit', unlock: 'Unlock', disable: 'Disable', enable: 'Enable', saved: 'Saved', created: 'Created user {{name}}',
    confirmDisable: 'The user is signed out at once and cannot sign in. Disable {{name}}?',
  },
  audit: {
    title: 'Audit log', verify: 'Verify hash chain', verifyOk: 'Chain intact: {{count}} records checked', verifyBroken: 'The chain does not hold in {{count}} places (all listed)', verifyRange: 'Records {{from}}–{{to}}: {{problem}}', verifyOne: 'Record {{from}}: {{problem}}',
    verifySealed: 'Every record from {{from}} on is signed with the chain key; the checkpoint outside the database is at record {{seq}}.',
    breaks: {
      missing: 'records missing', link: 'does not link to the record before it (deleted, inserted or reordered)', edited: 'content edited', unkeyed: 'not signed with the chain key (forged?)',
      no_key: 'the chain key is missing: cannot check', truncated: 'records cut from the end', rewritten: 'the end of the chain does not match the checkpoint outside the database (rewritten)', checkpoint: 'the checkpoint outside the database is missing or altered',
    },
    at: 'Time', actor: 'Actor', call: 'Call', entity: 'Entity', entityId: 'Entity id', action: 'Action', reason: 'Reason', detail: 'Change',
    filterActor: 'Actor', filterEntity: 'Entity type', filterTime: 'Time range', anyone: 'Everyone', total: '{{count}} records',
    search: 'Order no. or person (user name, name)', what: 'What happened', colon: ': ', andMore: ' and {{count}} more', newer: 'Newer', older: 'Older',
  },
  password: { change: 'Change password', current: 'Current password', new: 'New password (8+ characters)', changed: 'Password changed' },
  common: { cancel: 'Cancel', ok: 'OK', save: 'Save', loading: 'Loading…', refresh: 'Refresh', forbidden: 'Your role may not open this page', search: 'Search' },
};
