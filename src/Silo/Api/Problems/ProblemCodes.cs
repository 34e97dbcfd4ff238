namespace GridGov.Silo.Api.Problems;

/// <summary>
/// Every problem code the API answers, with its status. Endpoints declare theirs (<see cref="ProblemMetadata.Problems"/>);
/// the OpenAPI document lists them per response, and under test an undeclared one fails the request (<see cref="ProblemAudit"/>).
/// </summary>
public static class ProblemCodes
{
    private const int Bad = 400, Unauthorized = 401, Forbidden = 403, NotFound = 404, Unacceptable = 406, Conflict = 409,
        TooLarge = 413, MediaType = 415, TooMany = 429, Unavailable = 503;

    // What the host answers on its own, from an endpoint's shape (EndpointProblems adds them).
    public static readonly ProblemCode Malformed = new(Bad, "request.malformed", "The body, a parameter or a header could not be read.");
    public static readonly ProblemCode NoToken = new(Unauthorized, "unauthorized", "No valid bearer token.");
    public static readonly ProblemCode RoleRefused = new(Forbidden, "forbidden", "The token's role may not call this.");
    public static readonly ProblemCode WrongMediaType = new(MediaType, "unsupported-media-type", "The body is not of a type this accepts.");
    public static readonly ProblemCode RateLimited = new(TooMany, "rate-limited", "Too many requests from this client; see Retry-After.");
    public static readonly ProblemCode Busy = new(Unavailable, "unavailable", "The service is busy or its cluster is changing; try again.");
    public static readonly ProblemCode NotReady = new(Unavailable, "not-ready", "The host does not yet serve what it advertises.");

    // Who may see what.
    public static readonly ProblemCode OutOfScope = new(Forbidden, "scope", "The unit lies outside the caller's scope.");
    public static readonly ProblemCode OtherDeputy = new(Forbidden, "deputy.other", "A deputy asked for another deputy.");
    public static readonly ProblemCode NotAssigned = new(Forbidden, "deputy.not-assigned", "Only the issue's assigned deputy may do this.");
    public static readonly ProblemCode RoleRefusesAction = new(Forbidden, "role", "This role may not take this action.");

    // Units and issues that are not there.
    public static readonly ProblemCode UnknownGrid = new(NotFound, "grid.unknown", "No such grid.");
    public static readonly ProblemCode UnknownIssue = new(NotFound, "issue.unknown", "No such issue.");
    public static readonly ProblemCode UnknownDeputy = new(NotFound, "deputy.unknown", "No such deputy.");
    public static readonly ProblemCode UnknownDistrict = new(NotFound, "district.unknown", "No such district.");
    public static readonly ProblemCode UnknownStreet = new(NotFound, "street.unknown", "No such street.");
    public static readonly ProblemCode UnknownCommunity = new(NotFound, "community.unknown", "No such community.");
    public static readonly ProblemCode UnknownScope = new(NotFound, "scope.unknown", "The scope names no unit.");
    public static readonly ProblemCode UnknownDisplay = new(NotFound, "display.unknown", "No such display token.");
    public static readonly ProblemCode UnknownTrackingCode = new(NotFound, "tracking-code.unknown", "No issue has this tracking code.");
    public static readonly ProblemCode UnknownAction = new(NotFound, "action.unknown", "No such action.");
    public static readonly ProblemCode UnknownPhoto = new(NotFound, "photo.unknown", "No such photo.");

    // Input that is wrong in itself.
    public static readonly ProblemCode ActionInvalid = new(Bad, "action.unknown", "The action does not apply to an issue in this way.");
    public static readonly ProblemCode CategoryMissing = new(Bad, "category.missing", "A category is required.");
    public static readonly ProblemCode CategoryUnknown = new(Bad, "category.unknown", "The category is not in the catalogue.");
    public static readonly ProblemCode ChannelMissing = new(Bad, "channel.missing", "A channel is required.");
    public static readonly ProblemCode ChannelUnknown = new(Bad, "channel.unknown", "No such channel.");
    public static readonly ProblemCode SlaUnknown = new(Bad, "sla.unknown", "No such SLA class.");
    public static readonly ProblemCode TitleMissing = new(Bad, "title.missing", "A title is required.");
    public static readonly ProblemCode[] TooLong =
    [
        .. ((string[])["title", "description", "contact.name", "contact.phone", "location.address"])
            .Select(f => new ProblemCode(Bad, $"{f}.too-long", $"'{f}' is longer than its limit.")),
    ];
    public static readonly ProblemCode NotAcceptable = new(Unacceptable, "not-acceptable", "The Accept header asks for no type this answers in.");
    public static readonly ProblemCode LocationRange = new(Bad, "location.range", "The location is not a latitude and longitude.");
    public static readonly ProblemCode IdempotencyKey = new(Bad, "idempotency-key", "Idempotency-Key must be 1-100 characters.");
    public static readonly ProblemCode DeputyMissing = new(Bad, "deputy.missing", "The action needs a deputyId.");
    public static readonly ProblemCode NoteMissing = new(Bad, "note.missing", "The action needs a note.");
    public static readonly ProblemCode NoteTooLong = new(Bad, "note.too-long", "The note is too long.");
    public static readonly ProblemCode RatingMissing = new(Bad, "rating.missing", "A rating is required.");
    public static readonly ProblemCode StatusUnknown = new(Bad, "status.unknown", "No such status.");
    public static readonly ProblemCode LeaveInvalid = new(Bad, "leave.period", "The leave needs a from and a to, in order, within the limits.");
    public static readonly ProblemCode LeaveReason = new(Bad, "leave.reason", "A leave's reason is at most 200 characters.");
    public static readonly ProblemCode NameMissing = new(Bad, "name.missing", "A name is required.");
    public static readonly ProblemCode NameTooLong = new(Bad, "name.too-long", "The name is too long.");
    public static readonly ProblemCode ScopeInvalid = new(Bad, "scope", "The scope is not street:ID or community:ID.");
    public static readonly ProblemCode PageInvalid = new(Bad, "page", "The page token is not one this API gave.");
    public static readonly ProblemCode PeriodInvalid = new(Bad, "period", "The period is not yyyyMM, Q1..Q4 or the year.");
    public static readonly ProblemCode YearInvalid = new(Bad, "year", "The year is out of range.");
    public static readonly ProblemCode LevelUnknown = new(Bad, "level", "No such level.");
    public static readonly ProblemCode FormatUnknown = new(Bad, "format", "The format is not json, csv or xlsx.");
    public static readonly ProblemCode UnitId = new(Bad, "id", "The unit's id is missing or not of the structure's form.");
    public static readonly ProblemCode DistrictMissing = new(Bad, "district.missing", "Several districts: name one with district=.");
    public static readonly ProblemCode DistrictId = new(Bad, "district.id", "The structure's id does not match the district.");
    public static readonly ProblemCode[] StructureRules =
    [
        new(Bad, "structure.incomplete", "A district needs streets and deputies (either may be empty)."),
        new(Bad, "timezone.unknown", "Unknown time zone."),
        .. ((string[])["district", "street", "community", "grid", "deputy"]).Select(u => new ProblemCode(Bad, $"{u}.id", $"A {u} id must be 1-64 letters, digits, '-', '_' or '.'.")),
        .. ((string[])["street", "community", "grid", "deputy"]).Select(u => new ProblemCode(Bad, $"{u}.duplicate", $"A {u} id is used twice.")),
        new(Bad, "deputy.unknown", "A grid names a deputy who is not in the deputies list."),
    ];

    // Valid input the current state does not allow.
    public static readonly ProblemCode Transition = new(Conflict, "transition", "The issue's status does not allow this action.");
    public static readonly ProblemCode SameDeputy = new(Conflict, "deputy.same", "The issue is already assigned to that deputy.");
    public static readonly ProblemCode GridRetired = new(Conflict, "grid.retired", "The grid is retired and takes no new issues.");
    public static readonly ProblemCode IssueArchived = new(Conflict, "issue.archived", "The issue is settled and archived.");
    public static readonly ProblemCode IssueStale = new(Conflict, "issue.stale", "The issue changed meanwhile; read it again.");
    public static readonly ProblemCode RatingGiven = new(Conflict, "rating.given", "The issue is already rated.");
    public static readonly ProblemCode RatingWindow = new(Conflict, "rating.window", "The rating window is closed, or the issue is not yet closed.");
    public static readonly ProblemCode YearClosed = new(Conflict, "year.closed", "The year is already closed.");
    public static readonly ProblemCode YearNotOver = new(Conflict, "year.notOver", "The year is not over in the district's time zone.");

    // Exports and photos.
    public static readonly ProblemCode LedgerTooLarge = new(TooLarge, "ledger.tooLarge", "The ledger has more rows than one export holds; page the JSON or narrow the unit.");
    public static readonly ProblemCode PhotoMissing = new(Bad, "photo.missing", "The form has no file field \"photo\".");
    public static readonly ProblemCode PhotoEmpty = new(Bad, "photo.empty", "The photo is empty.");
    public static readonly ProblemCode PhotoForm = new(Bad, "photo.form", "The multipart/form-data body could not be read.");
    public static readonly ProblemCode PhotoFormType = new(MediaType, "photo.form", "The body is not multipart/form-data.");
    public static readonly ProblemCode PhotoType = new(MediaType, "photo.type", "Only JPEG, PNG and WebP photos (recognised from the bytes).");
    public static readonly ProblemCode PhotoTooLarge = new(TooLarge, "photo.too-large", "The photo is larger than the limit.");
    public static readonly ProblemCode PhotoLimit = new(Conflict, "photo.limit", "The issue has as many photos as it may.");
    public static readonly ProblemCode PhotoLinkExpired = new(Forbidden, "photo.link-expired", "The photo link has expired; list the photos again.");
    public static readonly ProblemCode PhotoLinkInvalid = new(Forbidden, "photo.link-invalid", "The photo link's signature does not match.");
}
