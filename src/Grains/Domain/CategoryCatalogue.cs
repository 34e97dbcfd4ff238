namespace GridGov.Grains.Domain;

/// <summary>An issue category: a stable code and its names in Chinese and English.</summary>
[GenerateSerializer, Immutable]
public sealed record Category([property: Id(0)] string Code, [property: Id(1)] string NameZh, [property: Id(2)] string NameEn);

/// <summary>The categories a district files issues under; the default is the hotline catalogue.</summary>
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
}
