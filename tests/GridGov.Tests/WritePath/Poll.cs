namespace GridGov.Tests.WritePath;

/// <summary>Polls a grain's state until it satisfies a condition, for a bounded time: no fixed sleeps.</summary>
internal static class Poll
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        T last;
        while (!done(last = await read()))
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {last}");
            }
        }
        return last;
    }
}
