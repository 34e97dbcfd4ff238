namespace GridGov.Grains.Domain;

/// <summary>Where a resident raised the issue.</summary>
public enum IssueChannel
{
    Reception,
    LiaisonStation,
    Online,
    Hotline,
    DeputyVisit,
    Appointment,
}
