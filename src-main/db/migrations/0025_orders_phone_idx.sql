-- The merge check looks for other open orders of the same receiver by phone_last4 and then tests
-- the phone, name and address row by row: at 5 M orders every last-four value has ~500 orders,
-- ~2 ms per new order. With the phone in the key it seeks that receiver's orders. Quick search's
-- "last four digits" still seeks by the key's first column.
DROP INDEX `orders_phone4_idx`;--> statement-breakpoint
CREATE INDEX `orders_phone_idx` ON `orders` (`phone_last4`,`receiver_phone`);