namespace GridGov.Grains.Domain;

/// <summary>Time-limit classes of the hotline conventions (emergency, utilities, general, complex).</summary>
public enum SlaClass
{
    Emergency,
    Utilities,
    General,
    Complex,
}
