-- Ingest at scale (issue 13): a statement's lookup of the ledger pledges it reaches (consolidation, issues 7 and 10)
-- read, through the match indexes of 0006 and 0010, every pledge with the statement's donor and amount or quantity in
-- its window, whatever the currency, system or period, and also every pledge merged into another (a retracted
-- version "merged into #N" stays in pledge_current). Both kinds pile up per key as a corpus grows (on 200,000
-- generated articles the lookup returned 6x the rows a batch in its last tenth than in its first) and were read and
-- thrown away by every lookup. The same indexes, live pledges only, with the currency (money) or system (equipment)
-- and the period, which Core's key also requires to be equal.
CREATE INDEX pledge_current_match_live ON pledge_current
    (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)), (coalesce(currency, system_id, '')), period, announced_on)
    WHERE NOT retracted;
CREATE INDEX pledge_current_long_span_live ON pledge_current
    (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)), (coalesce(currency, system_id, '')), period, announced_on)
    WHERE last_stated_on > announced_on + 60 AND NOT retracted;
DROP INDEX pledge_current_match;
DROP INDEX pledge_current_long_span;
