using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>
/// The shared-server roles <c>pledge_reader</c> and <c>pledge_writer</c>: sql/roles.sql, embedded in this assembly
/// (the file says what each may do).
/// </summary>
public static class LedgerRoles
{
    public const string Reader = "pledge_reader";
    public const string Writer = "pledge_writer";

    /// <summary>The script's text.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Creates the roles if missing and grants them their rights, in one transaction.</summary>
    public static async Task ApplyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(Script, conn, tx))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Grants again after new migrations, when the roles exist (new tables, new trigger functions).</summary>
    internal static void ReapplyIfPresent(NpgsqlConnection conn)
    {
        using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_roles WHERE rolname IN ('{Reader}', '{Writer}')", conn);
        if ((long)exists.ExecuteScalar()! < 2) return;
        using var tx = conn.BeginTransaction();
        try
        {
            using var cmd = new NpgsqlCommand(Script, conn, tx);
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
        catch (PostgresException)
        {
            // Not the owner of everything (the migrations are applied; the grants are not): `pledge db roles` as the
            // owner grants them. The migration itself succeeded and stays.
            tx.Rollback();
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(LedgerRoles).Assembly.GetManifestResourceStream("PledgeLedger.Sql.roles.sql")
            ?? throw new InvalidOperationException("roles.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
