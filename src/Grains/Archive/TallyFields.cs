using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>A tally's counts (not its histograms) as a fixed row of numbers, in one order, for the grid-year codec.</summary>
internal static class TallyFields
{
    public const int Count = 19;

    public static void Fill(Tally t, Span<long> f)
    {
        f[0] = t.Received; f[1] = t.Accepted; f[2] = t.NotAccepted; f[3] = t.RespondedInTime; f[4] = t.RespondedLate;
        f[5] = t.ResponseOverdue; f[6] = t.Resolved; f[7] = t.ClosedUnresolved; f[8] = t.OpenOverdue; f[9] = t.Overdue;
        f[10] = t.Reopened; f[11] = t.Satisfied; f[12] = t.BasicallySatisfied; f[13] = t.Unsatisfied; f[14] = t.NotRated;
        f[15] = t.Voided; f[16] = t.Open; f[17] = t.ResponseMinutes; f[18] = t.ResolutionMinutes;
    }

    /// <summary>Sets the counts of <paramref name="t"/> (not its histograms) from <paramref name="f"/>, in <see cref="Fill"/>'s order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Set(Tally t, ReadOnlySpan<long> f)
    {
        t.Received = f[0]; t.Accepted = f[1]; t.NotAccepted = f[2]; t.RespondedInTime = f[3]; t.RespondedLate = f[4];
        t.ResponseOverdue = f[5]; t.Resolved = f[6]; t.ClosedUnresolved = f[7]; t.OpenOverdue = f[8]; t.Overdue = f[9];
        t.Reopened = f[10]; t.Satisfied = f[11]; t.BasicallySatisfied = f[12]; t.Unsatisfied = f[13]; t.NotRated = f[14];
        t.Voided = f[15]; t.Open = f[16]; t.ResponseMinutes = f[17]; t.ResolutionMinutes = f[18];
    }
}
