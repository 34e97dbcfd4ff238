namespace GridGov.Silo.Api.Problems;

/// <summary>A refusal the API can answer: its HTTP status, its stable <c>code</c>, and what it means.</summary>
public sealed record ProblemCode(int Status, string Code, string Meaning)
{
    public override string ToString() => $"{Status} {Code}";
}
