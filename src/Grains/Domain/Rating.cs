namespace GridGov.Grains.Domain;

/// <summary>The resident's verdict: 满意 / 基本满意 / 不满意.</summary>
public enum Rating
{
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}
