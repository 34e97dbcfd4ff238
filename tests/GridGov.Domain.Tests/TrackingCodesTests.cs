using GridGov.Grains.Domain;

namespace GridGov.Domain.Tests;

/// <summary>A tracking code is an issue id, a dot and a secret; it parses back to both halves.</summary>
public class TrackingCodesTests
{
    [Fact]
    public void A_composed_code_parses_back_to_its_id_and_secret()
    {
        var code = TrackingCodes.Compose("grid-a-202603-000001", "ABCD234567");
        Assert.Equal("grid-a-202603-000001.ABCD234567", code);
        Assert.True(TrackingCodes.TryParse(code, out var id, out var secret));
        Assert.Equal("grid-a-202603-000001", id);
        Assert.Equal("ABCD234567", secret);
    }

    [Fact]
    public void An_issue_tracking_code_parses_and_matches_its_secret()
    {
        var issue = IssueLifecycle.Submit("grid-a-202603-000042", IssueBuilder.Input(), IssueBuilder.T0, autoAccept: false, deputyId: null, SlaPolicy.Default);
        Assert.Matches("^[A-HJ-NP-Z2-9]{10}$", issue.TrackingSecret);
        Assert.True(TrackingCodes.TryParse(issue.TrackingCode, out var id, out var secret));
        Assert.Equal(issue.Id, id);
        Assert.True(TrackingCodes.Matches(issue, secret));
        Assert.False(TrackingCodes.Matches(issue, "WRONG23456"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("grid-a-202603-000001")]        // no secret part
    [InlineData("grid-a-202603-000001.")]       // empty secret
    [InlineData(".ABCD234567")]                 // empty id
    [InlineData("grid-a.ABCD234567")]           // not an issue id
    [InlineData("grid-a-202613-000001.ABCD234567")]
    public void Malformed_codes_are_refused(string? code) =>
        Assert.False(TrackingCodes.TryParse(code, out _, out _));
}
