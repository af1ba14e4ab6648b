using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Demo;
using BeyondGan.Tabular.Model;

namespace BeyondGan.Tabular.Tests;

/// <summary>The docs/TABULAR.md code example, kept compiling and running (on the demo table, with one epoch).</summary>
public class DocsExampleTests
{
    [Fact]
    public void Tabular_docs_example_runs()
    {
        var dir = Directory.CreateTempSubdirectory("bgan-docs-").FullName;
        try
        {
            CsvTableWriter.Write(Path.Combine(dir, "adult.csv"), DemoTable.Generate(300));
            var table = TableReader.Read(Path.Combine(dir, "adult.csv"));
            var schema = SchemaInference.Infer(table, new SchemaOptions { Ignore = ["customer_id"] });
            using var model = CtganSynthesizer.Fit(table, schema, new CtganOptions { Epochs = 1, Seed = 1 });
            TabularModelFile.Save(Path.Combine(dir, "adult.bgan"), model);
            var churners = model.Sample(1_000, [new("churned", "yes")], seed: 2);
            CsvTableWriter.Write(Path.Combine(dir, "rich.csv"), churners);
            Assert.All(churners.Column("churned"), v => Assert.Equal("yes", v));
            Assert.DoesNotContain("customer_id", churners.Columns);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Demo_table_is_deterministic_and_has_what_it_promises()
    {
        var a = DemoTable.Generate(2000, seed: 3);
        var b = DemoTable.Generate(2000, seed: 3);
        Assert.Equal(a.Cells.SelectMany(c => c), b.Cells.SelectMany(c => c));
        var schema = SchemaInference.Infer(a);
        Assert.Equal(ColumnKind.Identifier, schema.Find("customer_id")!.Kind);
        Assert.Equal(ColumnKind.DateTime, schema.Find("signup_date")!.Kind);
        Assert.Equal(ColumnKind.Boolean, schema.Find("churned")!.Kind);
        double churnRate = a.Column("churned").Count(v => v == "yes") / 2000.0;
        Assert.InRange(churnRate, 0.04, 0.2);                                        // imbalanced label
        Assert.InRange(a.Column("monthly_spend").Count(v => v is null) / 2000.0, 0.05, 0.11); // missing values
    }
}
