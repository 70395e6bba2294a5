-- The risk board's counters: open and snoozed exceptions by state, type, severity and opening hour,
-- and by owner, kept by triggers so every writer (the write path, a remote change applied by sync)
-- keeps them right in the same transaction. Closed exceptions are not counted; empty rows go away.
CREATE TRIGGER exceptions_count_insert AFTER INSERT ON exceptions WHEN NEW.state <> 'closed'
BEGIN
  INSERT INTO exception_counts (state, type, severity, opened_hour, n) VALUES (NEW.state, NEW.type, NEW.severity, NEW.opened_at / 3600000, 1)
    ON CONFLICT (state, type, severity, opened_hour) DO UPDATE SET n = n + 1;
  INSERT INTO exception_owner_counts (state, owner_key, severity, n)
    VALUES (NEW.state, CASE WHEN NEW.owner_user_id IS NOT NULL THEN 'u:' || NEW.owner_user_id ELSE 'r:' || coalesce(NEW.owner_role, '') END, NEW.severity, 1)
    ON CONFLICT (state, owner_key, severity) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER exceptions_count_delete AFTER DELETE ON exceptions WHEN OLD.state <> 'closed'
BEGIN
  UPDATE exception_counts SET n = n - 1 WHERE state = OLD.state AND type = OLD.type AND severity = OLD.severity AND opened_hour = OLD.opened_at / 3600000;
  DELETE FROM exception_counts WHERE state = OLD.state AND type = OLD.type AND severity = OLD.severity AND opened_hour = OLD.opened_at / 3600000 AND n <= 0;
  UPDATE exception_owner_counts SET n = n - 1
    WHERE state = OLD.state AND owner_key = CASE WHEN OLD.owner_user_id IS NOT NULL THEN 'u:' || OLD.owner_user_id ELSE 'r:' || coalesce(OLD.owner_role, '') END AND severity = OLD.severity;
  DELETE FROM exception_owner_counts WHERE n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER exceptions_count_update_old AFTER UPDATE OF state, type, severity, opened_at, owner_role, owner_user_id ON exceptions WHEN OLD.state <> 'closed'
BEGIN
  UPDATE exception_counts SET n = n - 1 WHERE state = OLD.state AND type = OLD.type AND severity = OLD.severity AND opened_hour = OLD.opened_at / 3600000;
  DELETE FROM exception_counts WHERE state = OLD.state AND type = OLD.type AND severity = OLD.severity AND opened_hour = OLD.opened_at / 3600000 AND n <= 0;
  UPDATE exception_owner_counts SET n = n - 1
    WHERE state = OLD.state AND owner_key = CASE WHEN OLD.owner_user_id IS NOT NULL THEN 'u:' || OLD.owner_user_id ELSE 'r:' || coalesce(OLD.owner_role, '') END AND severity = OLD.severity;
  DELETE FROM exception_owner_counts WHERE n <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER exceptions_count_update_new AFTER UPDATE OF state, type, severity, opened_at, owner_role, owner_user_id ON exceptions WHEN NEW.state <> 'closed'
BEGIN
  INSERT INTO exception_counts (state, type, severity, opened_hour, n) VALUES (NEW.state, NEW.type, NEW.severity, NEW.opened_at / 3600000, 1)
    ON CONFLICT (state, type, severity, opened_hour) DO UPDATE SET n = n + 1;
  INSERT INTO exception_owner_counts (state, owner_key, severity, n)
    VALUES (NEW.state, CASE WHEN NEW.owner_user_id IS NOT NULL THEN 'u:' || NEW.owner_user_id ELSE 'r:' || coalesce(NEW.owner_role, '') END, NEW.severity, 1)
    ON CONFLICT (state, owner_key, severity) DO UPDATE SET n = n + 1;
END;
