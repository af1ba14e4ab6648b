using System.Globalization;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Tabular.Rules;

namespace BeyondGan.Tabular.Tests;

public class RuleTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A table with one rule of every kind: a recoding (class ↔ code), a flag that follows a category (who → adult),
    /// a trip that ends after it starts, a total = fare + tip + one of three surcharges, a value missing exactly when
    /// a flag says, and noise columns that obey nothing.
    /// </summary>
    internal static RawTable Ruled(int rows, int seed = 3)
    {
        var rng = new Random(seed);
        string[] names = ["class", "code", "who", "adult", "start", "end", "fare", "tip", "total", "paid", "amount", "noise", "tag"];
        var cells = names.Select(_ => new string?[rows]).ToArray();
        string[] classes = ["First", "Second", "Third"];
        string[] whos = ["man", "woman", "child"];
        double[] surcharges = [0.5, 1.0, 2.5];
        var t0 = new DateTime(2024, 3, 1);
        for (int r = 0; r < rows; r++)
        {
            int c = rng.Next(3), w = rng.Next(3);
            var start = t0.AddSeconds(rng.Next(30 * 86400));
            var end = start.AddSeconds(60 + rng.Next(3600));
            double fare = Math.Round(2.5 + rng.NextDouble() * 40, 2), tip = Math.Round(rng.NextDouble() * 8, 2);
            double surcharge = surcharges[rng.Next(3)];
            bool paid = rng.NextDouble() < 0.7;
            cells[0][r] = classes[c];
            cells[1][r] = (c + 1).ToString(Inv);
            cells[2][r] = whos[w];
            cells[3][r] = w == 0 ? "True" : "False";
            cells[4][r] = start.ToString("yyyy-MM-dd HH:mm:ss", Inv);
            cells[5][r] = end.ToString("yyyy-MM-dd HH:mm:ss", Inv);
            cells[6][r] = fare.ToString("F2", Inv);
            cells[7][r] = tip.ToString("F2", Inv);
            cells[8][r] = (fare + tip + surcharge).ToString("F2", Inv);
            cells[9][r] = paid ? "yes" : "no";
            cells[10][r] = paid ? (10 + rng.NextDouble() * 90).ToString("F1", Inv) : null;
            cells[11][r] = (rng.NextDouble() * 100).ToString("F1", Inv);
            cells[12][r] = "t" + rng.Next(rows / 2).ToString(Inv);   // near-unique: must not "determine" anything
        }
        return new RawTable("ruled", names, cells);
    }

    private static (RawTable Table, TableSchema Schema, RuleSet Rules) Found(int rows = 600)
    {
        var table = Ruled(rows);
        var schema = SchemaInference.Infer(table);
        return (table, schema, RuleDiscovery.Find(table, schema));
    }

    [Fact]
    public void Discovery_finds_each_kind_of_rule_and_nothing_the_noise_obeys()
    {
        var (_, schema, rules) = Found();
        var described = rules.Rules.Where(r => r is not ValueRange).Select(r => r.Describe()).ToList();
        Assert.Equal(ColumnKind.Categorical, schema.Find("tag")!.Kind);
        Assert.Contains("class determines code (one to one)", described);
        Assert.Contains("who determines adult", described);
        Assert.Contains("start ≤ end", described);
        var sum = Assert.Single(rules.Rules.OfType<LinearIdentity>());
        Assert.Equal("total", sum.Total);
        Assert.Equal([new IdentityTerm("fare", 1), new IdentityTerm("tip", 1)], sum.Terms);
        Assert.Equal([0.5, 1.0, 2.5], sum.Offsets.Order());
        Assert.StartsWith("total = fare + tip + one of 3 offsets (", sum.Describe());
        Assert.DoesNotContain(rules.Rules, r => r is ValueRange { Column: "total" });   // a total's range is its parts
        Assert.Contains("amount is missing exactly when paid is no", described);
        Assert.DoesNotContain(rules.Rules, r => r.Columns.Contains("noise") && r is not ValueRange);
        Assert.DoesNotContain(rules.Rules, r => r.Columns.Contains("tag"));
        Assert.DoesNotContain("code determines class (one to one)", described);   // a recoding is one rule
        Assert.Contains(rules.Rules, r => r is ValueRange { Column: "fare" });
    }

    [Fact]
    public void A_relation_that_could_hold_by_chance_is_not_a_rule()
    {
        // x in [0, 3] and y in [0, 100]: x ≤ y holds in all 30 rows, but independent columns would do that by chance.
        var rng = new Random(1);
        var x = Enumerable.Range(0, 30).Select(_ => rng.Next(4).ToString(Inv)).ToArray();
        var y = Enumerable.Range(0, 30).Select(_ => (3 + rng.Next(97)).ToString(Inv)).ToArray();
        x[0] = "3"; y[0] = "3";
        // Two levels, two rows each: "a" → p, "b" → q holds, but a two-valued flag pairs that way by chance too often.
        var k = new string?[] { "a", "a", "b", "b" }.Concat(Enumerable.Range(0, 26).Select(i => $"k{i}")).ToArray();
        var v = new string?[] { "p", "p", "q", "q" }.Concat(Enumerable.Range(0, 26).Select(i => i % 2 == 0 ? "p" : "q")).ToArray();
        var table = new RawTable("chance", ["x", "y", "k", "v"], [x, y, k, v]);
        var rules = RuleDiscovery.Find(table, SchemaInference.Infer(table));
        Assert.DoesNotContain(rules.Rules, r => r is OrderRelation or FunctionalDependency);
    }

    [Fact]
    public void The_rewrite_is_lossless_on_the_training_table()
    {
        var (table, schema, rules) = Found();
        var plan = RuleEnforcement.Plan(rules, table, schema);
        var (modelled, modelledSchema) = plan.ToModelled(table);
        Assert.DoesNotContain("code", modelled.Columns);
        Assert.DoesNotContain("adult", modelled.Columns);
        Assert.DoesNotContain("total", modelled.Columns);
        Assert.Contains("total offset", modelled.Columns);
        Assert.Contains(modelled.Columns, c => c.StartsWith("end ", StringComparison.Ordinal));
        Assert.All(modelled.Column("amount"), v => Assert.NotNull(v));   // modelled without gaps, blanked back
        Assert.Equal(modelled.Columns.Count, modelledSchema.Columns.Count);
        var back = plan.ToOriginal(modelled);
        Assert.Equal(table.Columns, back.Columns);
        for (int c = 0; c < table.Columns.Count; c++)
            Assert.True(table.Cells[c].SequenceEqual(back.Cells[c]), $"column {table.Columns[c]} differs");
    }

    [Fact]
    public void Generated_rows_keep_every_rule_and_a_condition_on_a_looked_up_column_is_exact()
    {
        var (table, schema, _) = Found();
        using var model = CtganSynthesizer.Fit(table, schema, new CtganOptions { Epochs = 3, BatchSize = 60, Pac = 6, GeneratorDims = [32], CriticDims = [32], Seed = 1 });
        var sample = model.Sample(1_500, seed: 2);
        Assert.Equal(table.Columns, sample.Columns);
        foreach (var rule in model.Rules.Rules.Rules)
            Assert.True(rule.Check(sample, schema).Broken == 0, $"{rule.Describe()}: {rule.Check(sample, schema)}");
        // code is looked up from class: code=2 means class=Second in every row.
        var second = model.Sample(300, [new("code", "2")], seed: 3);
        Assert.All(second.Column("code"), v => Assert.Equal("2", v));
        Assert.All(second.Column("class"), v => Assert.Equal("Second", v));
        // adult=False is two values of who (woman, child): each row is one of them, both occur.
        var notAdult = model.Sample(300, [new("adult", "False")], seed: 4);
        Assert.All(notAdult.Column("adult"), v => Assert.Equal("False", v));
        Assert.Equal(["child", "woman"], notAdult.Column("who").Distinct().Order(StringComparer.Ordinal));
        var e = Assert.Throws<ArgumentException>(() => model.Sample(10, [new("class", "First"), new("code", "3")]));
        Assert.Contains("no training row has both", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Sample(10, [new("total", "12.00")]));
        Assert.Contains("'total' is computed from other columns by a rule (total = fare + tip", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Sample(10, [new("code", "7")]));
        Assert.Contains("'7' is not a category of 'code' seen in training (known: ", e.Message);
        Assert.Equal(300, model.Sample(300, stratify: "code").RowCount);
    }

    [Fact]
    public void A_model_file_keeps_its_rules()
    {
        var (table, schema, _) = Found(300);
        using var model = CtganSynthesizer.Fit(table, schema, new CtganOptions { Epochs = 2, BatchSize = 60, Pac = 6, GeneratorDims = [16], CriticDims = [16], Seed = 1 });
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.bgan");
        try
        {
            TabularModelFile.Save(path, model);
            using var loaded = TabularModelFile.Load(path);
            Assert.Equal(model.Rules.Rules.Rules.Select(r => r.Describe()), loaded.Rules.Rules.Rules.Select(r => r.Describe()));
            var a = model.Sample(500, seed: 5);
            var b = loaded.Sample(500, seed: 5);
            for (int c = 0; c < a.Columns.Count; c++) Assert.Equal(a.Cells[c], b.Cells[c]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void No_rules_models_every_column_as_it_is()
    {
        var (table, schema, _) = Found(300);
        var prepared = CtganSynthesizer.Prepare(table, schema, new CtganOptions { Epochs = 1, BatchSize = 60, Pac = 6 }, rules: RuleSet.None);
        Assert.False(prepared.Rules.Enforces);
        Assert.Equal(table.Columns, prepared.Transformer.Columns);
    }

    [Fact]
    public void Rules_round_trip_through_json_and_an_edited_list_is_learnt_again()
    {
        var (table, schema, rules) = Found(300);
        var back = RuleSet.FromJson(rules.ToJson(), "rules.json");
        Assert.Equal(rules.Rules.Select(r => r.Describe()), back.Rules.Select(r => r.Describe()));
        // A hand-written list: a recoding without its mapping, a sum without offsets.
        var edited = RuleSet.FromJson("""
            { "rules": [
              { "rule": "determines", "determinant": "class", "dependent": "code" },
              { "rule": "sum", "total": "total", "terms": [ { "column": "fare" }, { "column": "tip" } ] } ] }
            """, "edited.json");
        var plan = RuleEnforcement.Plan(edited, table, schema);
        Assert.Equal(3, plan.Rules.Rules.OfType<FunctionalDependency>().Single().Mapping.Count);
        Assert.Equal(3, plan.Rules.Rules.OfType<LinearIdentity>().Single().Offsets.Count);
        var (modelled, _) = plan.ToModelled(table);
        Assert.Equal(table.Cells[table.IndexOf("total")], plan.ToOriginal(modelled).Column("total"));
    }

    [Theory]
    [InlineData("{ \"rules\": [ { \"rule\": \"order\", \"lower\": \"start\", \"upper\": \"nowhere\" } ] }", "names 'nowhere', which is not a modelled column")]
    [InlineData("{ \"rules\": [ { \"rule\": \"order\", \"lower\": \"start\", \"upper\": \"fare\" } ] }", "must both be numbers or both datetimes")]
    [InlineData("{ \"rules\": [ { \"rule\": \"determines\", \"determinant\": \"fare\", \"dependent\": \"tip\" } ] }", "'fare' cannot determine another column")]
    [InlineData("{ \"rules\": [ { \"rule\": \"sum\", \"total\": \"total\", \"terms\": [ { \"column\": \"class\" } ] } ] }", "every column of a sum must be a number column")]
    [InlineData("{ \"rules\": [ { \"rule\": \"magic\" } ] }", "rules.json")]
    [InlineData("{ \"rules\": 3 }", "invalid rules JSON")]
    public void Bad_rules_are_refused_in_one_line_naming_the_file(string json, string expected)
    {
        var (_, schema, _) = Found(100);
        var e = Assert.Throws<TabularDataException>(() => RuleSet.FromJson(json, "rules.json").Validate(schema, "rules.json"));
        Assert.StartsWith("rules.json", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_upper_column_is_never_written_below_its_lower_bound()
    {
        // 1.24 with one decimal would round to 1.2, under its bound: it is raised to 1.3 instead.
        var column = new ColumnSchema("u", ColumnKind.Continuous);
        Assert.Equal("1.3", GapColumn.FormatAtLeast(column, 1, 1.24, 1.24));
        Assert.Equal("1.2", GapColumn.FormatAtLeast(column, 1, 1.24, 1.2));
        var date = new ColumnSchema("d", ColumnKind.DateTime, "yyyy-MM-dd");
        double noonOfDay1 = (new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc) - Transform.ContinuousEncoder.Epoch).TotalSeconds;
        Assert.Equal("2024-01-02", GapColumn.FormatAtLeast(date, 0, noonOfDay1, noonOfDay1));
    }
}
