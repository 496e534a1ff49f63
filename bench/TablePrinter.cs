using System.Globalization;
using Spectre.Console;

namespace OutlookCrm.Bench;

/// <summary>The one table printer: headline figures, then remote calls by operation.</summary>
public static class TablePrinter
{
    public static void Print(BenchResult r, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var table = new Table().Title($"{r.Scenario} / {r.Backend}").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, object? value) => table.AddRow(Markup.Escape(name), Markup.Escape(Format(value)));
        Row("machine", r.Machine);
        Row("items", r.Items);
        Row("latency per call (ms)", r.LatencyMs);
        Row("wall (s)", r.WallSeconds);
        Row("items/s", r.ItemsPerSecond);
        Row("calls total", r.Calls?.Total);
        Row("calls writes", r.Calls?.Writes);
        Row("minimum calls", r.MinimumCalls);
        Row("ratio", r.Ratio);
        Row("p50 / p95 / p99 (ms)", r.Latency is { } l ? $"{Format(l.P50Ms)} / {Format(l.P95Ms)} / {Format(l.P99Ms)}" : null);
        Row("peak working set (MB)", r.PeakWorkingSetMb);
        foreach (var (key, value) in r.Extra)
        {
            Row(key, value);
        }

        console.Write(table);
        if (r.Calls is { ByOperation.Count: > 0 } calls)
        {
            var ops = new Table().Title("remote calls by operation").AddColumn("operation").AddColumn(new TableColumn("calls").RightAligned());
            foreach (var (op, n) in calls.ByOperation.OrderByDescending(kv => kv.Value))
            {
                ops.AddRow(Markup.Escape(op), n.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(ops);
        }

        foreach (var note in r.Notes)
        {
            console.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "–",
        double d => d.ToString(d >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
