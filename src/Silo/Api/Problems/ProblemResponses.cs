using Microsoft.AspNetCore.Mvc;

namespace GridGov.Silo.Api.Problems;

public static class ProblemResponses
{
    /// <summary>
    /// Every endpoint mapped under <paramref name="group"/> gets one problem-details response per status it can answer
    /// (<see cref="EndpointProblems"/>), added once all its other conventions have run.
    /// </summary>
    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder
    {
        group.Finally(endpoint =>
        {
            var route = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText;
            foreach (var status in EndpointProblems.For(new EndpointMetadataCollection(endpoint.Metadata), route).Select(p => p.Status).Distinct())
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        });
        return group;
    }
}
