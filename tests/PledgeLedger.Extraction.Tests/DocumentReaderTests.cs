using System.Text;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PledgeLedger.Extraction.Tests;

/// <summary>Readers per format, and the bad-input corpus: each bad file gives exactly one problem and the batch goes on.</summary>
public sealed class DocumentReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-read-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Plain_text_is_read_with_its_dateline_and_hash()
    {
        var path = Write("a.txt", " date 2024-06-12 Facts\n\nGermany pledges EUR 500 mln to Ukraine\n");
        var doc = Assert.Single(DocumentReader.Read(path)).Document!;
        Assert.Equal("text", doc.Format);
        Assert.Equal(new DateOnly(2024, 6, 12), doc.PublishedOn);
        Assert.Equal(64, doc.ContentHash.Length);
        Assert.Contains("Germany pledges", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_file_read_from_disk_equals_the_same_bytes_read_in_memory()
    {
        // Small files take a direct open/read path: same text, same hash of the whole file, same source, as the bytes.
        var bytes = Encoding.UTF8.GetBytes("KYIV, 12 June 2024 - Sweden pledges SEK 500 mln (“winter aid”) to Ukraine.\n" + new string('x', 5000) + "\n");
        var path = WriteBytes("small.txt", bytes);
        var fromDisk = Assert.Single(DocumentReader.Read(path)).Document!;
        var inMemory = Assert.Single(DocumentReader.ReadBytes(path, bytes)).Document!;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), fromDisk.ContentHash);
        Assert.Equal(inMemory.ContentHash, fromDisk.ContentHash);
        Assert.Equal(inMemory.Text, fromDisk.Text);
        Assert.Equal(inMemory.PublishedOn, fromDisk.PublishedOn);
        Assert.Equal(path, fromDisk.Source);
    }

    [Fact]
    public void Html_drops_scripts_styles_and_navigation_and_keeps_the_article()
    {
        const string Html = """
            <!DOCTYPE html><html><head><title>Aid news</title><style>p{color:red}</style>
            <meta property="article:published_time" content="2024-05-31T12:00:00Z"><link rel="canonical" href="https://example.org/a"></head>
            <body><nav><a href="/">Home</a> Norway pledges NOK 99 billion</nav>
            <div class="cookie-banner">We use cookies</div>
            <script>var x = "Sweden pledges EUR 1 bn";</script>
            <article><h1>Germany to provide another Patriot system</h1><p>Germany will provide EUR 500 mln.</p></article></body></html>
            """;
        var doc = Assert.Single(DocumentReader.Read(Write("page.bin", Html))).Document!;
        Assert.Equal("html", doc.Format);
        Assert.Equal("Aid news", doc.Title);
        Assert.Equal(new DateOnly(2024, 5, 31), doc.PublishedOn);
        Assert.Equal("https://example.org/a", doc.Origin);
        Assert.Contains("Germany will provide EUR 500 mln.", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Norway", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sweden", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cookies", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss_items_become_documents_dated_by_their_pubDate()
    {
        const string Rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
            <item><title>Germany pledges EUR 500 mln</title><link>https://x/1</link><pubDate>Fri, 31 May 2024 20:40:00 +0300</pubDate>
            <description>&lt;p&gt;Berlin will &lt;b&gt;provide&lt;/b&gt; more.&lt;/p&gt;</description></item>
            <item><title>Italy pledges another SAMP/T</title><pubDate>Wed, 12 Jun 2024 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """;
        var path = Write("feed.xml", Rss);
        var docs = DocumentReader.Read(path).Select(r => r.Document!).ToList();
        Assert.Equal(2, docs.Count);
        Assert.Equal(path + "#item-1", docs[0].Source);
        Assert.Equal("rss", docs[0].Format);
        Assert.Equal(new DateOnly(2024, 5, 31), docs[0].PublishedOn);
        Assert.Equal("https://x/1", docs[0].Origin);
        Assert.Contains("Berlin will provide more.", docs[0].Text, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 6, 12), docs[1].PublishedOn);
        Assert.NotEqual(docs[0].ContentHash, docs[1].ContentHash);
    }

    [Fact]
    public void Atom_entries_become_documents_dated_by_published()
    {
        const string Atom = """
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><title>Norway to give Ukraine NOK 7 billion</title><link rel="alternate" href="https://y/1"/>
            <published>2024-03-15T08:00:00Z</published><summary>For air defence.</summary></entry></feed>
            """;
        var doc = Assert.Single(DocumentReader.Read(Write("feed.atom", Atom))).Document!;
        Assert.Equal("atom", doc.Format);
        Assert.Equal(new DateOnly(2024, 3, 15), doc.PublishedOn);
        Assert.Equal("https://y/1", doc.Origin);
        var pledge = Assert.Single(new PledgeExtractor().Extract(doc));
        Assert.Equal(new DateOnly(2024, 3, 15), pledge.Pledge.AnnouncedOn);
    }

    [Fact]
    public void Pdf_text_is_extracted()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("Denmark has delivered 19 F-16 jets to Ukraine", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 750), font);
        var doc = Assert.Single(DocumentReader.Read(WriteBytes("r.pdf", builder.Build()))).Document!;
        Assert.Equal("pdf", doc.Format);
        Assert.Contains("F-16", doc.Text, StringComparison.Ordinal);
        var pledge = Assert.Single(new PledgeExtractor().Extract(doc));
        Assert.Equal(19, pledge.Pledge.Quantity);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "binary.dat", ReadProblemCodes.Binary },
        { "latin1.txt", ReadProblemCodes.InvalidUtf8 },
        { "empty.txt", ReadProblemCodes.Empty },
        { "blank.txt", ReadProblemCodes.Empty },
        { "truncated.pdf", ReadProblemCodes.PdfTruncated },
        { "encrypted.pdf", ReadProblemCodes.PdfEncrypted },
        { "broken.html", ReadProblemCodes.HtmlMalformed },
        { "broken.xml", ReadProblemCodes.FeedMalformed },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_input_yields_exactly_one_problem_naming_the_file_and_the_rest_is_read(string name, string code)
    {
        MakeBadCorpus();
        var results = DocumentReader.Read(_dir).ToList();
        var path = Path.Combine(_dir, "bad", name);
        var problem = Assert.Single(results, r => r.Problem?.Source == path).Problem!;
        Assert.Equal(code, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Contains(results, r => r.Document?.Source == Path.Combine(_dir, "good", "z.txt"));
    }

    [Fact]
    public void Invalid_utf8_names_the_byte_offset()
    {
        var problem = Assert.Single(DocumentReader.ReadBytes("x.txt", [(byte)'a', (byte)'b', 0xE9, (byte)'c'])).Problem!;
        Assert.Equal("invalid UTF-8 at byte 2", problem.Message);
    }

    [Fact]
    public void A_directory_is_walked_recursively_in_ordinal_order()
    {
        Write("b/2.txt", "two");
        Write("a/deep/1.txt", "one");
        Write("c.txt", "three");
        var sources = DocumentReader.Read(_dir).Select(r => r.Document!.Source).ToList();
        Assert.Equal([Path.Combine(_dir, "a/deep/1.txt"), Path.Combine(_dir, "b/2.txt"), Path.Combine(_dir, "c.txt")], sources);
    }

    [Fact]
    public void A_directory_walk_gives_the_order_of_sorting_every_full_path()
    {
        // The walk holds one directory at a time; a subdirectory sorts as its name plus '/', between "b.txt" and "b0.txt".
        string[] names = ["x/b0.txt", "x/b/1.txt", "x/b.txt", "x/B.txt", "x/b/a/2.txt", "x/b-c.txt", "y.txt"];
        foreach (var n in names) Write(n, n);
        var sources = DocumentReader.Read(_dir).Select(r => r.Document!.Source).ToList();
        var expected = names.Select(n => Path.Combine(_dir, n)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, sources);
    }

    [Fact]
    public void A_missing_path_is_a_problem_not_an_exception()
    {
        var problem = Assert.Single(DocumentReader.Read(Path.Combine(_dir, "nope.txt"))).Problem!;
        Assert.Equal(ReadProblemCodes.NotFound, problem.Code);
    }

    [SkippableFact]
    public void An_unreadable_file_is_a_problem()
    {
        Skip.If(OperatingSystem.IsWindows(), "chmod is POSIX");
        var path = Write("secret.txt", "Germany pledges EUR 1 bn");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.None);
        var results = DocumentReader.Read(path).ToList();
        // root reads anything: then the file is simply read.
        Skip.If(Environment.UserName == "root" || results.Single().IsDocument, "running as root: permissions are not enforced");
        Assert.Equal(ReadProblemCodes.Unreadable, results.Single().Problem!.Code);
    }

    [Fact]
    public void A_long_single_line_is_capped_hashed_in_full_and_one_document_with_a_warning()
    {
        var path = Path.Combine(_dir, "long.txt");
        using (var f = File.Create(path))
        {
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Germany pledges EUR 1 bn and more words here ", 1500)));
            long written = 0;
            while (written < 20L * 1024 * 1024)
            {
                f.Write(chunk);
                written += chunk.Length;
            }
        }
        var results = DocumentReader.Read(path).ToList();
        // One outcome: the document (stored, counted once), carrying the truncation as a warning, not a second failure.
        var result = Assert.Single(results);
        var doc = result.Document!;
        Assert.Equal(ReadProblemCodes.Truncated, result.Warning!.Code);
        Assert.True(doc.Text.Length <= DocumentReader.MaxTextBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), doc.ContentHash);
        Assert.NotEmpty(new PledgeExtractor().Extract(doc));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_unread()
    {
        var path = Write("big.txt", "Germany pledges EUR 1 bn. " + new string('x', 3000));
        var problem = Assert.Single(DocumentReader.ReadUpTo(path, maxDocumentBytes: 2048)).Problem!;
        Assert.Equal(ReadProblemCodes.TooLarge, problem.Code);
        Assert.Contains("limit 2,048", problem.Message);
    }

    [Fact]
    public void An_endless_stream_stops_at_the_size_limit()
    {
        // Standard input fed from /dev/zero: never ends, so the limit must end it.
        var problem = Assert.Single(DocumentReader.ReadStream("-", new EndlessStream(), maxDocumentBytes: 1 << 20)).Problem!;
        Assert.Equal(ReadProblemCodes.TooLarge, problem.Code);
    }

    [SkippableFact]
    public void Fifos_and_devices_are_problems_and_never_opened()
    {
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/dev/zero"), "FIFOs and /dev/zero are POSIX");
        Write("a.txt", "Germany pledges EUR 1 bn to Ukraine.");
        var fifo = Path.Combine(_dir, "b.fifo");
        using (var p = System.Diagnostics.Process.Start("mkfifo", [fifo])) p.WaitForExit();
        var results = DocumentReader.Read(_dir).ToList();
        Assert.Single(results, r => r.IsDocument);
        Assert.Equal(ReadProblemCodes.NotRegularFile, Assert.Single(results, r => !r.IsDocument).Problem!.Code);
        Assert.Equal(ReadProblemCodes.NotRegularFile, Assert.Single(DocumentReader.Read("/dev/zero")).Problem!.Code);
    }

    [SkippableFact]
    public void A_link_to_a_file_is_read_and_a_link_to_a_directory_is_not_followed()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links as on POSIX");
        Write("a.txt", "Germany pledges EUR 1 bn to Ukraine.");
        var other = Path.Combine(_dir, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "b.txt"), "France pledges EUR 2 bn to Ukraine.");
        File.CreateSymbolicLink(Path.Combine(_dir, "c.txt"), Path.Combine(other, "b.txt"));
        // A link back up the tree: followed, it would loop.
        Directory.CreateSymbolicLink(Path.Combine(other, "loop"), _dir);

        var sources = DocumentReader.Read(_dir).Select(r => Path.GetRelativePath(_dir, r.Document!.Source)).ToList();

        Assert.Equal(["a.txt", "c.txt", Path.Combine("other", "b.txt")], sources);
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => count;
        public override void Flush()
        {
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private void MakeBadCorpus()
    {
        WriteBytes("bad/binary.dat", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]);
        WriteBytes("bad/latin1.txt", Encoding.Latin1.GetBytes("Germany pledges 500 mln \u20ac to Ukraine, caf\u00e9"));
        WriteBytes("bad/empty.txt", []);
        Write("bad/blank.txt", "   \n\n  \t\n");
        var pdf = MakePdf();
        WriteBytes("bad/truncated.pdf", pdf[..(pdf.Length / 2)]);
        var encrypted = Encoding.Latin1.GetString(pdf).Replace("trailer\n<<", "trailer\n<< /Encrypt 9 0 R", StringComparison.Ordinal);
        if (!encrypted.Contains("/Encrypt", StringComparison.Ordinal)) encrypted = encrypted.Replace("%%EOF", "% /Encrypt 9 0 R\n%%EOF", StringComparison.Ordinal);
        WriteBytes("bad/encrypted.pdf", Encoding.Latin1.GetBytes(encrypted));
        Write("bad/broken.html", "<html><body><p>Germany pledges EUR 1 bn</p><div class=\"x");
        Write("bad/broken.xml", "<?xml version=\"1.0\"?><rss><channel><item><title>Germany pledges EUR 1 bn</title></channel></rss>");
        Write("good/z.txt", "Italy has pledged another SAMP/T.");
    }

    private static byte[] MakePdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("Sweden pledges SEK 7 billion", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 750), font);
        return builder.Build();
    }
}
