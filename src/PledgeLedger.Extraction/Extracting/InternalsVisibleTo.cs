using System.Runtime.CompilerServices;

// The matcher tests compare the extractor's gated, anchored matchers with the plain patterns they stand for.
[assembly: InternalsVisibleTo("PledgeLedger.Extraction.Tests")]
