namespace GridGov.Grains.Domain;

/// <summary>An issue category: a stable code and its names in Chinese and English.</summary>
[GenerateSerializer, Immutable]
public sealed record Category([property: Id(0)] string Code, [property: Id(1)] string NameZh, [property: Id(2)] string NameEn);

/// <summary>
/// The categories a district files issues under: the one list the API validates against, names rollups and ledgers
/// with, and serves to the pages (GET /api/categories). The default is the hotline catalogue; a host adds to it (or
/// renames) with <c>GridGov:Categories</c>.
/// </summary>
public sealed class CategoryCatalogue(IReadOnlyList<Category> categories)
{
    public static readonly CategoryCatalogue Default = new(
    [
        new("property", "物业管理", "Property management"),
        new("elderly", "养老服务", "Elderly care"),
        new("education", "教育", "Education"),
        new("water", "饮用水", "Drinking water"),
        new("refuse", "垃圾分类", "Refuse sorting"),
        new("transit", "公共交通", "Public transport"),
        new("roads", "道路交通", "Roads and traffic"),
        new("hukou", "户籍管理", "Household registration"),
        new("sewage", "污水处理", "Sewage"),
        new("food-drug", "食品药品安全", "Food and drug safety"),
        new("environment", "大气环境", "Air and environment"),
        new("security", "社会治安", "Public security"),
        new("building", "房屋安全", "Building safety"),
        new("assistance", "社会救助", "Social assistance"),
        new("employment", "就业", "Employment"),
        new("other", "其他", "Other"),
    ]);

    public IReadOnlyList<Category> All { get; } = categories;

    public bool Contains(string? code) => code is not null && All.Any(c => c.Code == code);

    /// <summary>A category's names; an unknown code (one retired from the catalogue) is its own name.</summary>
    public (string Zh, string En) Names(string code) =>
        All.FirstOrDefault(c => c.Code == code) is { } c ? (c.NameZh, c.NameEn) : (code, code);

    /// <summary>This catalogue with <paramref name="extra"/> added at the end; an extra whose code is already there renames it.
    /// A code is 1-32 letters, digits or '-', and both names are required.</summary>
    public CategoryCatalogue With(IEnumerable<Category>? extra)
    {
        var list = All.ToList();
        foreach (var c in extra ?? [])
        {
            if (string.IsNullOrEmpty(c.Code) || c.Code.Length > 32 || !c.Code.All(x => char.IsAsciiLetterOrDigit(x) || x == '-')
                || string.IsNullOrWhiteSpace(c.NameZh) || string.IsNullOrWhiteSpace(c.NameEn))
                throw new ArgumentException($"GridGov:Categories: '{c.Code}' needs a code of 1-32 letters, digits or '-', a NameZh and a NameEn.");
            var at = list.FindIndex(x => x.Code == c.Code);
            if (at >= 0) list[at] = c;
            else list.Add(c);
        }
        return list.Count == All.Count && list.SequenceEqual(All) ? this : new CategoryCatalogue(list);
    }
}
