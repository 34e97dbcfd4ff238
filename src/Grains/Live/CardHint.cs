using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Live;

/// <summary>
/// The cards of a grid's committed delta to a deputy, told ahead while an earlier delta is in flight, so the deputy's
/// screens show it at once (see <see cref="CardsAhead"/>); the durable copy follows through the outbox.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CardHint(
    [property: Id(0)] string Grid,
    [property: Id(1)] long Seq,
    [property: Id(2)] IReadOnlyDictionary<string, IssueCard?> Cards);
