using GridGov.Grains.Domain;

namespace GridGov.Grains.Live;

/// <summary>
/// A grid delta on its way up, told ahead of the durable path so that every level can show it when the community
/// first hears of it (see <see cref="Domain.Deltas.LiveOverlay"/>). <see cref="Child"/> is the level below the
/// receiver it came through; <see cref="FromSeq"/>..<see cref="ToSeq"/> number the grid's deltas to its community.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveHint(
    [property: Id(0)] string Child,
    [property: Id(1)] string Grid,
    [property: Id(2)] long Commit,
    [property: Id(3)] CounterSet Change,
    [property: Id(4)] long FromSeq,
    [property: Id(5)] long ToSeq)
{
    /// <summary>The hint of a grid's delta to its community, or null if <paramref name="delta"/> is not one.</summary>
    public static LiveHint? OfGridDelta(Domain.Deltas.Delta delta) =>
        UnitKey.OfAddress(delta.Sender).Level == UnitLevel.Grid && delta.Origins.TryGetValue(delta.Sender, out var commit)
            ? new LiveHint(delta.Sender, delta.Sender, commit, delta.Counters, delta.FromSeq, delta.ToSeq)
            : null;
}
