using Dapper;
using Npgsql;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>An equipment system as the ledger holds it, with the estimated unit value in force (newest valuation) and its basis.</summary>
public sealed record CatalogEntry(string Id, string Name, string Category, IReadOnlyList<string> Aliases, decimal? UnitValueEur, string? Basis, DateTimeOffset? ValuedAt);

/// <summary>One estimated unit value of a system: appended, never replaced; the newest is in force.</summary>
public sealed record SystemValuation(long Id, string SystemId, decimal UnitValueEur, string Basis, DateTimeOffset RecordedAt);

/// <summary>
/// A free-text equipment item in the ledger (<c>pledge catalog unlisted</c>): current counted-or-not pledges naming it
/// (retracted ones left out), the quantity they state, how many state none, and the donors.
/// </summary>
public sealed record UnlistedItem(string Item, string? Category, int Pledges, long Quantity, int Unquantified, int Donors, IReadOnlyList<string> DonorCodes);

/// <summary>One row of the append-only catalog_additions record.</summary>
public sealed record CatalogAddition(long Id, string SystemId, bool NewSystem, IReadOnlyList<string> Aliases, string? PromotedItem, int PledgesMoved, DateTimeOffset RecordedAt);

/// <summary>The equipment catalog in the ledger and its valuation history (system_valuations, append-only).</summary>
public sealed class CatalogStore(LedgerDatabase db)
{
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(string? category, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = await conn.QueryAsync<EntryRow>(new CommandDefinition($"""
            {EntrySql}
            WHERE @category::text IS NULL OR s.category = @category
            ORDER BY s.category, s.name
            """, new { category }, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<CatalogEntry?> GetAsync(string systemId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition($"{EntrySql} WHERE s.id = @systemId", new { systemId }, cancellationToken: ct));
        return row?.ToEntry();
    }

    /// <summary>Every valuation of a system, newest first.</summary>
    public async Task<IReadOnlyList<SystemValuation>> HistoryAsync(string systemId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = await conn.QueryAsync<ValuationRow>(new CommandDefinition("""
            SELECT id, system_id, unit_value_eur, basis, recorded_at FROM system_valuations
            WHERE system_id = @systemId ORDER BY recorded_at DESC, id DESC
            """, new { systemId }, cancellationToken: ct));
        return rows.Select(r => r.ToValuation()).ToList();
    }

    /// <summary>Appends a valuation; it is in force from now on (earlier reports as of a past time keep theirs).</summary>
    public async Task<SystemValuation> AddValuationAsync(string systemId, decimal unitValueEur, string basis, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        try
        {
            var row = await conn.QuerySingleAsync<ValuationRow>(new CommandDefinition("""
                INSERT INTO system_valuations (system_id, unit_value_eur, basis) VALUES (@systemId, @unitValueEur, @basis)
                RETURNING id, system_id, unit_value_eur, basis, recorded_at
                """, new { systemId, unitValueEur, basis }, cancellationToken: ct));
            return row.ToValuation();
        }
        catch (PostgresException e) when (RefusedValues.Are(e))
        {
            throw e.SqlState == PostgresErrorCodes.ForeignKeyViolation
                ? new LedgerInputException("SYSTEM: not in the equipment catalog", e) : RefusedValues.Refused(e);
        }
    }

    /// <summary>
    /// The ledger's catalog: the seeded systems and every system added since, each with its seeded aliases and the
    /// aliases of its additions (promoted items among them). Commands that take a system name use it, so a system
    /// or alias added with <c>pledge catalog add|promote</c> is known everywhere.
    /// </summary>
    public async Task<IReadOnlyList<EquipmentSystem>> SystemsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        // Read without Dapper (`pledge add` reads the catalog in the Native AOT front, issue 13).
        await using var cmd = new NpgsqlCommand($"{EntrySql} ORDER BY s.id", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var systems = new List<EquipmentSystem>();
        while (await reader.ReadAsync(ct))
        {
            systems.Add(new EquipmentSystem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return systems;
    }

    /// <summary>The equipment categories the ledger knows (equipment_categories).</summary>
    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM equipment_categories ORDER BY code", cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Free-text items of the current pledges (retracted ones left out), one row per item ignoring case and spacing,
    /// labelled with its most frequent spelling; most pledges first, then most items, then by name.
    /// </summary>
    public async Task<IReadOnlyList<UnlistedItem>> UnlistedAsync(string? recipient, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = await conn.QueryAsync<UnlistedRow>(new CommandDefinition("""
            SELECT (SELECT s.item FROM pledge_current s WHERE lower(s.item) = g.k AND NOT s.retracted
                    GROUP BY s.item ORDER BY count(*) DESC, s.item LIMIT 1) AS item,
                   g.category, g.pledges, g.quantity, g.unquantified, g.donor_codes
            FROM (SELECT lower(p.item) AS k,
                         mode() WITHIN GROUP (ORDER BY p.category) AS category,
                         count(*)::int AS pledges, coalesce(sum(p.quantity), 0)::bigint AS quantity,
                         count(*) FILTER (WHERE p.quantity IS NULL)::int AS unquantified,
                         array_agg(DISTINCT p.donor_code ORDER BY p.donor_code) AS donor_codes
                  FROM pledge_current p
                  WHERE p.item IS NOT NULL AND NOT p.retracted AND (@recipient::text IS NULL OR p.recipient_code = @recipient)
                  GROUP BY lower(p.item)) g
            ORDER BY g.pledges DESC, g.quantity DESC, g.k
            """, new { recipient }, cancellationToken: ct));
        return rows.Select(r => new UnlistedItem(r.Item, r.Category, r.Pledges, r.Quantity, r.Unquantified, r.DonorCodes.Length, r.DonorCodes)).ToList();
    }

    /// <summary>
    /// Adds a system to the ledger's catalog (equipment_systems) and records the addition (catalog_additions), in one
    /// transaction. The id, name and aliases must not name another system (checked by the caller against
    /// <see cref="SystemsAsync"/>; the id and name again by the database).
    /// </summary>
    public async Task<CatalogAddition> AddSystemAsync(string id, string name, string category, IReadOnlyList<string> aliases, string? note, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerLocks.TakeWriteAsync(conn, tx, ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO equipment_systems (id, name, category, aliases) VALUES (@id, @name, @category, '{}')",
                new { id, name, category }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.CheckViolation)
        {
            throw new LedgerInputException(e.SqlState switch
            {
                PostgresErrorCodes.UniqueViolation => $"--id/--name: '{id}' or '{name}' is already in the catalog",
                PostgresErrorCodes.ForeignKeyViolation => $"--category: '{category}' is not an equipment category",
                _ => $"--id: '{id}' is not an id (lower-case letters, digits and hyphens, at most 40)",
            }, e);
        }
        // Pledges whose free-text item is the new system's name or one of its aliases move to it.
        var moved = await MovePledgesAsync(conn, tx, [name, .. aliases], id, category, ct);
        var added = await InsertAdditionAsync(conn, tx, id, true, aliases, null, moved, note, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// Promotes a free-text item into the catalog as system <paramref name="systemId"/>: the item (and
    /// <paramref name="aliases"/>) become aliases of the system, and every current pledge naming the item (case and
    /// spacing ignored; retracted ones left alone) gets a new version with the system instead of the item. One
    /// transaction, serialised with ingest batches, so totals, consolidation and listings see the system from then on.
    /// </summary>
    public async Task<CatalogAddition> PromoteAsync(string item, string systemId, IReadOnlyList<string> aliases, string? note, CancellationToken ct)
    {
        var clean = Items.Clean(item) ?? throw new LedgerInputException("ITEM: empty");
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerLocks.TakeWriteAsync(conn, tx, ct);
        var category = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT category FROM equipment_systems WHERE id = @systemId", new { systemId }, tx, cancellationToken: ct))
            ?? throw new LedgerInputException($"--as: '{systemId}' is not in the ledger's catalog (add it first with `pledge catalog add`)");
        var moved = await MovePledgesAsync(conn, tx, [clean], systemId, category, ct);
        var added = await InsertAdditionAsync(conn, tx, systemId, false, [clean, .. aliases], clean, moved, note, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// A new version, naming the system instead of the item, of every current pledge whose free-text item is one of
    /// <paramref name="items"/> (case ignored; retracted pledges left alone). Returns how many.
    /// </summary>
    private static Task<int> MovePledgesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<string> items, string systemId, string category, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition($"""
            WITH cur AS (SELECT * FROM pledge_current WHERE lower(item) = ANY(@items) AND NOT retracted FOR UPDATE)
            {LedgerWriter.NextVersionsSql("cur", PromotionChanges)}
            """, new { items = items.Select(Items.MatchKey).Distinct().ToArray(), systemId, category }, tx, cancellationToken: ct));

    /// <summary>What a promotion changes in a pledge's next version: the system instead of the item, and the reason.</summary>
    private static readonly Dictionary<string, string> PromotionChanges = new(StringComparer.Ordinal)
    {
        ["system_id"] = "@systemId",
        ["category"] = "@category",
        ["reason"] = "'catalog: free-text item \"' || item || '\" is system ' || @systemId",
        ["item"] = "NULL",
    };

    /// <summary>Every catalog addition, oldest first.</summary>
    public async Task<IReadOnlyList<CatalogAddition>> AdditionsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = await conn.QueryAsync<AdditionRow>(new CommandDefinition(
            "SELECT id, system_id, new_system, aliases, promoted_item, pledges_moved, recorded_at FROM catalog_additions ORDER BY id", cancellationToken: ct));
        return rows.Select(r => r.ToAddition()).ToList();
    }

    private static async Task<CatalogAddition> InsertAdditionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string systemId, bool newSystem,
        IReadOnlyList<string> aliases, string? promotedItem, int moved, string? note, CancellationToken ct)
    {
        var distinct = aliases.Select(a => Items.Clean(a)!).Where(a => a is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var row = await conn.QuerySingleAsync<AdditionRow>(new CommandDefinition("""
            INSERT INTO catalog_additions (system_id, new_system, aliases, promoted_item, pledges_moved, note)
            VALUES (@systemId, @newSystem, @aliases, @promotedItem, @moved, @note)
            RETURNING id, system_id, new_system, aliases, promoted_item, pledges_moved, recorded_at
            """, new { systemId, newSystem, aliases = distinct, promotedItem, moved, note }, tx, cancellationToken: ct));
        return row.ToAddition();
    }

    private const string EntrySql = """
        SELECT s.id, s.name, s.category,
               s.aliases || coalesce((SELECT array_agg(a.alias ORDER BY ca.id, a.n) FROM catalog_additions ca
                                       CROSS JOIN LATERAL unnest(ca.aliases) WITH ORDINALITY AS a(alias, n)
                                       WHERE ca.system_id = s.id), '{}') AS aliases,
               v.unit_value_eur, v.basis, v.recorded_at AS valued_at
        FROM equipment_systems s
        LEFT JOIN system_values_as_of('infinity') v ON v.system_id = s.id
        """;

    private Task<NpgsqlConnection> OpenAsync(CancellationToken ct) =>
        db.OpenConnectionAsync(ct);

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed class EntryRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public string[] Aliases { get; set; } = [];
        public decimal? UnitValueEur { get; set; }
        public string? Basis { get; set; }
        public DateTime? ValuedAt { get; set; }

        public CatalogEntry ToEntry() => new(Id, Name, Category, Aliases, UnitValueEur, Basis, ValuedAt is { } t ? Utc(t) : null);
    }

    private sealed class UnlistedRow
    {
        public string Item { get; set; } = "";
        public string? Category { get; set; }
        public int Pledges { get; set; }
        public long Quantity { get; set; }
        public int Unquantified { get; set; }
        public string[] DonorCodes { get; set; } = [];
    }

    private sealed class AdditionRow
    {
        public long Id { get; set; }
        public string SystemId { get; set; } = "";
        public bool NewSystem { get; set; }
        public string[] Aliases { get; set; } = [];
        public string? PromotedItem { get; set; }
        public int PledgesMoved { get; set; }
        public DateTime RecordedAt { get; set; }

        public CatalogAddition ToAddition() => new(Id, SystemId, NewSystem, Aliases, PromotedItem, PledgesMoved, Utc(RecordedAt));
    }

    private sealed class ValuationRow
    {
        public long Id { get; set; }
        public string SystemId { get; set; } = "";
        public decimal UnitValueEur { get; set; }
        public string Basis { get; set; } = "";
        public DateTime RecordedAt { get; set; }

        public SystemValuation ToValuation() => new(Id, SystemId, UnitValueEur, Basis, Utc(RecordedAt));
    }
}
