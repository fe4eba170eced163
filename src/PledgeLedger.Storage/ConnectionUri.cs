using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>
/// A libpq connection URI for a ledger, for psql and other libpq clients. A password never goes into the URI:
/// the embedded cluster's is in $PLEDGE_HOME/pgpass; a PLEDGE_DB password is written to a .pgpass-format file of
/// mode 0600 in $PLEDGE_HOME, named after the server, user and database, and the URI names that file (passfile=).
/// </summary>
public static class ConnectionUri
{
    public static string For(LedgerLocation location)
    {
        if (location.IsEmbedded) return new EmbeddedPostgres(location.Home).ConnectionUri();
        var b = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        var host = b.Host ?? "";
        var uri = new StringBuilder("postgresql://");
        // A socket directory goes in the query (host=/dir); a name or address in the authority.
        var socket = host.StartsWith('/');
        if (!socket) uri.Append(Part(host)).Append(':').Append(b.Port);
        uri.Append('/').Append(Part(b.Database ?? ""));
        var query = new List<string>();
        if (socket) query.AddRange([$"host={Part(host)}", $"port={b.Port}"]);
        if (!string.IsNullOrEmpty(b.Username)) query.Add($"user={Part(b.Username)}");
        if (!string.IsNullOrEmpty(b.Password)) query.Add($"passfile={Part(WritePassfile(location.Home, host, b.Port, b.Database ?? "", b.Username ?? "", b.Password))}");
        if (b.SslMode is not SslMode.Prefer) query.Add($"sslmode={Part(SslModeName(b.SslMode))}");
        if (query.Count > 0) uri.Append('?').AppendJoin('&', query);
        return uri.ToString();
    }

    private static string SslModeName(SslMode mode) => mode switch
    {
        SslMode.Disable => "disable",
        SslMode.Allow => "allow",
        SslMode.Require => "require",
        SslMode.VerifyCA => "verify-ca",
        SslMode.VerifyFull => "verify-full",
        _ => "prefer",
    };

    private static string Part(string value) => Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal);

    private static string WritePassfile(string home, string host, int port, string database, string user, string password)
    {
        var fields = new[] { host, port.ToString(System.Globalization.CultureInfo.InvariantCulture), database, user, password }
            .Select(f => f.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal));
        var line = string.Join(':', fields) + "\n";
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{host}\n{port}\n{database}\n{user}")))[..12];
        var path = Path.Combine(Path.GetFullPath(home), $"pgpass-{name}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileModes.PrivateFile());
        FileModes.Set(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var writer = new StreamWriter(stream);
        writer.Write(line);
        return path;
    }
}
