import { AccountBookOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { ApiOutlined, AuditOutlined, BranchesOutlined, DatabaseOutlined, FilterOutlined, HomeOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../src-shared/roles';
import { AuditScreen } from './audit/AuditScreen';
import { FinanceScreen } from './finance/FinanceScreen';
import { ImportsScreen } from './imports/ImportsScreen';
import { ChannelsScreen } from './channels/ChannelsScreen';
import { HomeScreen } from './HomeScreen';
import { OrdersScreen } from './orders/OrdersScreen';
import { RoutingScreen } from './routing/RoutingScreen';
import { RulesScreen } from './rules/RulesScreen';
import { StockScreen } from './stock/StockScreen';
import { UsersScreen } from './users/UsersScreen';

export interface ScreenEntry {
  /** Route path below '#/', also the menu key. */
  path: string;
  /** i18n key of the menu label. */
  label: string;
  icon: ReactNode;
  /** Shown (and routed) only for roles with this permission; null = everybody signed in. */
  permission: Permission | null;
  element: ReactNode;
}

/** Every screen in the navigation; add the next area's screen here. */
export const SCREENS: ScreenEntry[] = [
  { path: 'orders', label: 'orders.title', icon: <ProfileOutlined />, permission: 'orders.view', element: <OrdersScreen /> },
  { path: 'home', label: 'nav.home', icon: <HomeOutlined />, permission: null, element: <HomeScreen /> },
  { path: 'channels', label: 'channels.title', icon: <ApiOutlined />, permission: 'channels.view', element: <ChannelsScreen /> },
  { path: 'rules', label: 'rules.title', icon: <FilterOutlined />, permission: 'rules.view', element: <RulesScreen /> },
  { path: 'routing', label: 'stock.routingTitle', icon: <BranchesOutlined />, permission: 'stock.view', element: <RoutingScreen /> },
  { path: 'stock', label: 'stock.title', icon: <DatabaseOutlined />, permission: 'stock.view', element: <StockScreen /> },
  { path: 'imports', label: 'imports.title', icon: <CloudUploadOutlined />, permission: 'imports.run', element: <ImportsScreen /> },
  { path: 'finance', label: 'finance.title', icon: <AccountBookOutlined />, permission: 'finance.export', element: <FinanceScreen /> },
  { path: 'users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.manage', element: <UsersScreen /> },
  { path: 'audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.view', element: <AuditScreen /> },
];
