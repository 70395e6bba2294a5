import type { ChannelsService } from './channels/service';
import type { ErpService } from './erp/service';
import type { IngestPipeline } from './ingest/pipeline';
import type { AuthService } from './auth/auth-service';
import type { Database } from './db';
import type { FinanceService } from './finance/service';
import type { FolderSources } from './imports/folder-sources';
import type { ImportService } from './imports/import-service';
import type { Logger } from './log';
import type { SecretBox } from './secrets/secret-box';
import type { Workspace } from './kernel/workspace';
import type { EventSink } from './kernel/events';
import type { OrderFlowServices } from './orders/flow';
import type { RulesServices } from './rules/services';
import type { RiskServices } from './exceptions/compose';
import type { SyncService } from './sync/service';
import type { ShippingServices } from './shipping/service';

export type { Workspace } from './kernel/workspace';

/** Everything the handlers are built from; app.ts composes it. Add a capability's service here. */
export interface AppServices {
  db: Database;
  auth: AuthService;
  secrets: SecretBox;
  workspace: Workspace;
  log: Logger;
  /** What changed, for open screens (after commit). */
  events: EventSink;
  finance: FinanceService;
  /** The order's path: the state machine (the one writer of status), holds, split and merge. */
  flow: OrderFlowServices;
  pipeline: IngestPipeline;
  channels: ChannelsService;
  imports: ImportService;
  importSources: FolderSources;
  rules: RulesServices;
  /** Exceptions, the board and metrics, alerts, logistics tracking (#12). */
  risk: RiskServices;
  sync: SyncService;
  erp: ErpService;
  /** Scan to ship, stock out, 发货回传, the warehouse home (#11). */
  shipping: ShippingServices;
}
