import {
  AccountBookOutlined, AlertOutlined, ApartmentOutlined, ApiOutlined, AuditOutlined, BranchesOutlined, CloudSyncOutlined, CloudUploadOutlined,
  DashboardOutlined, DatabaseOutlined, EditOutlined, FileSearchOutlined, FilterOutlined, HddOutlined, HomeOutlined, LineChartOutlined, ProfileOutlined,
  ScanOutlined, SettingOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../src-shared/roles';
import { AuditScreen } from './audit/AuditScreen';
import { BoardScreen } from './board/BoardScreen';
import { SettingsScreen as ExceptionSettingsScreen } from './exception-settings/SettingsScreen';
import { ExceptionsScreen } from './exceptions/ExceptionsScreen';
import { MetricsScreen } from './metrics/MetricsScreen';
import { FinanceScreen } from './finance/FinanceScreen';
import { ImportsScreen } from './imports/ImportsScreen';
import { LocalCopiesScreen } from './local-copies/LocalCopiesScreen';
import { ChannelsScreen } from './channels/ChannelsScreen';
import { ErpScreen } from './erp/ErpScreen';
import { HomeScreen } from './HomeScreen';
import { OrdersScreen } from './orders/OrdersScreen';
import { RoutingScreen } from './routing/RoutingScreen';
import { RulesScreen } from './rules/RulesScreen';
import { StockScreen } from './stock/StockScreen';
import { SyncScreen } from './sync/SyncScreen';
import { UsersScreen } from './users/UsersScreen';
import { MachineEditor } from './lifecycle/MachineEditor';
import { ManualOrderScreen } from './manual/ManualOrderScreen';
import { ReviewScreen } from './review/ReviewScreen';
import { WarehouseScreen } from './warehouse/WarehouseScreen';

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

/**
 * Every screen in the navigation; add the next area's screen here. A role lands on the first
 * screen it may open: the risk board for the owner and the ops lead, the orders for the others.
 */
export const SCREENS: ScreenEntry[] = [
  { path: 'board', label: 'exceptions.boardTitle', icon: <DashboardOutlined />, permission: 'board.view', element: <BoardScreen /> },
  // The warehouse lands here: today's counts and the scanner.
  { path: 'warehouse', label: 'shipping.title', icon: <ScanOutlined />, permission: 'fulfillment.ship', element: <WarehouseScreen /> },
  { path: 'orders', label: 'orders.title', icon: <ProfileOutlined />, permission: 'orders.view', element: <OrdersScreen /> },
  { path: 'exceptions', label: 'exceptions.title', icon: <AlertOutlined />, permission: 'exceptions.view', element: <ExceptionsScreen /> },
  { path: 'metrics', label: 'exceptions.metricsTitle', icon: <LineChartOutlined />, permission: 'board.view', element: <MetricsScreen /> },
  { path: 'review', label: 'lifecycle.review.title', icon: <FileSearchOutlined />, permission: 'orders.view', element: <ReviewScreen /> },
  { path: 'manual-order', label: 'lifecycle.manual.title', icon: <EditOutlined />, permission: 'orders.create', element: <ManualOrderScreen /> },
  { path: 'lifecycle', label: 'lifecycle.machine.title', icon: <ApartmentOutlined />, permission: 'lifecycle.manage', element: <MachineEditor /> },
  { path: 'home', label: 'nav.home', icon: <HomeOutlined />, permission: null, element: <HomeScreen /> },
  { path: 'channels', label: 'channels.title', icon: <ApiOutlined />, permission: 'channels.view', element: <ChannelsScreen /> },
  { path: 'rules', label: 'rules.title', icon: <FilterOutlined />, permission: 'rules.view', element: <RulesScreen /> },
  { path: 'routing', label: 'stock.routingTitle', icon: <BranchesOutlined />, permission: 'stock.view', element: <RoutingScreen /> },
  { path: 'stock', label: 'stock.title', icon: <DatabaseOutlined />, permission: 'stock.view', element: <StockScreen /> },
  { path: 'imports', label: 'imports.title', icon: <CloudUploadOutlined />, permission: 'imports.run', element: <ImportsScreen /> },
  { path: 'erp', label: 'erp.title', icon: <DatabaseOutlined />, permission: 'erp.view', element: <ErpScreen /> },
  { path: 'finance', label: 'finance.title', icon: <AccountBookOutlined />, permission: 'finance.export', element: <FinanceScreen /> },
  { path: 'users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.manage', element: <UsersScreen /> },
  { path: 'exception-settings', label: 'exceptions.settingsTitle', icon: <SettingOutlined />, permission: 'exceptions.manage', element: <ExceptionSettingsScreen /> },
  { path: 'audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.view', element: <AuditScreen /> },
  { path: 'sync', label: 'sync.title', icon: <CloudSyncOutlined />, permission: null, element: <SyncScreen /> },
  { path: 'local-copies', label: 'localCopies.title', icon: <HddOutlined />, permission: 'settings.manage', element: <LocalCopiesScreen /> },
];
