-- A client's email links prove control of one address. When the address changes (by staff, by an
-- import, by anything), pending confirm/reset links are retired and the new address is unconfirmed.
-- In the database so that every write path is covered, not only the ones that remember to.
CREATE OR REPLACE FUNCTION clients_email_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE trader_tokens SET used_at = now() WHERE client_id = NEW.id AND used_at IS NULL;
  UPDATE trader_accounts SET email_confirmed_at = NULL WHERE client_id = NEW.id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER clients_email_changed AFTER UPDATE OF email ON clients
  FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION clients_email_changed();
