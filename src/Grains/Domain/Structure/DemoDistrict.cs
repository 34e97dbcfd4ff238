namespace GridGov.Grains.Domain.Structure;

/// <summary>
/// A synthetic district shaped like the one in the source reports: 20 streets and towns, 132 communities,
/// 903 grids and 322 deputies, each deputy placed in three neighbouring grids. Every name is made up.
/// Generation is pure arithmetic (no randomness), so every call returns the same structure.
/// </summary>
public static class DemoDistrict
{
    public const int StreetCount = 20;
    public const int CommunityCount = 132;
    public const int GridCount = 903;
    public const int DeputyCount = 322;
    public const int GridsPerDeputy = 3;

    /// <summary>Percentage of deputies who sit at city level; the rest are district deputies.</summary>
    private const int CityLevelPercent = 15;

    /// <summary>The last streets are towns (镇) rather than urban streets (街道).</summary>
    private const int TownCount = 4;

    // Street and town names: (Chinese stem, pinyin stem). 20 entries, one per street.
    private static readonly (string Zh, string En)[] StreetStems =
    [
        ("东湖", "Donghu"), ("西城", "Xicheng"), ("南山", "Nanshan"), ("北苑", "Beiyuan"),
        ("青石", "Qingshi"), ("金桥", "Jinqiao"), ("长河", "Changhe"), ("新华", "Xinhua"),
        ("明珠", "Mingzhu"), ("华林", "Hualin"), ("兴隆", "Xinglong"), ("永宁", "Yongning"),
        ("花园", "Huayuan"), ("龙泉", "Longquan"), ("石门", "Shimen"), ("柳溪", "Liuxi"),
        ("凤凰", "Fenghuang"), ("白沙", "Baisha"), ("桃源", "Taoyuan"), ("松林", "Songlin"),
    ];

    // Community names combine one leading and one trailing syllable: 12 x 12 = 144 distinct stems.
    private static readonly (string Zh, string En)[] CommunityLeads =
    [
        ("春", "Chun"), ("秋", "Qiu"), ("和", "He"), ("文", "Wen"), ("康", "Kang"), ("福", "Fu"),
        ("瑞", "Rui"), ("丰", "Feng"), ("阳", "Yang"), ("清", "Qing"), ("嘉", "Jia"), ("锦", "Jin"),
    ];

    private static readonly (string Zh, string En)[] CommunityTails =
    [
        ("苑", "yuan"), ("桥", "qiao"), ("湾", "wan"), ("里", "li"), ("坊", "fang"), ("庭", "ting"),
        ("港", "gang"), ("塘", "tang"), ("岭", "ling"), ("台", "tai"), ("林", "lin"), ("泉", "quan"),
    ];

    // Deputy names: surname + one or two given-name syllables; 20 x 16 x 16 = 5,120 distinct names.
    private static readonly (string Zh, string En)[] Surnames =
    [
        ("李", "Li"), ("王", "Wang"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
        ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
        ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"), ("林", "Lin"), ("何", "He"), ("郭", "Guo"),
        ("马", "Ma"), ("罗", "Luo"),
    ];

    private static readonly (string Zh, string En)[] GivenFirst =
    [
        ("明", "Ming"), ("建", "Jian"), ("国", "Guo"), ("晓", "Xiao"), ("志", "Zhi"), ("海", "Hai"),
        ("春", "Chun"), ("文", "Wen"), ("丽", "Li"), ("秀", "Xiu"), ("玉", "Yu"), ("永", "Yong"),
        ("德", "De"), ("红", "Hong"), ("家", "Jia"), ("慧", "Hui"),
    ];

    // The empty entry gives two-character names. Every syllable starts with a consonant, so no apostrophes.
    private static readonly (string Zh, string En)[] GivenSecond =
    [
        ("", ""), ("华", "hua"), ("军", "jun"), ("平", "ping"), ("芳", "fang"), ("强", "qiang"),
        ("伟", "wei"), ("梅", "mei"), ("林", "lin"), ("峰", "feng"), ("敏", "min"), ("涛", "tao"),
        ("静", "jing"), ("勇", "yong"), ("兰", "lan"), ("东", "dong"),
    ];

    private static readonly Department[] Departments =
    [
        new("housing", "住建局", "Housing and Construction Bureau"),
        new("urban-management", "城管局", "Urban Management Bureau"),
        new("water", "水务局", "Water Authority"),
        new("transport", "交通运输局", "Transport Bureau"),
        new("environment", "生态环境局", "Ecology and Environment Bureau"),
        new("civil-affairs", "民政局", "Civil Affairs Bureau"),
        new("health", "卫生健康委员会", "Health Commission"),
        new("education", "教育局", "Education Bureau"),
    ];

    public static DistrictStructure Create(string id = "demo")
    {
        var communitiesPerStreet = Apportion(CommunityCount, StreetCount, i => 4 + i * 7 % 9);
        var gridsPerCommunity = Apportion(GridCount, CommunityCount, i => 4 + i * 5 % 7);
        var deputiesByGrid = PlaceDeputies();

        var streets = new List<StreetNode>(StreetCount);
        var communityIndex = 0;
        var gridIndex = 0;
        for (var s = 0; s < StreetCount; s++)
        {
            var streetId = $"s{s + 1:00}";
            var communities = new List<CommunityNode>(communitiesPerStreet[s]);
            for (var c = 0; c < communitiesPerStreet[s]; c++)
            {
                var communityId = $"{streetId}-c{c + 1:00}";
                var (communityZh, communityEn) = CommunityName(communityIndex);
                var grids = new List<GridNode>(gridsPerCommunity[communityIndex]);
                for (var g = 0; g < gridsPerCommunity[communityIndex]; g++)
                {
                    grids.Add(new GridNode(
                        $"{communityId}-g{g + 1:00}",
                        $"{communityZh}第{g + 1}网格",
                        $"{communityEn} Grid {g + 1}",
                        deputiesByGrid[gridIndex]));
                    gridIndex++;
                }
                communities.Add(new CommunityNode(communityId, communityZh, communityEn, grids));
                communityIndex++;
            }
            var (streetZh, streetEn) = StreetName(s);
            streets.Add(new StreetNode(streetId, streetZh, streetEn, communities));
        }

        return new DistrictStructure(id, "示范区", "Demo District", streets, CreateDeputies(), Departments.ToArray());
    }

    /// <summary>Splits <paramref name="total"/> into parts proportional to the weights (largest remainder, ties by index).</summary>
    private static int[] Apportion(int total, int parts, Func<int, int> weight)
    {
        var weights = Enumerable.Range(0, parts).Select(weight).ToArray();
        var weightSum = weights.Sum();
        var counts = weights.Select(w => total * w / weightSum).ToArray();
        var leftover = total - counts.Sum();
        var byRemainder = Enumerable.Range(0, parts)
            .OrderByDescending(i => total * weights[i] % weightSum)
            .ThenBy(i => i)
            .Take(leftover);
        foreach (var i in byRemainder)
            counts[i]++;
        return counts;
    }

    /// <summary>
    /// Gives deputy d the three consecutive grids (in document order) starting at start(d), with the starts
    /// spread evenly from grid 0 to the last three grids. Consecutive starts differ by 2 or 3, so every grid
    /// gets one deputy and the 63 grids where neighbouring deputies overlap get two.
    /// </summary>
    private static IReadOnlyList<string>[] PlaceDeputies()
    {
        var byGrid = Enumerable.Range(0, GridCount).Select(_ => new List<string>(2)).ToArray();
        for (var d = 0; d < DeputyCount; d++)
        {
            var start = d * (GridCount - GridsPerDeputy) / (DeputyCount - 1);
            for (var k = 0; k < GridsPerDeputy; k++)
                byGrid[start + k].Add(DeputyId(d));
        }
        return byGrid.Select(list => (IReadOnlyList<string>)list).ToArray();
    }

    private static List<DeputyProfile> CreateDeputies()
    {
        var deputies = new List<DeputyProfile>(DeputyCount);
        for (var d = 0; d < DeputyCount; d++)
        {
            var (zh, en) = DeputyName(d);
            deputies.Add(new DeputyProfile(DeputyId(d), zh, en, DeputyLevel(d), $"1380000{d + 1:0000}"));
        }
        return deputies;
    }

    private static string DeputyId(int index) => $"d{index + 1:000}";

    /// <summary>City level whenever the running 15% share crosses a whole number: 48 of 322, spread evenly.</summary>
    private static string DeputyLevel(int index) =>
        (index + 1) * CityLevelPercent / 100 > index * CityLevelPercent / 100 ? "city" : "district";

    private static (string Zh, string En) StreetName(int index)
    {
        var (zh, en) = StreetStems[index];
        return index >= StreetCount - TownCount ? ($"{zh}镇", $"{en} Town") : ($"{zh}街道", $"{en} Street");
    }

    /// <summary>Walks the 144 stems with a stride coprime to 144, so neighbours differ and none repeats.</summary>
    private static (string Zh, string En) CommunityName(int index)
    {
        var stem = index * 67 % (CommunityLeads.Length * CommunityTails.Length);
        var lead = CommunityLeads[stem % CommunityLeads.Length];
        var tail = CommunityTails[stem / CommunityLeads.Length];
        return ($"{lead.Zh}{tail.Zh}社区", $"{lead.En}{tail.En} Community");
    }

    /// <summary>Maps the index through a stride coprime to 5,120, so all 322 names differ and look mixed.</summary>
    private static (string Zh, string En) DeputyName(int index)
    {
        var combos = Surnames.Length * GivenFirst.Length * GivenSecond.Length;
        var n = index * 1237 % combos;
        var surname = Surnames[n % Surnames.Length];
        n /= Surnames.Length;
        var first = GivenFirst[n % GivenFirst.Length];
        var second = GivenSecond[n / GivenFirst.Length];
        return ($"{surname.Zh}{first.Zh}{second.Zh}", $"{surname.En} {first.En}{second.En}");
    }
}
