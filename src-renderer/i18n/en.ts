import type { Messages } from './zh-CN';

export const en: Messages = {
  app: { name: 'OrderHub', demoBanner: 'Demo workspace: all data is generated. Users owner / ops / service / warehouse / finance, password orderhub-demo', logout: 'Sign out', language: '中文' },
  nav: { home: 'Home', users: 'Users', audit: 'Audit log' },
  login: { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', required: 'Enter {{field}}' },
  setup: {
    title: 'New workspace: create the owner account', intro: 'This workspace is new. Create the owner (administrator) account first; staff accounts are added later under Users.',
    or: 'or', demo: 'Try the demo workspace first', demoIntro: 'Look around with 6 simulated shops and 20,000 orders; create a real workspace whenever you are ready.', demoSeeding: 'Generating demo data…',
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
    title: 'Audit log', verify: 'Verify hash chain', verifyOk: 'Chain intact: {{count}} records checked', verifyBroken: 'Chain broken at record {{seq}}: {{problem}}',
    at: 'Time', actor: 'Actor', call: 'Call', entity: 'Entity', entityId: 'Entity id', action: 'Action', reason: 'Reason', detail: 'Change',
    filterActor: 'Actor', filterEntity: 'Entity type', filterTime: 'Time range', anyone: 'Everyone', total: '{{count}} records',
  },
  password: { change: 'Change password', current: 'Current password', new: 'New password (8+ characters)', changed: 'Password changed' },
  common: { cancel: 'Cancel', ok: 'OK', save: 'Save', loading: 'Loading…', refresh: 'Refresh', forbidden: 'Your role may not open this page', search: 'Search' },
};
