-- The chart of accounts: the root accounts, then whatever the ledger already names, so that every line can point at a row.
INSERT INTO "ledger_accounts" ("code", "type", "parent", "name", "created_at") VALUES
  ('asset:bank', 'asset', NULL, 'Bank: the platform''s escrow account', now()),
  ('asset:provider_clearing', 'asset', NULL, 'Online payments held at the payment provider', now()),
  ('liability:deposits_held', 'liability', NULL, 'Deposits held, per registration', now()),
  ('liability:court_proceeds', 'liability', NULL, 'Sale proceeds owed to the court, per lot', now()),
  ('liability:refunds_payable', 'liability', NULL, 'Refunds owed, per payee', now()),
  ('liability:forfeited_deposits', 'liability', NULL, 'Forfeited deposits awaiting allocation (A24), per lot', now()),
  ('liability:unapplied_receipts', 'liability', NULL, 'Money received that matched nothing yet', now()),
  ('liability:inquiry_fees_payable', 'liability', NULL, 'Inquiry fees owed to platforms (B31), per platform', now())
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "ledger_accounts" ("code", "type", "parent", "name", "created_at")
SELECT DISTINCT l."account", CASE WHEN l."account" LIKE 'asset:%' THEN 'asset' ELSE 'liability' END, NULL, l."account", now()
FROM "ledger_lines" l
ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_type_check" CHECK ("type" IN ('asset', 'liability', 'income', 'expense'));
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_parent_fk" FOREIGN KEY ("parent") REFERENCES "ledger_accounts"("code");
--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_account_fk" FOREIGN KEY ("account") REFERENCES "ledger_accounts"("code");
--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_one_side" CHECK (("debit" > 0 AND "credit" = 0) OR ("credit" > 0 AND "debit" = 0));
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_phase_check" CHECK ("phase" IN ('posted', 'pending', 'voided'));
--> statement-breakpoint
-- An entry balances, with at least two lines, when its transaction commits (deferred: the lines follow the entry).
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eid bigint;
  n integer;
  d numeric;
  c numeric;
BEGIN
  IF TG_TABLE_NAME = 'ledger_entries' THEN eid := NEW.id; ELSE eid := NEW.entry_id; END IF;
  SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) INTO n, d, c FROM ledger_lines WHERE entry_id = eid;
  IF n < 2 OR d <> c THEN
    RAISE EXCEPTION 'ledger entry % does not balance: % lines, debits %, credits %', eid, n, d, c
      USING ERRCODE = 'check_violation', HINT = 'every journal entry needs debits equal to credits';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_lines_balanced" AFTER INSERT ON "ledger_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();
--> statement-breakpoint
-- Append-only: a correction is a reversing entry. The one change allowed is a pending hold's single step to posted or voided.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'ledger_entries' THEN
    -- Nested: OLD has a phase only on ledger_entries, and only row triggers have an OLD at all.
    IF OLD.phase = 'pending' AND NEW.phase IN ('posted', 'voided') AND (to_jsonb(NEW) - 'phase') = (to_jsonb(OLD) - 'phase') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'the ledger is append-only: % on % is refused; post a reversing entry instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER "ledger_lines_append_only" BEFORE UPDATE OR DELETE ON "ledger_lines" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER "ledger_lines_no_truncate" BEFORE TRUNCATE ON "ledger_lines" FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
