import { AccountBookOutlined, CloudUploadOutlined, DatabaseOutlined } from '@ant-design/icons';
import { ApiOutlined, AuditOutlined, CloudSyncOutlined, HomeOutlined, ProfileOutlined, TeamOutlined } from '@ant-design/icons';
import { ApartmentOutlined, EditOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../src-shared/roles';
import { AuditScreen } from './audit/AuditScreen';
import { FinanceScreen } from './finance/FinanceScreen';
import { ImportsScreen } from './imports/ImportsScreen';
import { ChannelsScreen } from './channels/ChannelsScreen';
import { ErpScreen } from './erp/ErpScreen';
import { HomeScreen } from './HomeScreen';
import { OrdersScreen } from './orders/OrdersScreen';
import { SyncScreen } from './sync/SyncScreen';
import { UsersScreen } from './users/UsersScreen';
import { MachineEditor } from './lifecycle/MachineEditor';
import { ManualOrderScreen } from './manual/ManualOrderScreen';
import { ReviewScreen } from './review/ReviewScreen';

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
  { path: 'review', label: 'lifecycle.review.title', icon: <FileSearchOutlined />, permission: 'orders.view', element: <ReviewScreen /> },
  { path: 'manual-order', label: 'lifecycle.manual.title', icon: <EditOutlined />, permission: 'orders.create', element: <ManualOrderScreen /> },
  { path: 'lifecycle', label: 'lifecycle.machine.title', icon: <ApartmentOutlined />, permission: 'lifecycle.manage', element: <MachineEditor /> },
  { path: 'home', label: 'nav.home', icon: <HomeOutlined />, permission: null, element: <HomeScreen /> },
  { path: 'channels', label: 'channels.title', icon: <ApiOutlined />, permission: 'channels.view', element: <ChannelsScreen /> },
  { path: 'imports', label: 'imports.title', icon: <CloudUploadOutlined />, permission: 'imports.run', element: <ImportsScreen /> },
  { path: 'erp', label: 'erp.title', icon: <DatabaseOutlined />, permission: 'erp.view', element: <ErpScreen /> },
  { path: 'finance', label: 'finance.title', icon: <AccountBookOutlined />, permission: 'finance.export', element: <FinanceScreen /> },
  { path: 'users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.manage', element: <UsersScreen /> },
  { path: 'audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.view', element: <AuditScreen /> },
  { path: 'sync', label: 'sync.title', icon: <CloudSyncOutlined />, permission: null, element: <SyncScreen /> },
];
