namespace PledgeLedger.Cli;

/// <summary>Reads at most a given number of bytes of a stream, then fails: a zip entry cannot unpack past the limit.</summary>
internal sealed class BoundedStream(Stream inner, long max) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        _read += n;
        return _read > max ? throw new UserInputException($"FILE: unpacked data exceeds the limit of {max:N0} bytes (raise it with --max-file-size or {Files.SizeVariable})") : n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
