-- Finding "the same pledge" (consolidation) looks pledges up by donor, kind and amount or quantity. One index
-- serves pledge add's duplicate check and ingest's matching; NULL amount/quantity are folded to -1 so that
-- equality (and so the index) applies.
CREATE INDEX pledge_current_match ON pledge_current (donor_code, kind, (coalesce(amount, -1)), (coalesce(quantity, -1)));
