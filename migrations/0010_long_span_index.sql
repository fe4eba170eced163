-- Finding the ledger pledges a statement reaches (consolidation, issue 10): a pledge's statements span
-- announced_on .. last_stated_on (0009). The match index of 0006 bounds announced_on on both sides for spans of up to
-- 60 days; the rare longer spans (long chains of restatements) are found through this partial index, so a common
-- amount is still looked up in its window and not among every such pledge ever.
CREATE INDEX pledge_current_long_span ON pledge_current (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)), announced_on)
    WHERE last_stated_on > announced_on + 60;
