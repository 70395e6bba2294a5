-- Round 2 (#10 §1, §5): existing orders move to two statuses and many holds.
-- Deterministic (no random ids, no clock): every PC migrating its own replica arrives at the same rows.
--
-- 1. The platform's word: the status written from the platform until now becomes its phase.
UPDATE `orders` SET `platform_phase` = CASE `status`
  WHEN 'pending_payment' THEN 'unpaid'
  WHEN 'shipped' THEN 'shipped'
  WHEN 'delivered' THEN 'delivered'
  WHEN 'completed' THEN 'completed'
  WHEN 'cancelled' THEN 'cancelled'
  WHEN 'closed' THEN 'refunded'
  ELSE 'paid' END;
--> statement-breakpoint
-- An order held for a status word no dictionary knew has no known phase (re-process fills it in).
UPDATE `orders` SET `platform_phase` = NULL WHERE `hold` = 'unmapped_status';
--> statement-breakpoint
-- 2. OrderHub's own status: 已分仓 is now 待发货 (a warehouse was chosen); a refund before
--    anything left (nothing shipped or completed) is 已取消, after that 已关闭.
UPDATE `orders` SET `status` = 'to_ship' WHERE `status` = 'allocated';
--> statement-breakpoint
UPDATE `orders` SET `status` = 'cancelled' WHERE `status` = 'closed' AND `shipped_at` IS NULL AND `completed_at` IS NULL;
--> statement-breakpoint
-- 3. The clock: the last change is the best known time of entering the current status; the SLA
--    is the built-in machine's (version 1: 待审核 2 h; paid → shipped 24 h), for orders not yet shipped.
UPDATE `orders` SET `status_at` = `modified_at`;
--> statement-breakpoint
UPDATE `orders` SET `sla_due_at` = CASE
    WHEN `status` = 'pending_review' AND `paid_at` IS NOT NULL THEN min(`status_at` + 7200000, `paid_at` + 86400000)
    WHEN `status` = 'pending_review' THEN `status_at` + 7200000
    ELSE `paid_at` + 86400000 END
  WHERE `status` IN ('pending_review', 'to_route', 'to_ship', 'picking', 'packed') AND (`paid_at` IS NOT NULL OR `status` = 'pending_review');
--> statement-breakpoint
-- 4. The single hold column becomes open order_holds rows (the hold's id is its order's: one legacy hold per order).
INSERT INTO `order_holds` (`id`, `order_id`, `type`, `code`, `params_json`, `opened_at`, `opened_by_name`)
  SELECT `id`, `id`, `hold`, `hold`, '{}', `modified_at`, 'system' FROM `orders` WHERE `hold` IS NOT NULL;
