-- Ingest at scale (issue 13): a ledger pledge that came from a tracker import (evidence in a CSV document) is never
-- consolidated with news. The check behind that looked through every evidence row of each pledge a batch reaches, a
-- cost that grew with the ledger (a pledge restated in thousands of articles has thousands of rows). The CSV documents
-- are few: the check now takes their ids from this index once per batch and probes the evidence of a reached pledge
-- for those documents only.
CREATE INDEX documents_csv ON documents (id) WHERE format = 'csv';
