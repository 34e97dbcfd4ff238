using GridGov.Grains.Domain.Deltas;

namespace GridGov.Grains.Live;

/// <summary>
/// A deputy's issue cards that are ahead of its stored inbox: taken from a grid's delta as it arrives, or from the
/// grid's hint while an earlier delta is still in flight. Both come from the grid's committed outbox, so the deputy's
/// screens may show them at once instead of after the deputy's next write; the entry goes when the stored inbox
/// covers it. Per issue the newest delta number wins, so a late or repeated message never shows an older card.
/// </summary>
public sealed class CardsAhead
{
    private static readonly IReadOnlyDictionary<string, IssueCard?> Nothing = new Dictionary<string, IssueCard?>();
    private readonly Dictionary<string, Entry> _cards = [];

    private readonly record struct Entry(string Sender, long Seq, IssueCard? Card);

    public int Count => _cards.Count;

    /// <summary>
    /// Takes the cards of <paramref name="sender"/>'s deltas up to number <paramref name="seq"/> and returns those that
    /// are news: not stored yet and not already taken from the same or a later delta (null: the issue left the deputy).
    /// </summary>
    public IReadOnlyDictionary<string, IssueCard?> Take(string sender, long seq, IReadOnlyDictionary<string, IssueCard?> cards, Inbox stored)
    {
        if (cards.Count == 0 || seq <= stored.AppliedSeq(sender)) return Nothing;
        var news = new Dictionary<string, IssueCard?>();
        foreach (var (id, card) in cards)
        {
            if (_cards.TryGetValue(id, out var taken) && taken.Seq >= seq) continue;
            _cards[id] = new Entry(sender, seq, card);
            news[id] = card;
        }
        return news;
    }

    /// <summary>Forgets the cards the stored inbox now covers.</summary>
    public void Prune(Inbox stored)
    {
        foreach (var (id, taken) in _cards.ToList())
            if (taken.Seq <= stored.AppliedSeq(taken.Sender)) _cards.Remove(id);
    }

    /// <summary>The stored cards with the ones ahead of them laid over.</summary>
    public IEnumerable<IssueCard> Over(Inbox stored)
    {
        var storedCards = stored.Senders.Values.SelectMany(l => l.Cards.Values);
        // Nothing ahead (no load): the stored cards as they are, without a copy (automatic assignment asks per candidate).
        if (_cards.Count == 0) return storedCards;
        var cards = storedCards.ToDictionary(c => c.Id);
        foreach (var (id, taken) in _cards)
        {
            if (taken.Seq <= stored.AppliedSeq(taken.Sender)) continue;
            if (taken.Card is null) cards.Remove(id);
            else cards[id] = taken.Card;
        }
        return cards.Values;
    }
}
