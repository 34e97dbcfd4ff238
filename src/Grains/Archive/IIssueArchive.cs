using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>Settled issues with their histories, partitioned by grid and month; readable by id without a scan.</summary>
public interface IIssueArchive
{
    /// <summary>Stores the issues and their histories. Idempotent: saving an issue again overwrites it.</summary>
    Task Save(IReadOnlyCollection<Issue> issues, CancellationToken ct = default);

    /// <summary>The archived issue with its full history, or null.</summary>
    Task<Issue?> Find(string issueId, CancellationToken ct = default);

    /// <summary>A page of a grid's archived issues received in one month (without histories).</summary>
    Task<ArchivePage> List(string gridId, int month, string? continuation, int pageSize, CancellationToken ct = default);

    /// <summary>Deletes the grid's archived issues received in <paramref name="year"/>, with their histories.</summary>
    Task DeleteYear(string gridId, int year, CancellationToken ct = default);
}

public sealed record ArchivePage(IReadOnlyList<Issue> Issues, string? Continuation);
