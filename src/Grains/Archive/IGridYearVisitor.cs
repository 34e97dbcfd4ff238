using GridGov.Grains.Domain;

namespace GridGov.Grains.Archive;

/// <summary>What <see cref="GridYearCodec.Walk"/> hands over, in the order the blob holds it.</summary>
public interface IGridYearVisitor
{
    void Held(int month) { }

    /// <summary>Whether <paramref name="month"/>'s cells are wanted; they are skipped otherwise.</summary>
    bool Wants(int month);

    /// <summary>One cell. <paramref name="tally"/> is a scratch object refilled for the next cell: read it, add it, never keep it.</summary>
    void Cell(int month, CellKey key, Tally tally);

    void MonthEnd(int month, int cohort, OpenCount count) { }
}
