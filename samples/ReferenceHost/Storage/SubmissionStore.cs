using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ProcedureForms.ReferenceHost.Storage;

/// <summary>The statuses a submission moves through, with the words staff and residents see.</summary>
public static class Statuses
{
    public const string Submitted = "submitted";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Returned = "returned";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Submitted] = "送信済",
        [Processing] = "処理中",
        [Completed] = "処理完了",
        [Returned] = "差し戻し",
        [Rejected] = "申請却下",
        [Withdrawn] = "取下げ",
    };

    /// <summary>Where each status may go next; 処理完了, 申請却下 and 取下げ are final.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Next = new Dictionary<string, string[]>
    {
        [Submitted] = [Processing, Returned, Rejected, Withdrawn],
        [Processing] = [Completed, Returned, Rejected, Withdrawn],
        [Returned] = [Processing, Withdrawn],
        [Completed] = [],
        [Rejected] = [],
        [Withdrawn] = [],
    };
}

/// <summary>A stored submission: the bytes as received and where it stands.</summary>
public sealed record StoredSubmission(long Id, string ReceptionNumber, string FormId, string FormVersion, DateTimeOffset ReceivedAt, byte[] Body, string BodySha256, string Status);

/// <summary>One line of the list staff work from (no body).</summary>
public sealed record SubmissionSummary(string ReceptionNumber, string FormId, string FormVersion, DateTimeOffset ReceivedAt, string Status);

/// <summary>One status change: who, when, why.</summary>
public sealed record StatusChange(string Status, string? Reason, string Actor, DateTimeOffset ChangedAt);

/// <summary>The outcome of asking for a status change.</summary>
public enum ChangeOutcome { Changed, NotFound, NotAllowed }

/// <summary>
/// Submissions in a real database: SQLite (a file, created on first start) or PostgreSQL. Plain ADO.NET, the same SQL
/// for both but the versioned schema scripts (Storage/Scripts/{provider}/NNN_name.sql), applied at start. A submission and
/// its first history line are written in one transaction, and the caller acknowledges only after the commit.
/// </summary>
public sealed class SubmissionStore
{
    private readonly Func<DbConnection> _open;
    private readonly string _provider;

    private SubmissionStore(Func<DbConnection> open, string provider)
    {
        _open = open;
        _provider = provider;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider => _provider;

    /// <summary>A store in an SQLite file (its folder is created if needed).</summary>
    public static SubmissionStore Sqlite(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        return new SubmissionStore(() => new SqliteConnection(connectionString), "sqlite");
    }

    /// <summary>A store in a PostgreSQL database.</summary>
    public static SubmissionStore Postgres(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new SubmissionStore(dataSource.CreateConnection, "postgres");
    }

    /// <summary>Creates or updates the schema: every script newer than the database's version, each in its own transaction.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (_provider == "sqlite")
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken); // readers never wait for the writer
        else
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken); // two hosts starting together take turns
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", [], cancellationToken), CultureInfo.InvariantCulture);
        foreach (var (version, sql) in Scripts().Where(s => s.Version > current))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await ScalarAsync(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)",
                [("v", version), ("at", Timestamp(DateTimeOffset.UtcNow))], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    // Any number the app's other locks do not use; held for the session, released when the connection closes.
    private const long MigrationLock = 0x50_46_4F_52_4D_53; // "PFORMS"

    /// <summary>The schema version the database is at.</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt32(await ScalarAsync(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", [], cancellationToken), CultureInfo.InvariantCulture);
    }

    private IEnumerable<(int Version, string Sql)> Scripts()
    {
        var assembly = typeof(SubmissionStore).Assembly;
        var prefix = $"{assembly.GetName().Name}.Storage.Scripts.{_provider}.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // Resource names turn "001_x.sql" into "_001_x.sql": the version is the leading digits.
            var file = name[prefix.Length..].TrimStart('_');
            var version = int.Parse(file[..file.IndexOf('_')], CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (version, reader.ReadToEnd());
        }
    }

    /// <summary>
    /// Stores a validated submission and its first status (送信済) in one transaction. Returns it with the resident's
    /// receipt token, which only the SHA-256 of is kept: whoever holds the token may see this submission and no other.
    /// </summary>
    /// <param name="formId">The form.</param>
    /// <param name="formVersion">The version it was validated against.</param>
    /// <param name="body">The bytes as received.</param>
    /// <param name="now">When.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <param name="enteredBy">The staff account that entered it at the counter, or null for the resident online.</param>
    /// <param name="kana">Its フリガナ, for searching.</param>
    public async Task<(StoredSubmission Submission, string ReceiptToken)> AddAsync(string formId, string formVersion, byte[] body, DateTimeOffset now, CancellationToken cancellationToken = default,
        string? enteredBy = null, string? kana = null)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(body));
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A placeholder number until the id is known; both in the same transaction, so no one sees the placeholder.
        var placeholder = "pending-" + Guid.NewGuid().ToString("N");
        var id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO submissions (reception_number, receipt_hash, form_id, form_version, received_at, body, body_sha256, status, entered_by, kana) " +
            "VALUES (@number, @receipt, @form, @version, @at, @body, @sha, @status, @by, @kana) RETURNING id",
            [("number", placeholder), ("receipt", Hash(token)), ("form", formId), ("version", formVersion), ("at", Timestamp(now)), ("body", body), ("sha", sha256), ("status", Statuses.Submitted),
             ("by", (object?)enteredBy ?? DBNull.Value), ("kana", (object?)kana ?? DBNull.Value)],
            cancellationToken), CultureInfo.InvariantCulture);
        var number = ReceptionNumber(now, id);
        await ScalarAsync(connection, transaction, "UPDATE submissions SET reception_number = @number WHERE id = @id", [("number", number), ("id", id)], cancellationToken);
        // Entered at the counter: the history says by whom (the staff member), and that it was entered for the resident.
        await ScalarAsync(connection, transaction,
            "INSERT INTO status_history (submission_id, status, reason, actor, changed_at) VALUES (@id, @status, @reason, @actor, @at)",
            [("id", id), ("status", Statuses.Submitted), ("reason", enteredBy is null ? DBNull.Value : EnteredAtCounter), ("actor", enteredBy ?? "resident"), ("at", Timestamp(now))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new StoredSubmission(id, number, formId, formVersion, now, body, sha256, Statuses.Submitted), token);
    }

    /// <summary>The history's note on a submission staff entered for a resident at the counter.</summary>
    public const string EnteredAtCounter = "窓口で職員が入力（書かない窓口）";

    /// <summary>The history's note that the resident's signed paper was received.</summary>
    public const string SignedPaperReceived = "署名済みの申請書（紙）を受領";

    /// <summary>
    /// Records in the history, at the current status, that the signed paper of a counter entry came back: once (a second
    /// click adds nothing), and only for a submission staff entered at the counter. False when there is no such entry.
    /// </summary>
    public async Task<bool> RecordSignedPaperAsync(string number, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // One statement: the current status, the counter-entry condition and the once-only rule read where it is written.
        var added = await ExecuteCountAsync(connection, null,
            "INSERT INTO status_history (submission_id, status, reason, actor, changed_at) " +
            "SELECT s.id, s.status, @reason, @actor, @at FROM submissions s WHERE s.reception_number = @number " +
            "AND EXISTS (SELECT 1 FROM status_history h WHERE h.submission_id = s.id AND h.reason = @entered) " +
            "AND NOT EXISTS (SELECT 1 FROM status_history h WHERE h.submission_id = s.id AND h.reason = @reason)",
            [("reason", SignedPaperReceived), ("actor", actor), ("at", Timestamp(now)), ("number", number), ("entered", EnteredAtCounter)], cancellationToken);
        if (added > 0) return true;
        // Already recorded is done too; not a counter entry, or no such number, is not.
        return Convert.ToInt64(await ScalarAsync(connection, null,
            "SELECT COUNT(*) FROM status_history h JOIN submissions s ON s.id = h.submission_id WHERE s.reception_number = @number AND h.reason = @reason",
            [("number", number), ("reason", SignedPaperReceived)], cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>受付番号: the day it came in (JST) and a running number, e.g. 20261128-000042.</summary>
    private static string ReceptionNumber(DateTimeOffset at, long id) =>
        $"{at.ToOffset(TimeSpan.FromHours(9)):yyyyMMdd}-{id:D6}";

    /// <summary>The submission the receipt token was given for, or null.</summary>
    public async Task<StoredSubmission?> FindByReceiptAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        return await FindAsync("receipt_hash = @key", Hash(token), cancellationToken);
    }

    /// <summary>The submission with this reception number, or null.</summary>
    public Task<StoredSubmission?> FindByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        FindAsync("reception_number = @key", number, cancellationToken);

    private async Task<StoredSubmission?> FindAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT id, reception_number, form_id, form_version, received_at, body, body_sha256, status FROM submissions WHERE {where}", [("key", key)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredSubmission(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseTimestamp(reader.GetString(4)),
            (byte[])reader.GetValue(5), reader.GetString(6), reader.GetString(7));
    }

    /// <summary>Submissions for staff, newest first, filtered by form, day range (JST) and status.</summary>
    public async Task<IReadOnlyList<SubmissionSummary>> ListAsync(string? formId, DateOnly? from, DateOnly? until, string? status, int limit = 500, CancellationToken cancellationToken = default, int offset = 0,
        string? number = null, string? kana = null)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        if (!string.IsNullOrEmpty(number))
        {
            conditions.Add("reception_number = @number");
            parameters.Add(("number", number));
        }
        if (SearchKana(kana) is { Length: > 0 } k)
        {
            // Part of the フリガナ, spaces ignored on both sides (「イタバシ ハナコ」 is found by 「バシハナ」).
            conditions.Add("kana LIKE @kana ESCAPE '\\'");
            parameters.Add(("kana", "%" + k.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
        }
        if (!string.IsNullOrEmpty(formId))
        {
            conditions.Add("form_id = @form");
            parameters.Add(("form", formId));
        }
        if (from is { } f)
        {
            conditions.Add("received_at >= @from");
            parameters.Add(("from", Timestamp(new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)))));
        }
        if (until is { } u)
        {
            conditions.Add("received_at < @until");
            parameters.Add(("until", Timestamp(new DateTimeOffset(u.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)))));
        }
        if (!string.IsNullOrEmpty(status))
        {
            conditions.Add("status = @status");
            parameters.Add(("status", status));
        }
        parameters.Add(("limit", limit));
        parameters.Add(("offset", offset));
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT reception_number, form_id, form_version, received_at, status FROM submissions{where} ORDER BY received_at DESC, id DESC LIMIT @limit OFFSET @offset", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<SubmissionSummary>();
        while (await reader.ReadAsync(cancellationToken))
            list.Add(new SubmissionSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseTimestamp(reader.GetString(3)), reader.GetString(4)));
        return list;
    }

    /// <summary>フリガナ as stored and searched: spaces (half and full width) removed; null when empty.</summary>
    public static string? SearchKana(string? kana) =>
        kana is null ? null : kana.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal) is { Length: > 0 } k ? k : null;

    /// <summary>Every status the submission has had, oldest first.</summary>
    public async Task<IReadOnlyList<StatusChange>> HistoryAsync(long submissionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT status, reason, actor, changed_at FROM status_history WHERE submission_id = @id ORDER BY id", [("id", submissionId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<StatusChange>();
        while (await reader.ReadAsync(cancellationToken))
            list.Add(new StatusChange(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), ParseTimestamp(reader.GetString(3))));
        return list;
    }

    /// <summary>
    /// Moves a submission to <paramref name="status"/> if its current status allows it, and records who and when; the
    /// check and the change are one transaction, so two staff members cannot both move it from the same status.
    /// </summary>
    public async Task<ChangeOutcome> ChangeStatusAsync(string number, string status, string? reason, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var find = Command(connection, transaction, "SELECT id, status FROM submissions WHERE reception_number = @number", [("number", number)]);
        long id;
        string current;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return ChangeOutcome.NotFound;
            (id, current) = (reader.GetInt64(0), reader.GetString(1));
        }
        if (!Statuses.Next.TryGetValue(current, out var next) || !next.Contains(status)) return ChangeOutcome.NotAllowed;
        var updated = Convert.ToInt32(await ExecuteCountAsync(connection, transaction,
            "UPDATE submissions SET status = @status WHERE id = @id AND status = @current", [("status", status), ("id", id), ("current", current)], cancellationToken));
        if (updated != 1) return ChangeOutcome.NotAllowed;
        await ScalarAsync(connection, transaction,
            "INSERT INTO status_history (submission_id, status, reason, actor, changed_at) VALUES (@id, @status, @reason, @actor, @at)",
            [("id", id), ("status", status), ("reason", (object?)reason ?? DBNull.Value), ("actor", actor), ("at", Timestamp(now))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ChangeOutcome.Changed;
    }

    /// <summary>The Data Protection keys every instance shares, as stored (Data Protection's repository reads them synchronously).</summary>
    public IReadOnlyList<string> DataProtectionKeys()
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT xml FROM data_protection_keys ORDER BY id", []);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Stores a new Data Protection key; a key another instance stored under the same name first is kept.</summary>
    public void StoreDataProtectionKey(string friendlyName, string xml)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING", [("name", friendlyName), ("xml", xml)]);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Counts one sign-in attempt from <paramref name="address"/> in the minute of <paramref name="now"/> and returns how
    /// many that address has made in it, on every instance: one atomic statement, so two instances never both read the
    /// same count. Minutes older than an hour are cleared on the way.
    /// </summary>
    public async Task<int> CountSignInAttemptAsync(string address, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var minute = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, now.UtcDateTime.Day, now.UtcDateTime.Hour, now.UtcDateTime.Minute, 0, TimeSpan.Zero);
        await using var connection = await OpenAsync(cancellationToken);
        var count = Convert.ToInt32(await ScalarAsync(connection, null,
            "INSERT INTO sign_in_attempts (address, window_start, attempts) VALUES (@address, @window, 1) " +
            "ON CONFLICT (address, window_start) DO UPDATE SET attempts = sign_in_attempts.attempts + 1 RETURNING attempts",
            [("address", address), ("window", Timestamp(minute))], cancellationToken), CultureInfo.InvariantCulture);
        await ExecuteCountAsync(connection, null, "DELETE FROM sign_in_attempts WHERE window_start < @old", [("old", Timestamp(minute.AddHours(-1)))], cancellationToken);
        return count;
    }

    private DbConnection Open()
    {
        var connection = _open();
        connection.Open();
        if (_provider == "sqlite")
        {
            using var pragmas = Command(connection, null, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000", []);
            pragmas.ExecuteNonQuery();
        }
        return connection;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _open();
        await connection.OpenAsync(cancellationToken);
        if (_provider == "sqlite")
        {
            // A commit is on disk before it returns (the default in WAL mode is NORMAL, which can lose the last commits
            // on power loss): a 201 means the submission survives a crash. Foreign keys are off by default in SQLite.
            await ExecuteAsync(connection, null, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000", cancellationToken);
        }
        return connection;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, []);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ExecuteCountAsync(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string, object)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string, object)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
