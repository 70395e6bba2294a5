import type { StatusOverrideView } from '../../src-shared/contract/channels';
import { ApiError } from '../../src-shared/errors';
import type { PlatformPhase } from '../../src-shared/orders';
import type { Database } from '../db';
import type { IngestPipeline } from '../ingest/pipeline';
import type { CallContext } from '../kernel/call';
import type { ChannelRecord } from './channel-store';
import { reprocessChannel } from './reprocess';
import type { ChannelsService } from './service';
import { statusDictionary } from './status-dictionary';

/**
 * A person maps a status word the platform's dictionary does not know (channels.mapStatus): the
 * workspace override is saved (synced, so every PC maps it the same way) and the orders held for
 * that word on this PC's shops of the platform are re-read from their stored payloads.
 */
export function mapStatus(
  db: Database, svc: ChannelsService, pipeline: IngestPipeline, ch: ChannelRecord,
  input: { platformStatus: string; standard: PlatformPhase; zh: string }, ctx: CallContext,
): { override: StatusOverrideView; tried: number; remapped: number } {
  const word = input.platformStatus;
  let known = false;
  try {
    known = statusDictionary(ch.kind).status(word) !== null;
  } catch {
    known = false; // a platform without a dictionary file: its words are all the workspace's
  }
  if (known) {
    throw new ApiError('conflict', ctx.say(`平台状态“${word}”已在状态字典中，无需映射`, `the platform status "${word}" is already in the dictionary`), 'platformStatus');
  }
  const override = svc.poller.overrides.set(ctx.write(`map ${ch.kind} status ${word}`), ch.kind, word, input.standard, input.zh);
  let tried = 0;
  let remapped = 0;
  for (const shop of svc.store.list().filter((c) => c.kind === ch.kind)) {
    const conn = svc.connectorFor(shop.kind);
    if (!conn) continue;
    const r = reprocessChannel(db, pipeline, shop, conn, ctx.write(`re-process after mapping ${word}`), svc.poller.overrides);
    tried += r.tried;
    remapped += r.remapped;
  }
  return { override, tried, remapped };
}
