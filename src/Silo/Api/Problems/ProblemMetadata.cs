namespace GridGov.Silo.Api.Problems;

/// <summary>The problems an endpoint's handler can answer, beside those its shape implies (<see cref="EndpointProblems"/>).</summary>
public sealed record ProblemMetadata(IReadOnlyList<ProblemCode> Codes);

public static class ProblemMetadataExtensions
{
    /// <summary>Declares the problems the handler (and the grains it calls) can answer.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params ProblemCode[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemMetadata(codes));
}
