using System.Collections;

namespace GridGov.Tests.Fixtures;

/// <summary>
/// Reads eventual state (a grain, an endpoint) until it satisfies a condition, for a bounded time: no fixed sleeps.
/// The one way tests wait for something they cannot be told about.
/// </summary>
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
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {Describe(last)}");
            }
        }
        return last;
    }

    /// <summary>Lists show their items, not their type name.</summary>
    private static string? Describe(object? value) => value is IEnumerable items and not string
        ? $"[{string.Join(", ", items.Cast<object?>())}]"
        : value?.ToString();
}
