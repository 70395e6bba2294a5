-- A desktop notice kept as data as well as in Chinese: it is put in the reader's language when
-- read (notify/notice-words.ts). Before this, a window in English showed 已付款超时未发货 · … .
-- Adding a column rewrites nothing: no table copy at 1 M orders.
ALTER TABLE `desktop_notices` ADD `words_json` text;