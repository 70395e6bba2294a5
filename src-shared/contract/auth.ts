import { z } from 'zod';
import { ROLES, type Permission, type Role } from '../roles';
import { call } from './define';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lockedUntil: number | null;
  createdAt: number;
}

export interface Me {
  user: UserView;
  role: Role;
  permissions: Permission[];
}

const username = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字和 _ . -');
const password = z.string().min(8, '密码至少 8 位').max(128);
/**
 * Sign-in fields are bounded before anything reads them (a 10 MB user name never reaches the
 * audit log or the throttle): user names are at most 32 characters, passwords 128, so 64 and
 * 256 leave room for older accounts without letting a request carry a novel.
 */
const loginName = z.string().trim().min(1).max(64, '用户名最多 64 个字符').regex(/^[^\u0000-\u001f\u007f]+$/, '用户名不能含控制字符');
const loginPassword = z.string().min(1).max(256, '密码最多 256 个字符');

export const authCalls = {
  'auth.login': call<{ token: string; expiresAt: number; user: UserView }>()({
    input: z.object({ username: loginName, password: loginPassword }),
    access: 'public',
    summary: 'Sign in; returns a session token.',
  }),
  'auth.logout': call<{ ok: true }>()({
    input: z.object({}),
    access: 'authenticated',
    summary: 'End the current session.',
  }),
  'auth.me': call<Me>()({
    input: z.object({}),
    access: 'authenticated',
    summary: 'The signed-in user, their role and permissions.',
  }),
  'auth.changePassword': call<{ ok: true }>()({
    input: z.object({ currentPassword: loginPassword, newPassword: password }),
    access: 'authenticated',
    summary: 'Change your own password.',
  }),
  'setup.status': call<{ needsOwner: boolean; demo: boolean; version: string; seeding: { done: number; total: number } | null }>()({
    input: z.object({}),
    access: 'public',
    summary: 'First-run state of the workspace.',
  }),
  'setup.createOwner': call<{ token: string; expiresAt: number; user: UserView }>()({
    input: z.object({ username, displayName: z.string().trim().min(1).max(40), password }),
    access: 'public',
    summary: 'Create the owner account on a new workspace (refused once any user exists).',
  }),
  'setup.createDemo': call<{ token: string; expiresAt: number; user: UserView }>()({
    input: z.object({ orders: z.number().int().min(0).max(200_000).default(20_000) }),
    access: 'public',
    summary: 'First-run choice: make this new workspace the demo workspace and sign in as its owner.',
  }),
  'setup.cancelDemo': call<{ cancelled: boolean }>()({
    input: z.object({}),
    access: 'public',
    summary: 'Stop generating the first-run demo after its current batch (the demo keeps the orders made so far); only while it runs.',
  }),
  'setup.startReal': call<{ ok: true }>()({
    input: z.object({}),
    access: 'settings.manage',
    summary: 'Leave the demo workspace for a new empty real one (the first-run card promises it); the owner then creates the real owner account.',
  }),
  'users.list': call<UserView[]>()({
    input: z.object({}),
    access: 'users.manage',
    summary: 'All users.',
  }),
  'users.create': call<UserView>()({
    input: z.object({ username, displayName: z.string().trim().min(1).max(40), role: z.enum(ROLES), password }),
    access: 'users.manage',
    summary: 'Create a user with a role.',
  }),
  'users.update': call<UserView>()({
    input: z.object({
      id: z.string().min(1),
      displayName: z.string().trim().min(1).max(40).optional(),
      role: z.enum(ROLES).optional(),
      disabled: z.boolean().optional(),
      password: password.optional(),
      unlock: z.boolean().optional(),
      reason: z.string().max(200).optional(),
    }),
    access: 'users.manage',
    summary: "Change a user's name, role, password, or disable/unlock them.",
  }),
  'roles.list': call<{ role: Role; permissions: Permission[] }[]>()({
    input: z.object({}),
    access: 'authenticated',
    summary: 'The permission table.',
  }),
} as const;

