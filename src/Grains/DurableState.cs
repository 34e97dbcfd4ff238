namespace GridGov.Grains;

public static class DurableState
{
    /// <summary>
    /// Stores <paramref name="next"/> as the grain's state: memory holds it only once the write has landed, and holds
    /// what it held before when the write fails (a 2xx means durable; a failed write leaves nothing half-changed).
    /// </summary>
    public static async Task Store<T>(this IPersistentState<T> storage, T next)
    {
        var before = storage.State;
        storage.State = next;
        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            storage.State = before;
            throw;
        }
    }
}
