-- Ingest at scale (issue 13): a statement's lookup of the ledger pledges it reaches (consolidation, issues 7 and 10)
-- wants live pledges only, but the match indexes of 0006 and 0010 also held every pledge merged into another (a
-- retracted version "merged into #N" stays in pledge_current). Those pile up per key as a corpus grows (long chains of
-- restatements merge again and again) and were read and thrown away by every lookup. The same indexes, live pledges
-- only; the lookup states NOT retracted in each branch so the planner can use them.
CREATE INDEX pledge_current_match_live ON pledge_current (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)), announced_on)
    WHERE NOT retracted;
CREATE INDEX pledge_current_long_span_live ON pledge_current (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)), announced_on)
    WHERE last_stated_on > announced_on + 60 AND NOT retracted;
DROP INDEX pledge_current_match;
DROP INDEX pledge_current_long_span;
